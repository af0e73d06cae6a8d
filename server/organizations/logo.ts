// An organization's logo, validated and made safe before it is stored (ADR 027). Pure apart from the rasteriser.
// PNG: the magic bytes, the header's dimensions, then decoded and encoded again, which drops every ancillary chunk
// (text, metadata) and proves the image data decodes. SVG: rasterised to PNG with resvg, which runs no script,
// loads no external resource and has no foreignObject support, so nothing active survives; what is stored and
// drawn is always a PNG.
import { Resvg } from '@resvg/resvg-js'
import { PNG } from 'pngjs'
import { AppError } from '../errors.ts'

export const LOGO_MAX_BYTES = 512 * 1024
/** Pixel bounds of an uploaded PNG, and the height an SVG is rasterised to (crisp at a cover's 60 pt). */
export const LOGO_MIN_PX = 16
export const LOGO_MAX_PX = 4096
export const SVG_RASTER_HEIGHT = 256

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export interface StoredLogo {
  png: Buffer
  width: number
  height: number
}

const invalid = (message: string) => new AppError('BAD_REQUEST', `file: ${message}`, { fieldErrors: [{ field: 'file', message }] })

export function kindOf(bytes: Buffer): 'png' | 'svg' | null {
  if (bytes.subarray(0, 8).equals(PNG_MAGIC)) return 'png'
  const head = bytes.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart()
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'svg'
  return null
}

/** The logo as a clean PNG, or a 400 naming the file and what is wrong with it. */
export function sanitiseLogo(bytes: Buffer): StoredLogo {
  if (bytes.length === 0) throw invalid('Choose a PNG or SVG file')
  if (bytes.length > LOGO_MAX_BYTES) throw invalid(`At most 512 kB (this file is ${Math.ceil(bytes.length / 1024)} kB)`)
  const kind = kindOf(bytes)
  if (kind === 'png') return cleanPng(bytes)
  if (kind === 'svg') return rasterise(bytes)
  throw invalid('Not a PNG or SVG image')
}

function checkSize(width: number, height: number) {
  if (width < LOGO_MIN_PX || height < LOGO_MIN_PX || width > LOGO_MAX_PX || height > LOGO_MAX_PX) {
    throw invalid(`Between ${LOGO_MIN_PX} and ${LOGO_MAX_PX} pixels on each side (this one is ${width} × ${height})`)
  }
}

function cleanPng(bytes: Buffer): StoredLogo {
  // IHDR comes first: width and height before decoding anything large.
  if (bytes.length < 33 || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') throw invalid('A damaged PNG (no header)')
  checkSize(bytes.readUInt32BE(16), bytes.readUInt32BE(20))
  let image: PNG
  try {
    image = PNG.sync.read(bytes)
  } catch {
    throw invalid('A damaged PNG (its image data does not decode)')
  }
  return { png: PNG.sync.write(image), width: image.width, height: image.height }
}

function rasterise(bytes: Buffer): StoredLogo {
  try {
    const svg = new Resvg(bytes, { fitTo: { mode: 'height', value: SVG_RASTER_HEIGHT }, font: { loadSystemFonts: false } })
    const image = svg.render()
    checkSize(image.width, image.height)
    return { png: Buffer.from(image.asPng()), width: image.width, height: image.height }
  } catch (e) {
    if (e instanceof AppError) throw e
    throw invalid('An SVG that cannot be drawn')
  }
}
