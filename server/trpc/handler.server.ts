import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { authenticate, clientAddress } from '../auth/session.server.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { toAppError } from '../errors.ts'
import { logger } from '../observability/logger.server.ts'
import { MAX_BATCH_SIZE } from './init.ts'
import type { AnyRouter } from '@trpc/server'
import { appRouter } from './router.ts'

/** Serves /api/trpc: plain JSON in and out (no transformer), so curl and other languages can call it. */
export async function handleTrpcRequest(request: Request, router: AnyRouter = appRouter): Promise<Response> {
  const { auth, setCookie } = await authenticate(request)
  const requestId = request.headers.get('x-request-id') ?? undefined
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: () => ({ auth, appUrl: appBaseUrl(), requestId, clientIp: clientAddress(request) }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') logger().error({ requestId, procedure: path, err: error.cause ?? error }, 'tRPC procedure failed')
    },
    responseMeta({ errors }) {
      const headers = new Headers({ 'Cache-Control': 'no-store' })
      // A 429 says when to come back.
      const retry = errors.map((e) => toAppError(e.cause)?.details?.retryAfterSeconds).find((s) => typeof s === 'number')
      if (retry !== undefined) headers.set('Retry-After', String(retry))
      return { headers }
    },
  })
  if (setCookie) response.headers.append('Set-Cookie', setCookie)
  return response
}
