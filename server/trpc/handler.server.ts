import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { authenticate } from '../auth/session.server.ts'
import { appUrlFor } from '../http/app-url.ts'
import { appRouter } from './router.ts'

/** Serves /api/trpc: plain JSON in and out (no transformer), so curl and other languages can call it. */
export async function handleTrpcRequest(request: Request): Promise<Response> {
  const { auth, setCookie } = await authenticate(request)
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => ({ auth, appUrl: appUrlFor(request) }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error)
    },
  })
  if (setCookie) response.headers.append('Set-Cookie', setCookie)
  return response
}
