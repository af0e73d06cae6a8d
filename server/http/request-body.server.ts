import type { Readable } from 'node:stream'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { AppError } from '../errors.ts'
import { firstUnsafeText } from '../validation/safe-text.ts'

// Every request body is bounded before any of it is parsed (issue 13, D1): an anonymous 300 MB form must cost
// at most the limit in memory, and a body announced too large is refused before a byte of it is read.

export interface BodyLimits {
  /** Forms and JSON: read whole into memory, so small. */
  maxBodyBytes: number
  /** The streamed CSV import: never held whole, so it may be large. */
  maxImportBytes: number
}

/** The streamed routes: their body goes to the handler as a stream, counted on the way. */
const STREAMED = /^\/api\/partnerships\/[^/]+\/(tickets|metrics)-csv\/?$/

const BODY = Symbol.for('accord.requestBody')
type WithBody = ExpressRequest & { [BODY]?: Uint8Array<ArrayBuffer> }

export function isStreamedUpload(path: string): boolean {
  return STREAMED.test(path)
}

function refuse(res: ExpressResponse, req: ExpressRequest, status: number, message: string, field?: string) {
  if (res.headersSent) return
  // The rest of an oversized body is not kept: Node discards what still arrives, and closes the connection once
  // the answer is out (closing it at once could reset it before the client reads the answer).
  if (status === 413) res.setHeader('Connection', 'close')
  res.status(status).json({ error: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', message, ...(field ? { field } : {}) } })
}

/**
 * Reads the body of every request that has one into memory, up to `maxBodyBytes` (413 past it, early when the
 * Content-Length says so), and checks a form body parses (400, not a 500 deep in an action, for a malformed
 * multipart body: D22) and carries no NUL or lone surrogate (D14). Streamed uploads are only checked against
 * their announced length here; `limitStream` counts the rest.
 */
export function readBodies(limits: () => BodyLimits) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    const { maxBodyBytes, maxImportBytes } = limits()
    const streamed = isStreamedUpload(req.path)
    const limit = streamed ? maxImportBytes : maxBodyBytes
    const announced = Number(req.get('content-length') ?? NaN)
    if (Number.isFinite(announced) && announced > limit) {
      return refuse(res, req, 413, `Request body too large: the limit is ${limit} bytes`)
    }
    if (streamed) return next()
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > limit) {
        done = true
        chunks.length = 0
        return refuse(res, req, 413, `Request body too large: the limit is ${limit} bytes`)
      }
      chunks.push(chunk)
    })
    req.on('error', () => {
      done = true
    })
    req.on('end', () => {
      if (done) return
      done = true
      const body = new Uint8Array(Buffer.concat(chunks))
      ;(req as WithBody)[BODY] = body
      void checkForm(req.get('content-type') ?? '', body).then((problem) => {
        if (problem) return refuse(res, req, 400, problem.message, problem.field)
        next()
      })
    })
  }
}

/** The body `readBodies` read, for the Remix request. */
export function bufferedBody(req: ExpressRequest): Uint8Array<ArrayBuffer> | undefined {
  return (req as WithBody)[BODY]
}

async function checkForm(contentType: string, body: Uint8Array<ArrayBuffer>): Promise<{ message: string; field?: string } | null> {
  const type = contentType.split(';')[0].trim().toLowerCase()
  if (type !== 'multipart/form-data' && type !== 'application/x-www-form-urlencoded') return null
  let form: FormData
  try {
    form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData()
  } catch {
    return { message: 'Malformed form body: it could not be parsed as ' + type }
  }
  for (const [name, value] of form.entries()) {
    const bad = firstUnsafeText(name) ?? (typeof value === 'string' ? firstUnsafeText(value) : firstUnsafeText(value.name))
    if (bad) return { message: `${name.replace(/[\u0000-\u001f]/g, '?')}: ${bad}`, field: name }
  }
  return null
}

/**
 * A streamed upload as a web stream, counted as it flows: past `limit` the stream fails with a 413 AppError.
 * Once it fails or its reader gives up, the rest of the upload is read and dropped rather than the connection
 * reset, so the answer (already streaming) still reaches the client.
 */
export function limitedBody(req: Readable, limit: number): ReadableStream<Uint8Array> {
  let size = 0
  let open = true
  const discardRest = () => {
    open = false
    req.removeAllListeners('data')
    req.resume()
  }
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > limit) {
            controller.error(payloadTooLarge(limit))
            return discardRest()
          }
          controller.enqueue(new Uint8Array(chunk))
          if ((controller.desiredSize ?? 0) <= 0) req.pause()
        })
        req.on('end', () => open && controller.close())
        req.on('error', (error) => open && controller.error(error))
        req.pause()
      },
      pull() {
        if (open) req.resume()
      },
      cancel() {
        discardRest()
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 256 * 1024 }),
  )
}

export const payloadTooLarge = (limit: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `file: the upload is larger than the limit of ${limit} bytes`, {
    fieldErrors: [{ field: 'file', message: `Larger than ${limit} bytes` }],
  })
