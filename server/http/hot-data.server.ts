import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { WORKSPACE_READ_TTL_MS, peekPartnershipRead } from '../cache/short-cache.ts'
import { authorisedHotCopy } from './authorised-hot-copy.server.ts'
import { HOT_LOADERS } from './hot-loaders.ts'

/**
 * The fast path for a browser's client-side navigation to a hot page (`?_data=` of a loader in HOT_LOADERS): when
 * the caller's session is valid as it stands and the access policy lets them read the partnership, and the copy
 * the loader serialised for this partnership generation is cached, it is sent as it is — the same bytes the loader
 * would answer, without a pass through the framework. Anything else (no session, a session to refresh, refused
 * access, a cold cache) goes on to Remix, which answers it fully.
 */
export async function serveHotData(req: ExpressRequest, res: ExpressResponse, next: NextFunction): Promise<void> {
  const routeId = typeof req.query._data === 'string' ? req.query._data : ''
  const hot = Object.hasOwn(HOT_LOADERS, routeId) ? HOT_LOADERS[routeId] : undefined
  const slug = hot ? hot.path.exec(req.path)?.[1] : undefined
  if (!hot || !slug || !/\bgzip\b/.test(req.get('accept-encoding') ?? '')) return next()
  try {
    const url = new URL(req.originalUrl, 'http://local')
    const headers = new Headers()
    for (const name of ['cookie', 'authorization']) {
      const value = req.get(name)
      if (value) headers.set(name, value)
    }
    const { copy, setCookie } = await authorisedHotCopy(new Request(url, { headers }), hot, decodeURIComponent(slug))
    if (!copy || setCookie) return next()
    // Past the TTL (a write by another process may be unseen) the copy is served for one more TTL while it is rebuilt.
    const body = peekPartnershipRead<{ text: string; gzip: Buffer }>(copy.cache, copy.partnershipId, copy.key, WORKSPACE_READ_TTL_MS)
    if (!body) return next()
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Encoding': 'gzip',
      'Content-Length': body.gzip.byteLength,
      Vary: 'Accept-Encoding',
      'X-Remix-Response': 'yes',
    })
    res.end(body.gzip)
  } catch {
    // Refused or failed: Remix gives the full answer (404, 403, the error page).
    next()
  }
}
