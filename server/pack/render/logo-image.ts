// The MSP's logo as pdfkit embeds it, decoded once per process. pdfkit decodes a PNG with an alpha channel for
// every document (inflate, unfilter, split the alpha, deflate both again): about a fifth of a pack's drawing. The
// result depends on the PNG's bytes alone, so it is kept by their SHA-256 and handed to the next document's image,
// which then writes the same objects in the same order (its finalize still runs on a later turn, as after the
// inflate), so the file's bytes are those of a fresh decode.
import crypto from 'node:crypto'

/** pdfkit's PNGImage (internal): the parts replayed here. */
interface PngImage {
  width: number
  height: number
  imgData: Uint8Array | null
  alphaChannel?: Uint8Array
  finalize(): void
  splitAlphaChannel(): void
  loadIndexedAlphaChannel(): void
  decodeData(): void
}

const LIMIT = 32
const decoded = new Map<string, { imgData: Uint8Array; alphaChannel: Uint8Array | undefined }>()

/** The logo opened in `doc`, its decoded pixels reused when this process has decoded the same PNG before. */
export function openLogo(doc: PDFKit.PDFDocument, png: Buffer): { width: number; height: number } {
  const image = (doc as unknown as { openImage(src: Buffer): PngImage }).openImage(png)
  const key = crypto.createHash('sha256').update(png).digest('base64')
  const done = decoded.get(key)
  if (done) {
    // Instead of decoding: the data the first decode gave, finalized on a later turn as the inflate's callback is.
    image.splitAlphaChannel = image.loadIndexedAlphaChannel = image.decodeData = function (this: PngImage) {
      this.imgData = done.imgData
      this.alphaChannel = done.alphaChannel
      setImmediate(() => this.finalize())
    }
  } else {
    const finalize = image.finalize.bind(image)
    image.finalize = () => {
      if (decoded.size >= LIMIT) decoded.delete(decoded.keys().next().value!)
      decoded.set(key, { imgData: image.imgData!, alphaChannel: image.alphaChannel })
      finalize()
    }
  }
  return image
}

/** Forgets the decoded logos (tests: the next pack decodes afresh). */
export function forgetDecodedLogos(): void {
  decoded.clear()
}
