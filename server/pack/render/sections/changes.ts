// "Changes since the last QBR" (at most a page, then "and N more") and its appendix with every line, the SLA sections'
// note when no policy is set, and the meeting's attendees and minutes: drawn from the snapshot alone.
import { CHANGES_SECTION_LIMIT, fmtNum } from '../../../../app/charts/pack-format.ts'
import type { PackSnapshot } from '../../snapshot.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { CONTENT_W, type Column } from '../theme.ts'

const columns = (): Column[] => [
  { header: 'When', width: 62 },
  { header: 'Register', width: 56 },
  { header: 'Item', width: 150 },
  { header: 'Change', width: 160 },
  { header: 'By', width: CONTENT_W - 428 },
]

/** "Alex Kim <alex@msp.example>" reads as "Alex Kim": the name is what a reader knows. */
const person = (label: string) => label.replace(/\s*<[^>]*>\s*$/, '') || label
const row = (c: PackSnapshot['changes']['lines'][number], day: (iso: string) => string) => [day(c.at), c.area, c.name, c.change, person(c.by)]

/** Old snapshots (before the changes section) carry none. */
const linesOf = (s: PackSnapshot) => s.changes?.lines ?? []

export function sinceText(s: PackSnapshot, day: (iso: string) => string): string {
  const since = day(s.changes?.since ?? s.responsibilities.since)
  return s.changes?.lastQbr ? `the last QBR (${s.changes.lastQbr.quarter}, held ${since})` : `the start of ${s.quarter} (${since}; no earlier QBR was held)`
}

export function drawChanges({ s, w, day }: SectionContext) {
  const title = sectionTitle('changes')
  w.newPage(title)
  w.heading(title)
  const lines = linesOf(s)
  if (lines.length === 0) {
    w.note(`No changes to the responsibility matrix, the roadmap or the CSI register since ${sinceText(s, day)}.`)
    return
  }
  w.note(`${fmtNum(lines.length)} ${lines.length === 1 ? 'change' : 'changes'} to the responsibility matrix, the roadmap and the CSI register since ${sinceText(s, day)}, oldest first.`)
  w.table(columns(), lines.slice(0, CHANGES_SECTION_LIMIT).map((c) => row(c, day)))
  if (lines.length > CHANGES_SECTION_LIMIT) w.note(`and ${fmtNum(lines.length - CHANGES_SECTION_LIMIT)} more, all listed in the appendix.`)
}

export function drawChangesAppendix({ s, w, day }: SectionContext) {
  const title = sectionTitle('changes-appendix')
  w.newPage(title)
  w.heading(title)
  const lines = linesOf(s)
  w.note(lines.length ? `Every change since ${sinceText(s, day)}, oldest first.` : `No changes since ${sinceText(s, day)}.`)
  if (lines.length) w.table(columns(), lines.map((c) => row(c, day)), { rowHeight: 14, size: 7.5 })
}

export const NO_POLICY_TEXT = 'No SLA policy is set for this partnership: SLA attainment and breaches are not measured until one is.'

/** The meeting's attendees and the minutes taken on its agenda items, as they stood at the as-of. */
export function drawMeeting({ s, w }: SectionContext) {
  if (!s.qbr) return
  const attendees = s.qbr.attendees ?? []
  w.subheading('Attendees')
  w.note(attendees.length ? attendees.map((a) => `${a.name} (${a.party === 'MSP' ? s.msp.name : s.client.name})`).join(', ') : 'No attendees invited yet.')
  const minutes = s.qbr.agenda.filter((a) => a.notes?.trim())
  if (minutes.length === 0) return
  w.subheading('Minutes')
  for (const a of minutes) {
    w.ensure(30)
    w.note(`${a.title}: ${a.notes.trim()}`)
  }
}
