import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { parseBearer } from '../auth/bearer.ts'
import { mfaEnrolmentGate } from '../auth/mfa-gate.server.ts'
import { env } from '../env.server.ts'
import { serveHotData } from './hot-data.server.ts'
import { createRemixHandler } from './remix-handler.server.ts'
import { securityHeaders } from './security-headers.server.ts'
import { type BodyLimits, readBodies } from './request-body.server.ts'
import { healthz, metricsEndpoint, readyz } from '../observability/health.server.ts'
import { logger } from '../observability/logger.server.ts'
import { metrics } from '../observability/metrics.server.ts'
import { type RequestContext, requestIdFrom, runWithRequest } from '../observability/request-context.ts'
import { loggablePath, routeLabeller } from '../observability/route-label.server.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
export const DATA_REQUEST_HEADER = 'x-accord-data-request'

/**
 * CSRF defence: a state-changing browser request must come from our own origin. A call authenticated by its
 * bearer token alone (its cookie is not read: server/auth/bearer.ts) is exempt; a malformed Authorization header
 * is not (issue 13, D13).
 */
export function originAllowed(method: string, headers: { origin?: string; authorization?: string; host?: string }, protocol: string, appUrl?: string): boolean {
  if (SAFE_METHODS.has(method)) return true
  if (parseBearer(headers.authorization) !== null) return true
  const origin = headers.origin
  if (!origin || origin === 'null') return false
  return origin === `${protocol}://${headers.host}` || (appUrl !== undefined && origin === appUrl.replace(/\/$/, ''))
}

export const REQUEST_ID_HEADER = 'x-request-id'

export function createApp(build: ServerBuild, options: { root: string; mode?: 'production' | 'development'; limits?: Partial<BodyLimits> }) {
  const app = express()
  app.disable('x-powered-by')
  const trustProxy = env().TRUST_PROXY
  if (trustProxy !== false) app.set('trust proxy', trustProxy)
  const limits = (): BodyLimits => ({
    maxBodyBytes: options.limits?.maxBodyBytes ?? env().MAX_BODY_BYTES,
    maxImportBytes: options.limits?.maxImportBytes ?? env().MAX_IMPORT_BYTES,
  })

  const routeOf = routeLabeller(build)
  app.use(securityHeaders)
  app.use((req, res, next) => {
    // The caller's (a proxy's) id when well formed, else ours: an unexpected error's answer names it, and every log
    // line of the request (and of the jobs it enqueues) carries it.
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER])
    req.headers[REQUEST_ID_HEADER] = requestId
    res.setHeader('X-Request-Id', requestId)
    const context: RequestContext = { requestId }
    res.locals.requestContext = context
    observe(req, res, routeOf)
    // Our own header, always overwritten, so a client cannot choose the address the rate limiter sees.
    req.headers['x-accord-client-ip'] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    // Remix hides `_data` from loaders; this says whether the answer goes to the browser as it is (a client-side
    // navigation) or is read by Remix to render a document. Always set here, so a client cannot choose it.
    req.headers[DATA_REQUEST_HEADER] = typeof req.query._data === 'string' ? '1' : '0'
    if (!originAllowed(req.method, { origin: req.get('origin'), authorization: req.get('authorization'), host: req.get('host') }, req.protocol, env().APP_URL)) {
      res.status(403).type('text/plain').send('Cross-site request refused: the Origin header does not match this site.')
      return
    }
    runWithRequest(context, next)
  })
  app.get('/healthz', healthz)
  app.get('/readyz', (req, res, next) => void readyz(req, res).catch(next))
  app.get('/metrics', (req, res, next) => void metricsEndpoint(req, res).catch(next))
  // Bodies are bounded and form bodies checked before any route sees them.
  app.use(readBodies(limits))
  // A body is read in the socket's callbacks, outside the request's context: enter it again for what follows.
  app.use((_req, res, next) => runWithRequest(res.locals.requestContext as RequestContext, next))

  app.use('/build', express.static(path.join(options.root, 'public/build'), { immutable: true, maxAge: '1y' }))
  // Only a path with a file extension can be a file in public/: pages skip the file-system lookup.
  const files = express.static(path.join(options.root, 'public'), { maxAge: '1h', index: false })
  app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? files(req, res, next) : next()))
  // A member whose organization requires MFA reaches nothing but enrolment until they enrol (ADR 017).
  app.use(mfaEnrolmentGate())
  app.get(/^\/p\//, (req, res, next) => void serveHotData(req, res, next).catch(next))
  const mode = options.mode ?? (env().NODE_ENV === 'production' ? 'production' : 'development')
  app.all('*', createRemixHandler(build, mode, () => limits().maxImportBytes))
  // The last resort: the client learns only the request id; the log keeps the error beside it.
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const requestId = String(req.headers[REQUEST_ID_HEADER] ?? '')
    // Express's own refusal of a path it cannot decode (malformed percent-encoding, status 400): the client's error.
    if (error instanceof URIError && (error as URIError & { status?: number }).status === 400 && !res.headersSent) {
      return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'The URL holds malformed percent-encoding', requestId } })
    }
    logger().error({ requestId, err: error, method: req.method, path: loggablePath(req.path) }, 'request failed')
    if (res.headersSent) return void res.destroy()
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: `Unexpected error (request id ${requestId})`, requestId } })
  })
  return app
}

/** On the answer's end: its duration in the route's histogram and one log line (static files: the histogram only). */
function observe(req: express.Request, res: express.Response, routeOf: ReturnType<typeof routeLabeller>) {
  const started = performance.now()
  res.once('close', () => {
    const seconds = (performance.now() - started) / 1000
    const route = routeOf(req.path, req.query._data)
    const status = res.writableFinished ? res.statusCode : 499
    metrics().requestDuration.observe({ method: req.method, route, status: String(status) }, seconds)
    if (route === 'static') return
    const line = { requestId: res.locals.requestContext?.requestId, method: req.method, route, path: loggablePath(req.path), status, ms: Math.round(seconds * 1000) }
    const log = logger()
    // At debug, the headers too (their cookie and authorization redacted by the logger).
    if (log.isLevelEnabled('debug')) log.debug({ ...line, req: { headers: req.headers } }, 'request')
    else log.info(line, 'request')
  })
}
