// The QBR pack as PDF bytes, pure: snapshot in, bytes out. Each section is one file under render/sections/, reading
// its part of the snapshot and formatting it with the shared formats (app/charts/pack-format.ts) that the
// presentation view uses too; render/writer.ts sets the pages and tables, render/charts.ts draws the shared chart
// geometry. The same snapshot gives the same bytes: fixed dates and file ID from the as-of, no clock, no randomness,
// stable ordering in the snapshot.
import { PACK_SECTIONS } from '../../app/charts/pack-format.ts'
import { DEFAULT_LOCALE, formatDate, formatDateTime } from '../../app/utils/format.ts'
import type { SectionContext } from './render/context.ts'
import { breachColumns, breachRows, drawAppendix } from './render/sections/breaches.ts'
import { drawChanges, drawChangesAppendix } from './render/sections/changes.ts'
import { drawCover } from './render/sections/cover.ts'
import { drawCsi } from './render/sections/csi.ts'
import { drawLifecycle } from './render/sections/lifecycle.ts'
import { drawAlignment } from './render/sections/alignment.ts'
import { drawActionItems, drawAgenda } from './render/sections/qbr.ts'
import { drawResponsibilities } from './render/sections/responsibilities.ts'
import { drawRoadmap } from './render/sections/roadmap.ts'
import { drawServiceKpis } from './render/sections/service-kpis.ts'
import { drawSla } from './render/sections/sla.ts'
import { drawSummary } from './render/sections/summary.ts'
import { drawKeyPerson, drawTickets } from './render/sections/tickets.ts'
import { CONTENT_W, M, MUTED, PAGE } from './render/theme.ts'
import { type Lead, PackWriter } from './render/writer.ts'
import type { NoteSection } from '../narrative/narrative.schemas.ts'
import { narrativeByline } from '../narrative/narrative-fields.ts'
import type { PackSnapshot } from './snapshot.ts'

export interface RenderOptions {
  onProgress?: (stage: string, done: number, total: number) => void
}

/** One drawing per section of PACK_SECTIONS, drawn after the cover in that order. */
const SECTIONS: Record<(typeof PACK_SECTIONS)[number]['id'], (c: SectionContext) => void> = {
  summary: drawSummary,
  sla: drawSla,
  tickets: drawTickets,
  'key-person': drawKeyPerson,
  'service-kpis': drawServiceKpis,
  responsibilities: drawResponsibilities,
  changes: drawChanges,
  roadmap: drawRoadmap,
  csi: drawCsi,
  lifecycle: drawLifecycle,
  alignment: drawAlignment,
  actions: drawActionItems,
  agenda: drawAgenda,
  appendix: drawAppendix,
  'changes-appendix': drawChangesAppendix,
}

// Dates in the pack read as on the pages, in the partnership's time zone and the locale chosen when the pack was
// generated (recorded in the snapshot, so PDF and presentation agree; packs frozen before it had one used the
// default, as they still do).
function context(s: PackSnapshot, locale = s.locale ?? DEFAULT_LOCALE): SectionContext {
  return {
    s,
    w: new PackWriter(s),
    // A date without a time (a due date) is that calendar day anywhere; an instant is its day in the zone.
    day: (iso) => formatDate(iso, locale, iso.length === 10 ? 'UTC' : s.timezone),
    instant: (iso) => formatDateTime(iso, locale, s.timezone, true),
  }
}

export function renderPack(s: PackSnapshot, options: RenderOptions = {}): Promise<Buffer> {
  const c = context(s)
  const total = PACK_SECTIONS.length + 1
  drawCover(c)
  options.onProgress?.('render', 1, total)
  PACK_SECTIONS.forEach((section, i) => {
    c.w.beginSection(narrativeLead(c, section.id))
    SECTIONS[section.id](c)
    options.onProgress?.('render', i + 2, total)
  })
  footers(c)
  return finish(c.w.doc)
}

/** Only the breached-ticket appendix (a long table), for measuring what a table costs per page. */
export function renderBreachTable(s: PackSnapshot): Promise<Buffer> {
  const c = context(s)
  c.w.newPage('Appendix')
  c.w.table(breachColumns(), breachRows(s.sla.breaches, c.day), { rowHeight: 14, size: 7.5 })
  footers(c)
  const w = c.w
  return finish(w.doc)
}

/** The narrative frozen with the pack (ADR 029): the summary under "Executive summary", each note atop its section. */
function narrativeLead({ s, day }: SectionContext, id: (typeof PACK_SECTIONS)[number]['id']): Lead | null {
  const n = s.narrative
  if (!n) return null
  if (id === 'summary') return n.summary ? { text: n.summary, size: 10.5, byline: narrativeByline(n, day) } : null
  const note = n.notes[id as NoteSection]
  return note ? { text: note, label: 'Note' } : null
}

function footers({ s, w, day }: SectionContext) {
  const range = w.doc.bufferedPageRange()
  const label = `${s.msp.name} · ${s.client.name} · QBR ${s.quarterLabel ?? s.quarter} · as of ${day(s.asOf)}`
  for (let i = range.start; i < range.start + range.count; i++) {
    w.doc.switchToPage(i)
    w.setFont('regular', 7.5, MUTED)
    w.text(w.fit(label, CONTENT_W - 80), M.left, PAGE.height - 32)
    const n = `Page ${i + 1} of ${range.count}`
    w.text(n, PAGE.width - M.right - w.width(n), PAGE.height - 32)
  }
}

function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })
}
