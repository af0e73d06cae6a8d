// Text set in the pack's embedded fonts: advances from per-character metrics cached across documents (to measure, fit
// and wrap), and strings encoded as glyph ids of this document's font subsets (ADR 008, Speed). The page writer
// (writer.ts) holds one per document and tells it the font and size it sets.
import { type DocInternals, type FontName, charMetrics, flatAdvances } from './fonts.ts'

// Glyph ids as 4-digit hex, for every subset: ids are small and dense, so the table grows to the largest one seen.
const hexIds: string[] = []
const hex4 = (gid: number) => {
  while (hexIds.length <= gid) hexIds.push(hexIds.length.toString(16).padStart(4, '0'))
  return hexIds[gid]
}

export class GlyphSetter {
  /** The font and size the writer last set. */
  font: FontName = 'regular'
  size = 0

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** Width of a line in the current font and size, as text() sets it. */
  width(str: string): number {
    return (this.advance(str) / 1000) * this.size
  }

  /** The string cut to a width with an ellipsis (widths from the per-character metrics). */
  fit(str: string, width: number): string {
    const limit = (width * 1000) / this.size
    if (this.advance(str) <= limit) return str
    let used = this.metric('…').advance
    let end = 0
    for (const ch of str) {
      const w = this.metric(ch).advance
      if (used + w > limit) break
      used += w
      end += ch.length
    }
    return `${str.slice(0, end).trimEnd()}…`
  }

  /**
   * Words of `str` in lines no wider than `width` in the current font. A word wider than a line is broken between
   * characters, never cut: the table text that wraps carries meaning (breach reasons, item names).
   */
  wrap(str: string, width: number): string[] {
    if (this.width(str) <= width) return [str]
    const lines: string[] = []
    // The last line's advance, summed as advance() sums it, so a word is measured onto it rather than the line again.
    let lastAdvance = 0
    for (const word of str.split(' ')) {
      const joined = lines.length ? this.sumAdvances(word, this.sumAdvances(' ', lastAdvance)) : 0
      if (lines.length && (joined / 1000) * this.size <= width) {
        lines[lines.length - 1] = `${lines[lines.length - 1]} ${word}`
        lastAdvance = joined
      } else if (this.width(word) <= width) {
        lines.push(word)
        lastAdvance = this.advance(word)
      } else {
        lines.push(...this.breakWord(word, width))
        lastAdvance = this.sumAdvances(lines[lines.length - 1])
      }
    }
    return lines
  }

  private breakWord(word: string, width: number): string[] {
    const limit = (width * 1000) / this.size
    const pieces: string[] = []
    let piece = ''
    let used = 0
    for (const ch of word) {
      const a = this.metric(ch).advance
      if (piece && used + a > limit) {
        pieces.push(piece)
        piece = ''
        used = 0
      }
      piece += ch
      used += a
    }
    if (piece) pieces.push(piece)
    return pieces
  }

  // The last string measured, and in which font: a table cell is measured by fit() and then again by encode().
  private measuredText: string | null = null
  private measuredFont: FontName = 'regular'
  private measuredAdvance = 0

  /** Advance of a string at size 1000; Basic Multilingual Plane characters from a flat array. */
  private advance(str: string): number {
    if (str === this.measuredText && this.font === this.measuredFont) return this.measuredAdvance
    const total = this.sumAdvances(str)
    this.measuredText = str
    this.measuredFont = this.font
    this.measuredAdvance = total
    return total
  }

  /** `total` plus the advances of `str`, added one character at a time from its first. */
  private sumAdvances(str: string, total = 0): number {
    const flat = flatAdvances[this.font]
    for (let i = 0; i < str.length; i++) {
      const code = str.charCodeAt(i)
      let a = flat[code]
      if (a < 0) {
        if (code >= 0xd800 && code <= 0xdfff) {
          // A surrogate pair: measure the whole code point once.
          const ch = String.fromCodePoint(str.codePointAt(i)!)
          total += this.metric(ch).advance
          i += ch.length - 1
          continue
        }
        a = flat[code] = this.metric(str[i]).advance
      }
      total += a
    }
    return total
  }

  private metric(ch: string) {
    const metrics = charMetrics[this.font]
    let m = metrics.get(ch)
    if (m === undefined) {
      const embedded = (this.doc as unknown as DocInternals)._font
      const glyph = embedded.font.glyphForCodePoint(ch.codePointAt(0)!)
      m = { id: glyph.id, advance: glyph.advanceWidth * embedded.scale, codePoints: glyph.codePoints }
      metrics.set(ch, m)
    }
    return m
  }

  // This document's subset glyph ids per font (0: not included yet): below U+0800 by UTF-16 unit in a typed array
  // (a sparse plain array falls into dictionary mode; one for the whole BMP costs more to clear than it saves), others
  // by code point in a map.
  private readonly glyphIds: Record<FontName, Uint16Array> = { regular: new Uint16Array(0x800), bold: new Uint16Array(0x800) }
  private readonly otherIds: Record<FontName, Map<number, number>> = { regular: new Map(), bold: new Map() }

  /** The string as glyph ids of the current font's subset, and its advance at size 1000. */
  encode(str: string): { hex: string; advance: number } {
    const ids = this.glyphIds[this.font]
    let hex = ''
    for (let i = 0; i < str.length; i++) {
      const code = str.charCodeAt(i)
      let gid = code < 0x800 ? ids[code] : 0
      if (gid === 0) {
        const cp = str.codePointAt(i)!
        if (code < 0x800) gid = ids[code] = this.includeGlyph(String.fromCodePoint(cp))
        else {
          const others = this.otherIds[this.font]
          gid = others.get(cp) ?? 0
          if (gid === 0) others.set(cp, (gid = this.includeGlyph(String.fromCodePoint(cp))))
        }
        if (cp > 0xffff) i++
      }
      hex += hex4(gid)
    }
    return { hex, advance: this.advance(str) }
  }

  /** The character's glyph added to this document's subset of the current font: its id there. */
  private includeGlyph(ch: string): number {
    const embedded = (this.doc as unknown as DocInternals)._font
    const m = this.metric(ch)
    const gid = embedded.subset.includeGlyph(m.id)
    embedded.widths[gid] ??= m.advance
    embedded.unicode[gid] ??= m.codePoints
    return gid
  }

}
