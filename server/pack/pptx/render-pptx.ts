// The QBR pack as an editable PowerPoint deck, drawn from the same frozen snapshot as the PDF (ADR 027): a title
// slide, then the slides of each section in PACK_SECTIONS order, every slide's notes naming the version and the PDF's
// SHA-256. Not frozen itself: pptxgenjs stamps the creation time into the file, so the deck is regenerated on each
// download; its content depends on the snapshot only.
import PptxGenJS from 'pptxgenjs'
import { PACK_SECTIONS } from '../../../app/charts/pack-format.ts'
import { DEFAULT_LOCALE, formatDate, formatDateTime } from '../../../app/utils/format.ts'
import type { PackSnapshot } from '../snapshot.ts'
import { CONTENT_W, type DeckContext, INK, MUTED, SLIDE, accentOf, note, placeLogo, titledSlide } from './deck.ts'
import { SLIDE_SECTIONS } from './slides.ts'
import type { NoteSection, PackNarrative } from '../../narrative/narrative.schemas.ts'
import { sectionTitle } from '../render/context.ts'
import { narrativeByline } from '../../narrative/narrative-fields.ts'

export interface DeckVersion {
  version: number
  sha256: string
}

export function deckNotes(s: PackSnapshot, v: DeckVersion): string {
  return `QBR pack ${s.quarter} v${v.version}, as of ${s.asOf}. SHA-256 of the frozen PDF: ${v.sha256}`
}

export async function renderPackPptx(s: PackSnapshot, v: DeckVersion): Promise<Buffer> {
  const pptx = new PptxGenJS()
  pptx.layout = 'LAYOUT_WIDE'
  pptx.title = `QBR ${s.quarter}: ${s.client.name}`
  pptx.company = s.msp.name
  pptx.author = s.msp.name
  const locale = s.locale ?? DEFAULT_LOCALE
  const c: DeckContext = {
    pptx,
    s,
    notes: deckNotes(s, v),
    accent: accentOf(s),
    // The logo frozen with the snapshot, as the PDF draws it.
    logo: s.msp.logo ? { data: `image/png;base64,${s.msp.logo.png}`, width: s.msp.logo.width, height: s.msp.logo.height } : null,
    day: (iso) => formatDate(iso, locale, iso.length === 10 ? 'UTC' : s.timezone),
    instant: (iso) => formatDateTime(iso, locale, s.timezone, true),
  }
  cover(c)
  const hashNotes = c.notes
  for (const section of PACK_SECTIONS) {
    // The narrative frozen with the pack (ADR 029): the summary on its own slide before the KPI tiles, each
    // section's note in the speaker notes of its slides, above the version and hash.
    if (section.id === 'summary' && s.narrative?.summary) narrativeSlide(c, s.narrative)
    const sectionNote = section.id === 'summary' ? undefined : s.narrative?.notes[section.id as NoteSection]
    c.notes = sectionNote ? `Note: ${sectionNote}\n\n${hashNotes}` : hashNotes
    const draw = SLIDE_SECTIONS[section.id]
    if (draw) draw(c)
    else note(titledSlide(c, section.title), 'This section is in the PDF of this pack version.')
  }
  c.notes = hashNotes
  // `stream` is the one export that honours compression (write() ignores it for Node buffers): ~10× smaller.
  return (await pptx.stream({ compression: true })) as Buffer
}

/** The executive summary in the account manager's words: editable text, and who last edited it in small print. */
function narrativeSlide(c: DeckContext, n: PackNarrative) {
  const slide = titledSlide(c, sectionTitle('summary'))
  // Long summaries shrink to fit the box when PowerPoint opens the deck, rather than run off the slide.
  slide.addText(n.summary, { x: SLIDE.margin, y: 1.3, w: CONTENT_W, h: 5.0, fontSize: n.summary.length > 1500 ? 12 : 16, color: INK, valign: 'top', fit: 'shrink', paraSpaceAfter: 6 })
  slide.addText(narrativeByline(n, c.day), { x: SLIDE.margin, y: 6.4, w: CONTENT_W, h: 0.35, fontSize: 10, color: MUTED })
}

function cover(c: DeckContext) {
  const { s } = c
  const slide = c.pptx.addSlide()
  slide.addNotes(c.notes)
  slide.addShape('rect', { x: 0, y: 0, w: SLIDE.width, h: 3.4, fill: { color: c.accent }, line: { color: c.accent } })
  if (c.logo) {
    // A white plate under the logo: a dark logo stays legible on the accent colour.
    slide.addShape('roundRect', { x: SLIDE.width - SLIDE.margin - 2.6, y: 0.4, w: 2.6, h: 1.1, rectRadius: 0.08, fill: { color: 'FFFFFF' }, line: { color: 'FFFFFF' } })
    placeLogo(slide, c.logo, SLIDE.width - SLIDE.margin - 2.5, 0.5, 2.4, 0.9)
  }
  slide.addText(s.msp.name, { x: SLIDE.margin, y: 0.5, w: CONTENT_W - 3, h: 0.5, fontSize: 18, bold: true, color: 'FFFFFF' })
  slide.addText('Quarterly business review', { x: SLIDE.margin, y: 1.0, w: CONTENT_W - 3, h: 0.4, fontSize: 14, color: 'FFFFFF' })
  slide.addText(s.client.name, { x: SLIDE.margin, y: 1.9, w: CONTENT_W, h: 1.1, fontSize: 36, bold: true, color: 'FFFFFF', valign: 'top' })
  slide.addText(s.quarterLabel ?? s.quarter, { x: SLIDE.margin, y: 3.8, w: CONTENT_W, h: 0.6, fontSize: 26, bold: true, color: INK })
  const lines = [
    `Figures as of ${c.instant(s.asOf)}`,
    s.policy ? `SLA policy v${s.policy.version} “${s.policy.name}”, clocks in ${s.timezone}` : `No SLA policy set; times in ${s.timezone}`,
    s.period.toDate ? `${s.quarter} to date, compared with ${s.comparison.label}` : `Compared with ${s.previousQuarter}`,
  ]
  slide.addText(lines.map((t) => ({ text: t, options: { breakLine: true } })), { x: SLIDE.margin, y: 4.5, w: CONTENT_W, h: 1.2, fontSize: 14, color: MUTED, valign: 'top' })
}
