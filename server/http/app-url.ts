import { env } from '../env.server.ts'

/**
 * The one public origin every link in mail, calendar files and the API's shown URLs is built from (issue 13, D4):
 * APP_URL, else (outside production, where APP_URL is required) http://localhost:PORT. Never the request's Host
 * header or X-Forwarded-Host: whoever sends a request must not choose where the links in someone else's mail point.
 * Requests and background jobs (scans, reminders, packs) use the same origin.
 */
export function appBaseUrl(): string {
  return env().APP_URL?.replace(/\/$/, '') ?? `http://localhost:${env().PORT}`
}
