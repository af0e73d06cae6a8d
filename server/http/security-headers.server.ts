import { randomBytes } from 'node:crypto'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'

// Headers on every answer (issue 13, §3). Scripts run only from our origin or with this request's nonce (the
// inline scripts Remix renders carry it); no page may be framed; answers are not stored by browsers or proxies
// unless a route says otherwise (static files and pack PDFs set their own Cache-Control).
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // React sets style attributes (chart geometry, widths); styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Organisation logos may live on the organisation's own site.
    "img-src 'self' data: https:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function securityHeaders(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  const nonce = randomBytes(16).toString('base64')
  res.locals.cspNonce = nonce
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce))
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'same-origin')
  res.setHeader('X-Frame-Options', 'DENY')
  next()
}
