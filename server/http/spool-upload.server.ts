import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/**
 * An upload written to a private temporary file before it is imported (ADR 022 addendum, "writes while it parses"):
 * an import that holds a write transaction open while it reads must read at the disk's pace, never at a slow or
 * stalled client's (which would hold the partnership's rows locked, and a pooled connection, for as long as it
 * liked). The body's limit still ends the upload (its error comes out of here, nothing imported).
 */
export async function spoolUpload(body: globalThis.ReadableStream<Uint8Array> | Readable): Promise<{ open: () => fs.ReadStream; remove: () => Promise<void> }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'accord-upload-'))
  const file = path.join(dir, 'upload.csv')
  const remove = () => fs.promises.rm(dir, { recursive: true, force: true })
  try {
    const source = body instanceof Readable ? body : Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>)
    await pipeline(source, fs.createWriteStream(file, { mode: 0o600 }))
  } catch (error) {
    await remove()
    throw error
  }
  return { open: () => fs.createReadStream(file), remove }
}

/**
 * Runs `read` on the input at the disk's pace: a file's stream as it is (the CLI's), any other stream (an HTTP
 * body, stdin) spooled to a temporary file first and removed afterwards. The imports call it themselves, so the
 * guarantee holds for every caller, not only for the routes that remember it.
 */
export async function atDiskPace<T>(input: Readable | globalThis.ReadableStream<Uint8Array>, read: (stream: Readable) => Promise<T>): Promise<T> {
  if (input instanceof fs.ReadStream) return read(input)
  const upload = await spoolUpload(input)
  try {
    return await read(upload.open())
  } finally {
    await upload.remove()
  }
}
