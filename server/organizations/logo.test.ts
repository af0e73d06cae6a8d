import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { HOSTILE_SVG } from '../../tests/fixtures/logo.ts'
import { AppError } from '../errors.ts'
import { LOGO_MAX_BYTES, SVG_RASTER_HEIGHT, kindOf, sanitiseLogo } from './logo.ts'

function png(width: number, height: number, text?: string): Buffer {
  const image = new PNG({ width, height })
  image.data.fill(200)
  const bytes = PNG.sync.write(image)
  if (!text) return bytes
  // A tEXt chunk after the header (CRC not checked by the decoder's ancillary path): metadata that must not survive.
  const chunk = Buffer.concat([Buffer.alloc(4), Buffer.from('tEXt'), Buffer.from(text), Buffer.alloc(4)])
  chunk.writeUInt32BE(text.length, 0)
  return Buffer.concat([bytes.subarray(0, 33), chunk, bytes.subarray(33)])
}

const code = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    return e instanceof AppError ? `${e.code} ${e.fieldErrors[0]?.field}: ${e.fieldErrors[0]?.message}` : String(e)
  }
  return 'ok'
}

describe('sanitiseLogo', () => {
  it('tells PNG and SVG by their bytes, not by a name or a type the client claims', () => {
    expect(kindOf(png(20, 20))).toBe('png')
    expect(kindOf(Buffer.from(HOSTILE_SVG))).toBe('svg')
    expect(kindOf(Buffer.from('\uFEFF<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg')
    expect(kindOf(Buffer.from('GIF89a....'))).toBeNull()
    expect(kindOf(Buffer.from('<html><svg></svg></html>'))).toBeNull()
  })

  it('re-encodes a PNG, keeping its pixels and dropping its metadata', () => {
    const out = sanitiseLogo(png(40, 20, 'Comment\0secret'))
    expect(out).toMatchObject({ width: 40, height: 20 })
    expect(out.png.includes(Buffer.from('secret'))).toBe(false)
    expect(PNG.sync.read(out.png).data[0]).toBe(200)
  })

  it('rasterises an SVG: scripts, handlers, external references and foreign objects do not survive', () => {
    const out = sanitiseLogo(Buffer.from(HOSTILE_SVG))
    expect(out.height).toBe(SVG_RASTER_HEIGHT)
    expect(out.width).toBe(SVG_RASTER_HEIGHT * (240 / 64))
    expect(kindOf(out.png)).toBe('png')
    for (const word of ['script', 'alert', 'onload', '127.0.0.1', 'foreignObject']) expect(out.png.includes(Buffer.from(word))).toBe(false)
  })

  it('refuses what is not a logo, naming the file field and the reason', () => {
    expect(code(() => sanitiseLogo(Buffer.alloc(0)))).toBe('BAD_REQUEST file: Choose a PNG or SVG file')
    expect(code(() => sanitiseLogo(Buffer.alloc(LOGO_MAX_BYTES + 1, 1)))).toBe('BAD_REQUEST file: At most 512 kB (this file is 513 kB)')
    expect(code(() => sanitiseLogo(Buffer.from('GIF89a')))).toBe('BAD_REQUEST file: Not a PNG or SVG image')
    expect(code(() => sanitiseLogo(png(8, 8)))).toBe('BAD_REQUEST file: Between 16 and 4096 pixels on each side (this one is 8 × 8)')
    const huge = png(20, 20)
    huge.writeUInt32BE(100_000, 16)
    expect(code(() => sanitiseLogo(huge))).toBe('BAD_REQUEST file: Between 16 and 4096 pixels on each side (this one is 100000 × 20)')
    expect(code(() => sanitiseLogo(png(20, 20).subarray(0, 60)))).toBe('BAD_REQUEST file: A damaged PNG (its image data does not decode)')
    expect(code(() => sanitiseLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><unclosed')))).toBe('BAD_REQUEST file: An SVG that cannot be drawn')
  })
})
