import { SESSION_COOKIE } from '../auth/lucia.server.ts'
import { appRouter } from '../trpc/router.ts'
import { buildOpenApiDocument } from './build-openapi.ts'

let cached: Record<string, unknown> | undefined

/** The API's description, built once per process (the router does not change while it runs). */
export function openApiDocument(): Record<string, unknown> {
  cached ??= buildOpenApiDocument(appRouter, { sessionCookie: SESSION_COOKIE })
  return cached
}
