// DejaVu Sans for the pack, and the per-process caches that make table text cheap: pdfkit's fonts are parsed once,
// glyph metrics are looked up once per character, and identical font subsets are encoded once.
import { createRequire } from 'node:module'
import fs from 'node:fs'
import * as fontkit from 'fontkit'

export type FontName = 'regular' | 'bold'
type Font = unknown

/** The parts of pdfkit's embedded font that the fast table path uses (pdfkit keeps them internal). */
export interface EmbeddedFont {
  id: string
  ascender: number
  scale: number
  layoutCache?: Record<string, unknown>
  font: { glyphForCodePoint(cp: number): { id: number; advanceWidth: number; codePoints: number[] } }
  subset: { includeGlyph(id: number): number; glyphs: number[]; encode(): Uint8Array; memoised?: true }
  widths: number[]
  unicode: number[][]
  ref(): unknown
}
export interface DocInternals {
  _font: EmbeddedFont
  _fontSize: number
  page: { fonts: Record<string, unknown>; height: number }
  addContent(op: string): void
}

// pdfkit lays out each word with fontkit's shaper and caches the result per document; the runs depend only on
// the font, so one cache per font is shared by every pack this process draws (bounded by clearing it).
export const LAYOUT_CACHE_LIMIT = 50_000
export const sharedLayouts: Record<FontName, { entries: Record<string, unknown>; adoptions: number }> = {
  regular: { entries: Object.create(null), adoptions: 0 },
  bold: { entries: Object.create(null), adoptions: 0 },
}
/**
 * Glyph and advance (at size 1000) per character, per font, for the whole process. Table cells are set glyph by
 * glyph from this map, without fontkit's shaper (no kerning or ligatures, which table text does without): a cell
 * then costs a few map lookups, and a column width check is a sum.
 */
export const charMetrics: Record<FontName, Map<string, { id: number; advance: number; codePoints: number[] }>> = { regular: new Map(), bold: new Map() }
// Typed and dense: a plain array written at a few code points past Latin-1 ("–", "’") falls into V8's slow
// dictionary mode, and the width sums of table text read it per character. -1 marks a character not looked up yet.
const unknownAdvances = () => new Float64Array(0x10000).fill(-1)
export const flatAdvances: Record<FontName, Float64Array> = { regular: unknownAdvances(), bold: unknownAdvances() }
/**
 * Font subsets as embedded, by font and glyph list: a subset's bytes depend on nothing else, and packs use much
 * the same glyphs in much the same order, so most packs reuse an encoding (re-encoding was a fifth of a pack).
 */
const SUBSET_CACHE_LIMIT = 200
const encodedSubsets = new Map<string, Uint8Array>()

export function memoiseSubset(font: FontName, embedded: EmbeddedFont): void {
  const subset = embedded.subset
  if (subset.memoised) return
  const encode = subset.encode.bind(subset)
  subset.encode = () => {
    const key = `${font}:${subset.glyphs.join(',')}`
    let bytes = encodedSubsets.get(key)
    if (!bytes) {
      bytes = encode()
      if (encodedSubsets.size >= SUBSET_CACHE_LIMIT) encodedSubsets.delete(encodedSubsets.keys().next().value!)
      encodedSubsets.set(key, bytes)
    }
    return bytes
  }
  subset.memoised = true
}

/** A number as a PDF operand: at most two decimals. */
export const num = (n: number) => String(Math.round(n * 100) / 100)

const require = createRequire(import.meta.url)
let fonts: { regular: Font; bold: Font } | null = null
/** DejaVu Sans from its npm package, parsed once per process and shared by every document. */
export function loadFonts() {
  if (!fonts) {
    const dir = `${require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, '')}ttf/`
    fonts = {
      regular: fontkit.create(fs.readFileSync(`${dir}DejaVuSans.ttf`)),
      bold: fontkit.create(fs.readFileSync(`${dir}DejaVuSans-Bold.ttf`)),
    }
  }
  return fonts
}
