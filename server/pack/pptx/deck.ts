// The PPTX deck's frame: slide size, colours, a titled slide with the hash in its notes, and tables cut into slides.
// Pure apart from pptxgenjs's objects: the snapshot in, slides out; nothing reads the database.
import type PptxGenJS from 'pptxgenjs'
import type { PackSnapshot } from '../snapshot.ts'

/** 16:9, 13.33 × 7.5 in: PowerPoint's default, so a deck pasted into the MSP's template keeps its shapes. */
export const SLIDE = { width: 13.333, height: 7.5, margin: 0.5 }
export const CONTENT_W = SLIDE.width - 2 * SLIDE.margin
export const INK = '1F2328'
export const MUTED = '667085'
export const RULE = 'D0D7DE'
/** Table rows per slide: enough for a full table, few enough to stay readable at 11 pt. */
export const ROWS_PER_SLIDE = 12

export interface DeckContext {
  pptx: PptxGenJS
  s: PackSnapshot
  /** What every slide's notes say: the frozen version and its SHA-256, as on the PDF's version. */
  notes: string
  accent: string
  day: (iso: string) => string
  instant: (iso: string) => string
  /** The MSP's logo as a data URI, drawn on the title slide and each slide's header. */
  logo: { data: string; width: number; height: number } | null
}

const hex = (c: string) => c.replace(/^#/, '').toUpperCase()
export const accentOf = (s: PackSnapshot) => hex(s.msp.primaryColor && /^#[0-9a-f]{6}$/i.test(s.msp.primaryColor) ? s.msp.primaryColor : '#1F5FBF')

/** A slide with the section's title, the logo at the right of the header, and the version and hash in the notes. */
export function titledSlide(c: DeckContext, title: string, subtitle?: string): PptxGenJS.Slide {
  const slide = c.pptx.addSlide()
  slide.addNotes(c.notes)
  slide.addShape('rect', { x: 0, y: 0, w: SLIDE.width, h: 0.12, fill: { color: c.accent }, line: { color: c.accent } })
  slide.addText(title, { x: SLIDE.margin, y: 0.3, w: CONTENT_W - 2, h: 0.6, fontSize: 24, bold: true, color: INK, fontFace: 'Calibri' })
  if (subtitle) slide.addText(subtitle, { x: SLIDE.margin, y: 0.9, w: CONTENT_W, h: 0.4, fontSize: 12, color: MUTED, fontFace: 'Calibri' })
  if (c.logo) placeLogo(slide, c.logo, SLIDE.width - SLIDE.margin - 1.6, 0.3, 1.6, 0.6)
  slide.addText(`${c.s.msp.name} · ${c.s.client.name} · QBR ${c.s.quarterLabel ?? c.s.quarter} · as of ${c.day(c.s.asOf)}`, { x: SLIDE.margin, y: SLIDE.height - 0.45, w: CONTENT_W, h: 0.3, fontSize: 9, color: MUTED })
  return slide
}

/** The logo scaled into a box, keeping its aspect ratio, aligned right. */
export function placeLogo(slide: PptxGenJS.Slide, logo: NonNullable<DeckContext['logo']>, x: number, y: number, w: number, h: number) {
  const scale = Math.min(w / logo.width, h / logo.height)
  const lw = logo.width * scale
  const lh = logo.height * scale
  slide.addImage({ data: logo.data, x: x + w - lw, y, w: lw, h: lh })
}

export interface DeckColumn {
  header: string
  /** Share of the content width. */
  width: number
  align?: 'left' | 'right'
}

/** An editable native table, cut into slides of ROWS_PER_SLIDE rows; the title says "(2 of 3)" on continuations. */
export function tableSlides(c: DeckContext, title: string, subtitle: string | undefined, columns: DeckColumn[], rows: string[][], empty: string) {
  if (rows.length === 0) {
    const slide = titledSlide(c, title, subtitle)
    slide.addText(empty, { x: SLIDE.margin, y: 1.5, w: CONTENT_W, h: 0.6, fontSize: 14, color: MUTED })
    return
  }
  const total = Math.ceil(rows.length / ROWS_PER_SLIDE)
  const sum = columns.reduce((a, col) => a + col.width, 0)
  for (let i = 0; i < total; i++) {
    const slide = titledSlide(c, total > 1 ? `${title} (${i + 1} of ${total})` : title, subtitle)
    const header = columns.map((col) => ({ text: col.header, options: { bold: true, color: 'FFFFFF', fill: { color: c.accent }, align: col.align ?? 'left' } }))
    const body = rows.slice(i * ROWS_PER_SLIDE, (i + 1) * ROWS_PER_SLIDE).map((r) => r.map((cell, j) => ({ text: cell, options: { align: columns[j].align ?? 'left' } })))
    slide.addTable([header, ...body] as PptxGenJS.TableRow[], {
      x: SLIDE.margin,
      y: 1.4,
      w: CONTENT_W,
      colW: columns.map((col) => (CONTENT_W * col.width) / sum),
      fontSize: 10,
      color: INK,
      border: { type: 'solid', pt: 0.5, color: RULE },
      valign: 'middle',
    })
  }
}

/** A paragraph of explanation under the title. */
export function note(slide: PptxGenJS.Slide, text: string, y = 1.3, h = 0.6) {
  slide.addText(text, { x: SLIDE.margin, y, w: CONTENT_W, h, fontSize: 12, color: MUTED, valign: 'top' })
}
