import { env } from '../env.server.ts'

/** The public origin: APP_URL when set (behind a proxy), else the origin the request came to. */
export function appUrlFor(request: Request): string {
  return env().APP_URL?.replace(/\/$/, '') ?? new URL(request.url).origin
}

/** The origin for links in mail sent outside a request (scheduled scans, the CLI): APP_URL, else this host's port. */
export function appBaseUrl(): string {
  return env().APP_URL?.replace(/\/$/, '') ?? `http://localhost:${env().PORT}`
}
