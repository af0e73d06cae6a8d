import {
  type ServerBuild,
  createRequestHandler as createNodeHandler,
  writeReadableStreamToWritable,
} from '@remix-run/node'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { bufferedBody, limitedBody } from './request-body.server.ts'

/**
 * @remix-run/express's handler (whose request and response helpers it repeats), except for the body: a form or JSON body is the one `readBodies` already read
 * and bounded; a streamed upload is counted against `maxImportBytes` as it flows (issue 13, D1).
 */
export function createRemixHandler(build: ServerBuild, mode: 'production' | 'development', maxImportBytes: () => number) {
  const handle = createNodeHandler(build, mode)
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const response = await handle(remixRequest(req, res, maxImportBytes()), { cspNonce: String(res.locals.cspNonce ?? '') })
      await sendRemixResponse(res, response)
    } catch (error) {
      next(error)
    }
  }
}

function remixRequest(req: ExpressRequest, res: ExpressResponse, maxImportBytes: number): Request {
  // As the express adapter: the host as express resolves it (honouring `trust proxy`), the port from the header.
  const port = (req.get('X-Forwarded-Host') ?? req.get('host') ?? '').split(':')[1]
  const url = new URL(`${req.protocol}://${req.hostname}${port && /^\d+$/.test(port) ? `:${port}` : ''}${req.originalUrl}`)
  let controller: AbortController | null = new AbortController()
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers: createRemixHeaders(req.headers), signal: controller.signal }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const buffered = bufferedBody(req)
    if (buffered) init.body = buffered
    else {
      init.body = limitedBody(req, maxImportBytes)
      init.duplex = 'half'
    }
  }
  res.on('finish', () => (controller = null))
  res.on('close', () => controller?.abort())
  return new Request(url.href, init)
}

function createRemixHeaders(requestHeaders: ExpressRequest['headers']): Headers {
  const headers = new Headers()
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value)
    else if (values) headers.set(key, values)
  }
  return headers
}

async function sendRemixResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  // A route's own header replaces the default set earlier (Cache-Control: no-store); only cookies add up.
  for (const [key, value] of response.headers.entries()) {
    if (key === 'set-cookie') res.append(key, value)
    else res.setHeader(key, value)
  }
  if (/text\/event-stream/i.test(response.headers.get('Content-Type') ?? '')) res.flushHeaders()
  if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}
