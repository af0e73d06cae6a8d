import { env } from '../env.server.ts'

/** The public origin: APP_URL when set (behind a proxy), else the origin the request came to. */
export function appUrlFor(request: Request): string {
  return env().APP_URL?.replace(/\/$/, '') ?? new URL(request.url).origin
}
