import { Transform, type TransformCallback } from 'node:stream'
import type { ActionFunctionArgs, AppLoadContext, EntryContext, HandleErrorFunction, LoaderFunctionArgs } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer, isRouteErrorResponse } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from '~/utils/nonce'
import { logError } from '~/api.server'

const ABORT_DELAY = 5_000

/**
 * React 18.3's streaming renderer sends its whole 2 KB buffer when a multi-byte character does not fit at the
 * end, zero bytes included (facebook/react#24985, fixed only in React 19). A zero can land inside an attribute,
 * where a browser reads it as U+FFFD, so a form could send it back. No NUL belongs in a page: they go here.
 */
class DropNulBytes extends Transform {
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk)
  }
}

// 404s and client aborts are answers, not server faults: only real errors reach the log.
export const handleError: HandleErrorFunction = (error, { request }: LoaderFunctionArgs | ActionFunctionArgs) => {
  if (request.signal.aborted) return
  if (isRouteErrorResponse(error) && error.status < 500) return
  logError(error)
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : ''
  const waitForAll = isbot(request.headers.get('user-agent') ?? '')
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const app = (
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>
    )
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      [waitForAll ? 'onAllReady' : 'onShellReady']() {
        shellRendered = true
        const body = new DropNulBytes()
        responseHeaders.set('Content-Type', 'text/html')
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
        pipe(body)
      },
      onShellError(error: unknown) {
        reject(error)
      },
      onError(error: unknown) {
        responseStatusCode = 500
        if (shellRendered) logError(error)
      },
    })
    setTimeout(abort, ABORT_DELAY)
  })
}
