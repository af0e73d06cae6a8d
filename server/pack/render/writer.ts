// The pack's page writer: pages, headings, notes and tables over pdfkit, with table cells set glyph by glyph from
// cached metrics (ADR 008, Speed). Sections call it; it knows nothing of the snapshot beyond the document's info.
import PDFDocument from 'pdfkit'
import type { PackSnapshot } from '../snapshot.ts'
import { type DocInternals, type FontName, LAYOUT_CACHE_LIMIT, loadFonts, memoiseSubset, num, sharedLayouts } from './fonts.ts'
import { GlyphSetter } from './glyphs.ts'
import { openLogo } from './logo-image.ts'
import { BOTTOM, CELL_PAD, CONTENT_W, type Column, INK, M, MUTED, PAGE, RULE } from './theme.ts'

type Doc = PDFKit.PDFDocument
/** A narrative text drawn under a section's heading: the text, a label above it, a line of who and when below. */
export interface Lead {
  text: string
  label?: string
  size?: number
  byline?: string
}
/** pdfkit's opened image (untyped in @types/pdfkit): drawn by reference, so it is embedded once. */
type PdfImage = { width: number; height: number }
/** pdfkit's font state (internal), as its font() leaves it. */
interface FontState {
  _font: unknown
  _fontCount: number
  _fontSource: unknown
  _fontFamily: unknown
  _registeredFonts: Record<string, { src: unknown; family: unknown }>
  fontSize(size: number): unknown
}

export class PackWriter {
  readonly doc: Doc
  y = M.top
  /** Measures and encodes text in the font and size set last. */
  private readonly glyphs: GlyphSetter
  readonly accent: string
  private section = ''
  /** The MSP's logo, opened once and referenced from every page (one image object in the file). */
  readonly logo: PdfImage | null = null
  /** The regular face as pdfkit embedded it in this document, once set. */
  private regularFont: unknown = null

  constructor(private readonly s: PackSnapshot) {
    const f = loadFonts()
    const asOf = new Date(s.asOf)
    this.accent = s.msp.primaryColor && /^#[0-9a-f]{6}$/i.test(s.msp.primaryColor) ? s.msp.primaryColor : '#1f5fbf'
    this.doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      autoFirstPage: false,
      bufferPages: true,
      compress: true,
      // pdfkit would otherwise parse Helvetica's metrics for every document, to set a font this pack never uses.
      font: f.regular as never,
      info: {
        Title: `QBR ${s.quarter}: ${s.msp.name} and ${s.client.name}`,
        Author: s.msp.name,
        Subject: `Quarterly business review ${s.quarter}`,
        Producer: 'Accord',
        Creator: 'Accord',
        CreationDate: asOf,
        ModDate: asOf,
      },
    })
    this.glyphs = new GlyphSetter(this.doc)
    this.doc.registerFont('regular', f.regular as never)
    this.doc.registerFont('bold', f.bold as never)
    if (s.msp.logo) this.logo = openLogo(this.doc, Buffer.from(s.msp.logo.png, 'base64'))
  }

  /** The logo fitted into a box, aligned to its right edge, keeping its proportions. */
  drawLogo(x: number, y: number, w: number, h: number) {
    if (!this.logo) return
    const scale = Math.min(w / this.logo.width, h / this.logo.height)
    this.doc.image(this.logo as never, x + w - this.logo.width * scale, y, { width: this.logo.width * scale, height: this.logo.height * scale })
  }

  setFont(font: FontName, size: number, color = INK) {
    // Font switches write operators and look fonts up; skip the ones that change nothing.
    if (font !== this.glyphs.font || size !== this.glyphs.size) {
      const d = this.doc as unknown as FontState
      const regular = this.regularFont
      if (font === 'regular' && regular) {
        // What doc.font('regular') does once the regular face is open: pdfkit opens the face again, finds it equal
        // to the open one (comparing its name table as JSON, each time) and keeps that one, having used an id.
        d._fontCount++
        d._fontSource = d._registeredFonts.regular.src
        d._fontFamily = d._registeredFonts.regular.family
        d.fontSize(size)
        d._font = regular
      } else {
        this.doc.font(font, size)
        if (font === 'regular') this.regularFont = d._font
      }
      this.glyphs.font = font
      this.glyphs.size = size
      const embedded = (this.doc as unknown as DocInternals)._font
      memoiseSubset(font, embedded)
      const shared = sharedLayouts[font]
      if (embedded.layoutCache !== shared.entries) {
        if (++shared.adoptions % 100 === 0 && Object.keys(shared.entries).length > LAYOUT_CACHE_LIMIT) shared.entries = Object.create(null)
        embedded.layoutCache = shared.entries
      }
    }
    this.doc.fillColor(color)
  }

  /** One line at (x, y) (its top, as pdfkit's text()); with options (wrapping), pdfkit's own text(). */
  text(str: string, x: number, y: number, options?: PDFKit.Mixins.TextOptions) {
    if (options) {
      this.doc.text(str, x, y, { lineBreak: false, ...options })
      return
    }
    const d = this.doc as unknown as DocInternals
    const font = d._font
    d.page.fonts[font.id] ??= font.ref()
    const baseline = d.page.height - y - (font.ascender / 1000) * this.glyphs.size
    d.addContent(`q 1 0 0 -1 0 ${num(d.page.height)} cm BT /${font.id} ${num(this.glyphs.size)} Tf 1 0 0 1 ${num(x)} ${num(baseline)} Tm <${this.glyphs.encode(str).hex}> Tj ET Q`)
  }

  /** Width of a line in the current font and size, as text() sets it. */
  width(str: string): number {
    return this.glyphs.width(str)
  }

  /** The string cut to a width with an ellipsis. */
  fit(str: string, width: number): string {
    return this.glyphs.fit(str, width)
  }

  /** Words of `str` in lines no wider than `width` in the current font (see GlyphSetter.wrap). */
  wrap(str: string, width: number): string[] {
    return this.glyphs.wrap(str, width)
  }

  newPage(section?: string) {
    this.doc.addPage({ size: 'A4', margin: 0 })
    this.glyphs.font = 'regular'
    this.glyphs.size = 0
    this.y = M.top
    if (section !== undefined) this.section = section
    if (this.section) {
      this.doc.rect(0, 0, PAGE.width, 6).fill(this.accent)
      // The page header: the MSP's logo at the right, above the heading's line.
      this.drawLogo(PAGE.width - M.right - 110, 16, 110, 26)
    }
  }

  heading(title: string) {
    this.setFont('bold', 18, INK)
    this.text(title, M.left, this.y)
    this.y += 28
    this.drawLead()
  }

  subheading(title: string) {
    this.ensure(40)
    this.setFont('bold', 11, INK)
    this.text(title, M.left, this.y)
    this.y += 18
    this.drawLead()
  }

  /**
   * The narrative's text for the section about to be drawn (ADR 029): set it under the section's first heading,
   * before its figures. Set by the renderer per section, so no section file needs to know about the narrative.
   */
  private lead: Lead | null = null
  beginSection(lead: Lead | null) {
    this.lead = lead
  }

  private drawLead() {
    const lead = this.lead
    if (!lead) return
    this.lead = null
    this.prose(lead.text, lead)
    if (lead.byline) {
      this.ensure(14)
      this.setFont('regular', 7.5, MUTED)
      this.text(lead.byline, M.left + 10, this.y - 4)
      this.y += 12
    }
    this.y += 6
  }

  /**
   * Plain text in paragraphs (its line breaks kept), wrapped to the content width and continued on the next page
   * when it runs long, with a rule in the accent colour down its left edge; an optional label above it.
   */
  prose(text: string, { label, size = 10 }: { label?: string; size?: number } = {}) {
    const lineH = Math.round(size * 1.45)
    const x = M.left + 10
    const width = CONTENT_W - 10
    if (label) {
      this.ensure(12 + lineH)
      this.setFont('bold', 7.5, MUTED)
      this.text(label.toUpperCase(), x, this.y)
      this.y += 12
    }
    this.setFont('regular', size, INK)
    const lines = text.split('\n').flatMap((para) => (para.trim() === '' ? [''] : this.glyphs.wrap(para.replace(/\t/g, '    '), width)))
    for (const line of lines) {
      this.ensure(lineH)
      // A hair taller than the line, so that the segments join without a seam when drawn.
      this.doc.rect(M.left, this.y - 2, 2.5, lineH + 0.5).fill(this.accent)
      this.setFont('regular', size, INK)
      if (line) this.text(line, x, this.y)
      this.y += lineH
    }
    this.y += 4
  }

  note(str: string) {
    this.setFont('regular', 8.5, MUTED)
    this.doc.text(str, M.left, this.y, { width: CONTENT_W })
    this.y = this.doc.y + 6
  }

  ensure(height: number) {
    if (this.y + height > BOTTOM) {
      this.newPage()
      this.setFont('bold', 10, MUTED)
      this.text(`${this.section} (continued)`, M.left, this.y)
      this.y += 20
    }
  }

  /**
   * A table that breaks across pages, repeating its header. Text cells (left-aligned) wrap onto as many lines as
   * they need and the row grows with them; figures (right-aligned) stay on one line. One text object per line of
   * a row, one font switch per header, rows ruled by a single path per page.
   */
  table(columns: Column[], rows: string[][], options: { rowHeight?: number; size?: number; mark?: (row: number) => string | null } = {}) {
    const rowHeight = options.rowHeight ?? 15
    const size = options.size ?? 8
    const lineStep = size + 2
    const xs: number[] = []
    let x = M.left
    for (const c of columns) {
      xs.push(x)
      x += c.width
    }
    // A header wider than its column wraps onto more lines (bottom-aligned, over the figures) rather than being cut:
    // a cut header ("Committed r…") leaves the reader guessing which column is which.
    this.setFont('bold', size, INK)
    const headLines = columns.map((c) => this.glyphs.wrap(c.header, c.width - 2 * CELL_PAD))
    const headDepth = Math.max(...headLines.map((l) => l.length))
    const headerHeight = rowHeight + (headDepth - 1) * lineStep
    const header = () => {
      this.doc.rect(M.left, this.y, CONTENT_W, headerHeight).fill('#f3f4f6')
      this.setFont('bold', size, INK)
      for (let k = 0; k < headDepth; k++) {
        this.row(headLines.map((l) => l[k - (headDepth - l.length)] ?? ''), xs, columns, size, rowHeight, this.y + k * lineStep)
      }
      this.y += headerHeight
      this.setFont('regular', size, INK)
    }
    this.ensure(headerHeight + rowHeight)
    header()
    let rules = [this.y]
    const rule = () => {
      // One path for all row rules of this page.
      for (const ry of rules) this.doc.moveTo(M.left, ry).lineTo(M.left + CONTENT_W, ry)
      this.doc.lineWidth(0.4).strokeColor(RULE).stroke()
    }
    for (let r = 0; r < rows.length; r++) {
      const cells = columns.map((c, i) => {
        const value = rows[r][i] ?? ''
        return c.align === 'right' || !value ? [value] : this.glyphs.wrap(value, c.width - 2 * CELL_PAD)
      })
      const depth = Math.max(1, ...cells.map((l) => l.length))
      const height = rowHeight + (depth - 1) * lineStep
      if (this.y + height > BOTTOM) {
        rule()
        this.newPage()
        this.setFont('bold', 10, MUTED)
        this.text(`${this.section} (continued)`, M.left, this.y)
        this.y += 20
        header()
        rules = [this.y]
      }
      const mark = options.mark?.(r)
      if (mark) {
        this.doc.rect(M.left, this.y, 3, height).fill(mark)
        this.doc.fillColor(INK)
      }
      if (depth === 1) this.row(cells.map((l) => l[0]), xs, columns, size, rowHeight)
      else for (let k = 0; k < depth; k++) this.row(cells.map((l) => l[k] ?? ''), xs, columns, size, rowHeight, this.y + k * lineStep)
      this.y += height
      rules.push(this.y)
    }
    rule()
    this.y += 10
  }

  /**
   * One row of cells in one text object: pdfkit's text() writes a save, a transform, BT…ET and a restore per call
   * and lays the string out with the shaper; a row of a long table needs only a position and the glyphs per cell.
   */
  private row(values: string[], xs: number[], columns: Column[], size: number, rowHeight: number, top = this.y) {
    const d = this.doc as unknown as DocInternals
    const font = d._font
    d.page.fonts[font.id] ??= font.ref()
    const pad = CELL_PAD
    const baseline = num(d.page.height - (top + (rowHeight - size) / 2 - 1) - (font.ascender / 1000) * size)
    const ops = [`q 1 0 0 -1 0 ${num(d.page.height)} cm BT /${font.id} ${num(size)} Tf`]
    for (let i = 0; i < columns.length; i++) {
      const value = values[i] ?? ''
      if (!value) continue
      const c = columns[i]
      const { hex, advance } = this.glyphs.encode(this.glyphs.fit(value, c.width - 2 * pad))
      const x = c.align === 'right' ? xs[i] + c.width - pad - (advance / 1000) * size : xs[i] + pad
      ops.push(`1 0 0 1 ${num(x)} ${baseline} Tm <${hex}> Tj`)
    }
    ops.push('ET Q')
    d.addContent(ops.join('\n'))
  }
}
