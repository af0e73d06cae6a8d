// The QBR pack as PDF bytes, pure: snapshot in, bytes out. Charts are drawn from the shared chart geometry
// (app/charts/geometry.ts) that the web pages' SVG charts use; text is set in DejaVu Sans (embedded, subset) so
// any client name renders. The same snapshot gives the same bytes: fixed dates and file ID from the as-of, no
// clock, no randomness, stable ordering in the snapshot.
import { createRequire } from 'node:module'
import fs from 'node:fs'
import * as fontkit from 'fontkit'
import PDFDocument from 'pdfkit'
import { type BarChartLayout, type LineChartLayout, barChart, hBarChart, lineChart } from '../../app/charts/geometry.ts'
import { KPI_TILES, PACK_SECTIONS, PRIORITY_COLORS, duration, fmtDelta, fmtMoney, fmtNum, fmtPct } from '../../app/charts/pack-format.ts'
import type { PackSnapshot } from './snapshot.ts'
import { renderPackDisputes } from './disputes-section.ts'

type Doc = PDFKit.PDFDocument
type Font = unknown

/** The parts of pdfkit's embedded font that the fast table path uses (pdfkit keeps them internal). */
interface EmbeddedFont {
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
interface DocInternals {
  _font: EmbeddedFont
  _fontSize: number
  page: { fonts: Record<string, unknown>; height: number }
  addContent(op: string): void
}

// pdfkit lays out each word with fontkit's shaper and caches the result per document; the runs depend only on
// the font, so one cache per font is shared by every pack this process draws (bounded by clearing it).
const LAYOUT_CACHE_LIMIT = 50_000
const sharedLayouts: Record<'regular' | 'bold', { entries: Record<string, unknown>; adoptions: number }> = {
  regular: { entries: Object.create(null), adoptions: 0 },
  bold: { entries: Object.create(null), adoptions: 0 },
}
/**
 * Glyph and advance (at size 1000) per character, per font, for the whole process. Table cells are set glyph by
 * glyph from this map, without fontkit's shaper (no kerning or ligatures, which table text does without): a cell
 * then costs a few map lookups, and a column width check is a sum.
 */
const charMetrics: Record<'regular' | 'bold', Map<string, { id: number; advance: number; codePoints: number[] }>> = { regular: new Map(), bold: new Map() }
const flatAdvances: Record<'regular' | 'bold', number[]> = { regular: [], bold: [] }
/**
 * Font subsets as embedded, by font and glyph list: a subset's bytes depend on nothing else, and packs use much
 * the same glyphs in much the same order, so most packs reuse an encoding (re-encoding was a fifth of a pack).
 */
const SUBSET_CACHE_LIMIT = 200
const encodedSubsets = new Map<string, Uint8Array>()

function memoiseSubset(font: 'regular' | 'bold', embedded: EmbeddedFont): void {
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
const num = (n: number) => String(Math.round(n * 100) / 100)

const require = createRequire(import.meta.url)
let fonts: { regular: Font; bold: Font } | null = null
/** DejaVu Sans from its npm package, parsed once per process and shared by every document. */
function loadFonts() {
  if (!fonts) {
    const dir = `${require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, '')}ttf/`
    fonts = {
      regular: fontkit.create(fs.readFileSync(`${dir}DejaVuSans.ttf`)),
      bold: fontkit.create(fs.readFileSync(`${dir}DejaVuSans-Bold.ttf`)),
    }
  }
  return fonts
}

const PAGE = { width: 595.28, height: 841.89 }
const M = { left: 42, right: 42, top: 56, bottom: 54 }
const CONTENT_W = PAGE.width - M.left - M.right
const BOTTOM = PAGE.height - M.bottom
const INK = '#1b1f24'
const MUTED = '#57606a'
const RULE = '#d0d7de'
const GOOD = '#0e7c66'
const BAD = '#b42318'
/** Space between a table cell's edge and its text. */
const CELL_PAD = 4

export interface RenderOptions {
  onProgress?: (stage: string, done: number, total: number) => void
}

interface Column {
  header: string
  width: number
  align?: 'left' | 'right'
}

class PackWriter {
  readonly doc: Doc
  y = M.top
  private font: 'regular' | 'bold' = 'regular'
  private size = 0
  readonly accent: string
  private section = ''

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
    this.doc.registerFont('regular', f.regular as never)
    this.doc.registerFont('bold', f.bold as never)
  }

  setFont(font: 'regular' | 'bold', size: number, color = INK) {
    // Font switches write operators and look fonts up; skip the ones that change nothing.
    if (font !== this.font || size !== this.size) {
      this.doc.font(font, size)
      this.font = font
      this.size = size
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
    const baseline = d.page.height - y - (font.ascender / 1000) * this.size
    d.addContent(`q 1 0 0 -1 0 ${num(d.page.height)} cm BT /${font.id} ${num(this.size)} Tf 1 0 0 1 ${num(x)} ${num(baseline)} Tm <${this.encode(str).hex}> Tj ET Q`)
  }

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

  /** Words of `str` in lines no wider than `width` in the current font; a single word wider than that is cut. */
  wrap(str: string, width: number): string[] {
    if (this.width(str) <= width) return [str]
    const lines: string[] = []
    for (const word of str.split(' ')) {
      const last = lines.at(-1)
      if (last !== undefined && this.width(`${last} ${word}`) <= width) lines[lines.length - 1] = `${last} ${word}`
      else lines.push(this.fit(word, width))
    }
    return lines
  }

  /** Advance of a string at size 1000; Basic Multilingual Plane characters from a flat array. */
  private advance(str: string): number {
    const flat = flatAdvances[this.font]
    let total = 0
    for (let i = 0; i < str.length; i++) {
      const code = str.charCodeAt(i)
      let a = flat[code]
      if (a === undefined) {
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

  // This document's subset glyph ids (as 4-digit hex) per UTF-16 unit of the BMP, per font; others in a map.
  private readonly glyphHex: Record<'regular' | 'bold', string[]> = { regular: [], bold: [] }
  private readonly wideHex: Record<'regular' | 'bold', Map<string, string>> = { regular: new Map(), bold: new Map() }

  /** The string as glyph ids of the current font's subset, and its advance at size 1000. */
  encode(str: string): { hex: string; advance: number } {
    const embedded = (this.doc as unknown as DocInternals)._font
    const ids = this.glyphHex[this.font]
    let hex = ''
    for (let i = 0; i < str.length; i++) {
      const code = str.charCodeAt(i)
      let h: string | undefined = ids[code]
      if (h === undefined) {
        const wide = code >= 0xd800 && code <= 0xdfff
        const ch = wide ? String.fromCodePoint(str.codePointAt(i)!) : str[i]
        h = wide ? this.wideHex[this.font].get(ch) : undefined
        if (h === undefined) {
          const m = this.metric(ch)
          const gid = embedded.subset.includeGlyph(m.id)
          embedded.widths[gid] ??= m.advance
          embedded.unicode[gid] ??= m.codePoints
          h = gid.toString(16).padStart(4, '0')
          if (wide) this.wideHex[this.font].set(ch, h)
          else ids[code] = h
        }
        if (wide) i += ch.length - 1
      }
      hex += h
    }
    return { hex, advance: this.advance(str) }
  }

  newPage(section?: string) {
    this.doc.addPage({ size: 'A4', margin: 0 })
    this.font = 'regular'
    this.size = 0
    this.y = M.top
    if (section !== undefined) this.section = section
    if (this.section) {
      this.doc.rect(0, 0, PAGE.width, 6).fill(this.accent)
    }
  }

  heading(title: string) {
    this.setFont('bold', 18, INK)
    this.text(title, M.left, this.y)
    this.y += 28
  }

  subheading(title: string) {
    this.ensure(40)
    this.setFont('bold', 11, INK)
    this.text(title, M.left, this.y)
    this.y += 18
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
   * A table that breaks across pages, repeating its header: one text call per cell, one font switch per header,
   * rows ruled by a single path per page.
   */
  table(columns: Column[], rows: string[][], options: { rowHeight?: number; size?: number; mark?: (row: number) => string | null } = {}) {
    const rowHeight = options.rowHeight ?? 15
    const size = options.size ?? 8
    const xs: number[] = []
    let x = M.left
    for (const c of columns) {
      xs.push(x)
      x += c.width
    }
    // A header wider than its column wraps onto more lines (bottom-aligned, over the figures) rather than being cut:
    // a cut header ("Committed r…") leaves the reader guessing which column is which.
    this.setFont('bold', size, INK)
    const lines = columns.map((c) => this.wrap(c.header, c.width - 2 * CELL_PAD))
    const depth = Math.max(...lines.map((l) => l.length))
    const lineStep = size + 2
    const headerHeight = rowHeight + (depth - 1) * lineStep
    const header = () => {
      this.doc.rect(M.left, this.y, CONTENT_W, headerHeight).fill('#f3f4f6')
      this.setFont('bold', size, INK)
      for (let k = 0; k < depth; k++) {
        this.row(lines.map((l) => l[k - (depth - l.length)] ?? ''), xs, columns, size, rowHeight, this.y + k * lineStep)
      }
      this.y += headerHeight
      this.setFont('regular', size, INK)
    }
    this.ensure(headerHeight + rowHeight)
    header()
    let ruleFrom = this.y
    const rule = () => {
      // One path for all row rules of this page.
      for (let ry = ruleFrom; ry <= this.y + 0.1; ry += rowHeight) this.doc.moveTo(M.left, ry).lineTo(M.left + CONTENT_W, ry)
      this.doc.lineWidth(0.4).strokeColor(RULE).stroke()
    }
    for (let r = 0; r < rows.length; r++) {
      if (this.y + rowHeight > BOTTOM) {
        rule()
        this.newPage()
        this.setFont('bold', 10, MUTED)
        this.text(`${this.section} (continued)`, M.left, this.y)
        this.y += 20
        header()
        ruleFrom = this.y
      }
      const mark = options.mark?.(r)
      if (mark) {
        this.doc.rect(M.left, this.y, 3, rowHeight).fill(mark)
        this.doc.fillColor(INK)
      }
      this.row(rows[r], xs, columns, size, rowHeight)
      this.y += rowHeight
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
    const baseline = d.page.height - (top + (rowHeight - size) / 2 - 1) - (font.ascender / 1000) * size
    const ops = [`q 1 0 0 -1 0 ${num(d.page.height)} cm BT /${font.id} ${num(size)} Tf`]
    for (let i = 0; i < columns.length; i++) {
      const value = values[i] ?? ''
      if (!value) continue
      const c = columns[i]
      const { hex, advance } = this.encode(this.fit(value, c.width - 2 * pad))
      const x = c.align === 'right' ? xs[i] + c.width - pad - (advance / 1000) * size : xs[i] + pad
      ops.push(`1 0 0 1 ${num(x)} ${num(baseline)} Tm <${hex}> Tj`)
    }
    ops.push('ET Q')
    d.addContent(ops.join('\n'))
  }

  axes(layout: BarChartLayout | LineChartLayout, ox: number, oy: number) {
    const d = this.doc
    for (const t of layout.yTicks) d.moveTo(ox + layout.plot.x, oy + t.y).lineTo(ox + layout.plot.x + layout.plot.width, oy + t.y)
    d.lineWidth(0.5).strokeColor(RULE).stroke()
    this.setFont('regular', 7, MUTED)
    for (const t of layout.yTicks) this.text(t.label, ox + layout.plot.x - 4 - this.width(t.label), oy + t.y - 3.5)
    for (const l of layout.xLabels) this.text(l.label, ox + l.x - this.width(l.label) / 2, oy + layout.plot.y + layout.plot.height + 5)
    this.setFont('regular', 8, INK)
    for (const l of layout.legend) {
      d.rect(ox + l.x, oy + l.y - 7, 8, 8).fill(l.color)
      d.fillColor(INK)
      this.text(l.name, ox + l.x + 11, oy + l.y - 7)
    }
  }

  bars(layout: BarChartLayout, ox: number, oy: number) {
    this.axes(layout, ox, oy)
    // One fill per colour: bars of a series become one path.
    const byColor = new Map<string, BarChartLayout['bars']>()
    for (const b of layout.bars) byColor.set(b.color, [...(byColor.get(b.color) ?? []), b])
    for (const [color, bars] of byColor) {
      for (const b of bars) if (b.height > 0) this.doc.rect(ox + b.x, oy + b.y, Math.max(0.5, b.width - 0.8), b.height)
      this.doc.fill(color)
    }
  }

  lines(layout: LineChartLayout, ox: number, oy: number) {
    this.axes(layout, ox, oy)
    const d = this.doc
    for (const line of layout.lines) {
      for (const seg of line.segments) {
        seg.forEach((p, i) => (i ? d.lineTo(ox + p.x, oy + p.y) : d.moveTo(ox + p.x, oy + p.y)))
      }
      d.lineWidth(1.6).strokeColor(line.color).stroke()
      for (const seg of line.segments) for (const p of seg) d.circle(ox + p.x, oy + p.y, 2.2)
      d.fill(line.color)
    }
  }
}

/** The pack's pages, in PACK_SECTIONS order after the cover. */
export function renderPack(s: PackSnapshot, options: RenderOptions = {}): Promise<Buffer> {
  const w = new PackWriter(s)
  const d = w.doc
  const total = PACK_SECTIONS.length + 1
  let done = 0
  const progress = () => options.onProgress?.('render', ++done, total)
  const zoneDate = new Intl.DateTimeFormat('en-GB', { timeZone: s.timezone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: s.timezone, day: '2-digit', month: 'short', year: 'numeric' })
  const title = (id: (typeof PACK_SECTIONS)[number]['id']) => PACK_SECTIONS.find((x) => x.id === id)!.title

  // Cover.
  w.newPage('')
  d.rect(0, 0, PAGE.width, 250).fill(w.accent)
  w.setFont('bold', 14, '#ffffff')
  w.text(s.msp.name, M.left, 70)
  w.setFont('regular', 11, '#ffffff')
  w.text('Quarterly business review', M.left, 92)
  w.setFont('bold', 30, '#ffffff')
  w.text(s.client.name, M.left, 150, { width: CONTENT_W, lineBreak: true })
  w.setFont('bold', 20, INK)
  w.text(s.quarter, M.left, 290)
  w.setFont('regular', 10, MUTED)
  w.text(`Figures as of ${zoneDate.format(new Date(s.asOf))}`, M.left, 320)
  w.text(`SLA policy v${s.policy.version} “${s.policy.name}”, clocks in ${s.timezone}`, M.left, 336)
  w.text(`Compared with ${s.previousQuarter}`, M.left, 352)
  w.setFont('bold', 10, INK)
  w.text('Contents', M.left, 400)
  w.setFont('regular', 10, INK)
  PACK_SECTIONS.forEach((sec, i) => w.text(`${i + 1}.  ${sec.title}`, M.left, 420 + i * 16))
  progress()

  // Executive summary.
  w.newPage(title('summary'))
  w.heading(title('summary'))
  const tileW = (CONTENT_W - 2 * 12) / 3
  KPI_TILES.forEach((t, i) => {
    const x = M.left + (i % 3) * (tileW + 12)
    const y = w.y + Math.floor(i / 3) * 92
    const pair = s.kpis[t.key]
    d.roundedRect(x, y, tileW, 80, 4).lineWidth(0.6).strokeColor(RULE).stroke()
    w.setFont('regular', 8, MUTED)
    w.text(t.label.toUpperCase(), x + 10, y + 10)
    w.setFont('bold', 20, INK)
    w.text(t.value(pair), x + 10, y + 26)
    const delta = fmtDelta(pair, t.unit)
    w.setFont('regular', 8, MUTED)
    w.text(`${delta} vs ${s.previousQuarter}`, x + 10, y + 58)
  })
  w.y += 2 * 92 + 10
  w.note(
    `Attainment is met ÷ (met + breached) per clock, computed by Accord from ticket timestamps; pending tickets are counted beside it (${fmtNum(s.sla.overall.response.pending)} response, ${fmtNum(s.sla.overall.resolution.pending)} resolution pending). ${fmtNum(s.sla.breachCount)} tickets breached an SLA in ${s.quarter}. Median resolution ${duration(s.tickets.medianResolutionMinutes)}; ${fmtNum(s.tickets.csatResponses)} CSAT answers.`,
  )
  progress()

  // SLA performance.
  w.newPage(title('sla'))
  w.heading(title('sla'))
  w.subheading('By priority')
  const tally = (t: { met: number; breached: number; pending: number; attainment: number | null }) => [fmtPct(t.attainment), fmtNum(t.met), fmtNum(t.breached), fmtNum(t.pending)]
  const target = (p: keyof PackSnapshot['policy']['targets']) => `${duration(s.policy.targets[p].responseMinutes)} / ${duration(s.policy.targets[p].resolutionMinutes)}`
  // Ten columns on the width of the page: each as wide as its widest header or cell ("4 h 00 min / 1 d 0 h",
  // "breached"), the rest to the last.
  const clock = (name: string): Column[] => [
    { header: name, width: name === 'Response' ? 54 : 58, align: 'right' },
    { header: 'met', width: 38, align: 'right' },
    { header: 'breached', width: 52, align: 'right' },
    { header: 'pending', width: 47, align: 'right' },
  ]
  const slaColumns: Column[] = [{ header: 'P', width: 24 }, { header: 'Targets', width: 102 }, ...clock('Response'), ...clock('Resolution')]
  slaColumns[slaColumns.length - 1].width = CONTENT_W - slaColumns.slice(0, -1).reduce((sum, c) => sum + c.width, 0)
  w.table(
    slaColumns,
    [
      ...s.sla.byPriority.map((p) => [p.priority, target(p.priority), ...tally(p.response), ...tally(p.resolution)]),
      ['All', '', ...tally(s.sla.overall.response), ...tally(s.sla.overall.resolution)],
    ],
  )
  w.subheading('Attainment per month')
  const monthly = lineChart({
    width: CONTENT_W,
    height: 190,
    min: 0,
    max: 100,
    format: (v) => `${v}%`,
    categories: s.sla.months.map((m) => m.month),
    series: [
      { name: 'Response', color: w.accent, values: s.sla.months.map((m) => m.response) },
      { name: 'Resolution', color: GOOD, values: s.sla.months.map((m) => m.resolution) },
    ],
  })
  w.ensure(200)
  w.lines(monthly, M.left, w.y)
  w.y += 200
  if (s.sla.metricSlas.length) {
    w.subheading('Service metrics')
    w.table(
      [
        { header: 'Metric', width: 140 },
        { header: 'Target', width: 80 },
        { header: 'Period', width: 90 },
        { header: 'Value', width: 90, align: 'right' },
        { header: 'Met', width: CONTENT_W - 400 },
      ],
      s.sla.metricSlas.flatMap((m) => m.results.map((r) => [m.metric, `${m.op} ${m.target}`, r.period, fmtNum(r.value, 3), r.met === null ? '—' : r.met ? 'met' : 'missed'])),
    )
  }
  w.subheading(`Breaches (${fmtNum(s.sla.breachCount)}; the first ${Math.min(15, s.sla.breaches.length)} by priority, all in the appendix)`)
  w.table(breachColumns(), s.sla.breaches.slice(0, 15).map((b) => breachRow(b, day)))
  if (s.disputes) renderPackDisputes(w, s.disputes, s.quarter, CONTENT_W)
  progress()

  // Ticket trends.
  w.newPage(title('tickets'))
  w.heading(title('tickets'))
  w.subheading(`Weekly volume by priority (${fmtNum(s.tickets.total)} tickets opened)`)
  const weekly = barChart({
    width: CONTENT_W,
    height: 200,
    stacked: true,
    categories: s.tickets.weekly.map((x) => x.week.slice(5)),
    series: (['P1', 'P2', 'P3', 'P4'] as const).map((p) => ({ name: p, color: PRIORITY_COLORS[p], values: s.tickets.weekly.map((x) => x.byPriority[p]) })),
  })
  w.bars(weekly, M.left, w.y)
  w.y += 210
  w.subheading('By queue')
  const queues = hBarChart({ width: CONTENT_W, labelWidth: 150, rowHeight: 16, color: w.accent, rows: s.tickets.byQueue.slice(0, 12).map((q) => ({ label: q.queue, value: q.count })) })
  w.ensure(queues.height)
  hbars(w, queues.bars, M.left, w.y)
  w.y += queues.height + 14
  progress()

  // Key-person dependency.
  w.subheading(title('key-person'))
  w.note(
    `Share of the ${fmtNum(s.keyPerson.total)} tickets opened in ${s.quarter} per assignee. The top three resolved ${fmtPct(s.keyPerson.topThreeCriticalShare === null ? null : s.keyPerson.topThreeCriticalShare * 100)} of the escalated or P1/P2 tickets.`,
  )
  const people = hBarChart({ width: CONTENT_W, labelWidth: 150, rowHeight: 16, color: '#8250df', max: 1, rows: s.keyPerson.assignees.map((a) => ({ label: a.assignee, value: a.share })) })
  w.ensure(people.height)
  hbars(w, people.bars, M.left, w.y, (v) => fmtPct(v * 100))
  w.y += people.height + 10
  progress()

  // Responsibility matrix.
  w.newPage(title('responsibilities'))
  w.heading(title('responsibilities'))
  w.note(`Rows marked with a bar changed since the last QBR (${day.format(new Date(s.responsibilities.since))}): ${fmtNum(s.responsibilities.changes.length)} field changes.`)
  w.table(
    [
      { header: 'Category', width: 95 },
      { header: 'Function', width: 150 },
      { header: 'Class', width: 55 },
      { header: 'MSP', width: 35 },
      { header: 'Client', width: 40 },
      { header: 'MSP owner', width: 68 },
      { header: 'Client owner', width: CONTENT_W - 443 },
    ],
    s.responsibilities.rows.map((r) => [r.category, r.name, r.classification, r.mspRaci, r.clientRaci, r.mspOwner ?? '—', r.clientOwner ?? '—']),
    { mark: (i) => (s.responsibilities.rows[i].changed ? '#dc6803' : null) },
  )
  if (s.responsibilities.changes.length) {
    w.subheading('Changes since the last QBR')
    w.table(
      [
        { header: 'When', width: 62 },
        { header: 'Function', width: 150 },
        { header: 'Change', width: 120 },
        { header: 'By', width: CONTENT_W - 332 },
      ],
      s.responsibilities.changes.map((c) => [day.format(new Date(c.at)), c.name, c.kind === 'changed' ? `${c.field} changed` : c.kind, c.by]),
    )
  }
  progress()

  // Roadmap and budget.
  w.newPage(title('roadmap'))
  w.heading(title('roadmap'))
  w.subheading(`Next four quarters: ${s.roadmap.quarters[0]} to ${s.roadmap.quarters[s.roadmap.quarters.length - 1]}`)
  w.table(
    [
      { header: 'Quarter', width: 55 },
      { header: 'Item', width: 175 },
      { header: 'Status', width: 75 },
      { header: 'Priority', width: 60 },
      { header: 'One-time', width: 70, align: 'right' },
      { header: 'Recurring', width: CONTENT_W - 435, align: 'right' },
    ],
    s.roadmap.items.map((i) => [i.targetQuarter ?? '—', i.title, i.status.replace('_', ' ').toLowerCase(), i.priority.toLowerCase(), fmtMoney(i.oneTime, i.currency), `${fmtMoney(i.recurring, i.currency)}/${i.recurringPeriod === 'YEAR' ? 'yr' : 'mo'}`]),
  )
  for (const b of s.roadmap.budget) {
    w.subheading(`Budget roll-up (${b.currency}): committed and planned`)
    w.table(
      [
        { header: 'Period', width: 70 },
        ...['Committed one-time', 'Committed recurring', 'Committed total', 'Planned one-time', 'Planned recurring', 'Planned total'].map((h) => ({ header: h, width: (CONTENT_W - 70) / 6, align: 'right' as const })),
      ],
      [...b.quarters, ...b.years].map((l) => [l.period, ...[l.committed, l.planned].flatMap((c) => [fmtNum(c.oneTime), fmtNum(c.recurring), fmtNum(c.total)])]),
    )
  }
  if (s.roadmap.budget.length === 0) w.note('No budgeted roadmap items in these quarters.')
  progress()

  // CSI register.
  w.newPage(title('csi'))
  w.heading(title('csi'))
  w.note(`KPI values over ${s.quarter}, from the same figures as the rest of this pack.`)
  w.table(
    [
      { header: 'Opportunity', width: 112 },
      { header: 'Stage', width: 38 },
      { header: 'KPI', width: 148 },
      { header: 'Baseline', width: 48, align: 'right' },
      { header: 'Target', width: 42, align: 'right' },
      { header: s.quarter, width: 48, align: 'right' },
      { header: 'On target', width: CONTENT_W - 436 },
    ],
    s.csi.map((c) => [c.opportunity, c.stage, c.kpi ?? '—', fmtNum(c.baseline, 1), fmtNum(c.target, 1), fmtNum(c.current, 1), c.onTarget === null ? '—' : c.onTarget ? 'yes' : 'not yet']),
    { mark: (i) => (s.csi[i].onTarget === null ? null : s.csi[i].onTarget ? GOOD : BAD) },
  )
  progress()

  // Last QBR's action items, this QBR's agenda.
  w.newPage(title('actions'))
  w.heading(title('actions'))
  if (!s.qbr) w.note('No QBR scheduled: there are no action items from a previous QBR to review.')
  else if (s.qbr.previousActionItems.length === 0) w.note('The last QBR left no action items.')
  else
    w.table(
      [
        { header: 'Action item', width: 220 },
        { header: 'Owner', width: 100 },
        { header: 'Party', width: 50 },
        { header: 'Due', width: 70 },
        { header: 'Status', width: CONTENT_W - 440 },
      ],
      s.qbr.previousActionItems.map((a) => [a.title, a.owner ?? '—', a.party ?? '—', a.due ?? '—', a.status]),
    )
  progress()
  w.y += 10
  w.heading(title('agenda'))
  if (!s.qbr) w.note('No QBR scheduled for this quarter yet: the agenda appears here once the meeting is planned.')
  else
    w.table(
      [
        { header: '#', width: 24 },
        { header: 'Item', width: 300 },
        { header: 'Minutes', width: 60, align: 'right' },
        { header: 'Presenter', width: CONTENT_W - 384 },
      ],
      s.qbr.agenda.map((a, i) => [String(i + 1), a.title, a.minutes === null ? '—' : String(a.minutes), a.presenter ?? '—']),
    )
  progress()

  // Appendix.
  w.newPage(title('appendix'))
  w.heading(title('appendix'))
  w.note(
    s.sla.breachCount > s.sla.breaches.length
      ? `${fmtNum(s.sla.breachCount)} tickets breached an SLA in ${s.quarter}; the ${fmtNum(s.sla.breaches.length)} listed are the first by priority and creation time.`
      : `${fmtNum(s.sla.breachCount)} tickets breached an SLA in ${s.quarter}, by priority and creation time.`,
  )
  w.table(breachColumns(), s.sla.breaches.map((b) => breachRow(b, day)), { rowHeight: 14, size: 7.5 })
  progress()

  footers(w, s)
  return finish(d)
}

/** Only the breached-ticket appendix (a long table), for measuring what a table costs per page. */
export function renderBreachTable(s: PackSnapshot): Promise<Buffer> {
  const w = new PackWriter(s)
  w.newPage('Appendix')
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: s.timezone, day: '2-digit', month: 'short', year: 'numeric' })
  w.table(breachColumns(), s.sla.breaches.map((b) => breachRow(b, day)), { rowHeight: 14, size: 7.5 })
  footers(w, s)
  return finish(w.doc)
}

function breachColumns(): Column[] {
  return [
    { header: 'Ticket', width: 62 },
    { header: 'P', width: 22 },
    { header: 'Opened', width: 62 },
    { header: 'Title', width: 150 },
    { header: 'Queue', width: 60 },
    { header: 'Reason', width: CONTENT_W - 356 },
  ]
}

function breachRow(b: PackSnapshot['sla']['breaches'][number], day: Intl.DateTimeFormat): string[] {
  return [b.externalId, b.priority, day.format(new Date(b.createdAt)), b.title, b.queue ?? '—', b.reason]
}

function hbars(w: PackWriter, bars: ReturnType<typeof hBarChart>['bars'], ox: number, oy: number, format: (v: number) => string = (v) => fmtNum(v)) {
  w.setFont('regular', 8, INK)
  for (const b of bars) w.text(w.fit(b.label, 140), ox, oy + b.y + 2)
  for (const b of bars) w.doc.rect(ox + b.x, oy + b.y, Math.max(0.5, b.width), b.height)
  if (bars.length) w.doc.fill(bars[0].color)
  w.setFont('regular', 8, MUTED)
  for (const b of bars) w.text(format(b.value), ox + b.x + b.width + 4, oy + b.y + 2)
}

function footers(w: PackWriter, s: PackSnapshot) {
  const range = w.doc.bufferedPageRange()
  const label = `${s.msp.name} · ${s.client.name} · QBR ${s.quarter} · as of ${s.asOf.slice(0, 10)}`
  for (let i = range.start; i < range.start + range.count; i++) {
    w.doc.switchToPage(i)
    w.setFont('regular', 7.5, MUTED)
    w.text(w.fit(label, CONTENT_W - 80), M.left, PAGE.height - 32)
    const n = `Page ${i + 1} of ${range.count}`
    w.text(n, PAGE.width - M.right - w.width(n), PAGE.height - 32)
  }
}

function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })
}
