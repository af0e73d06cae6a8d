// The breached-ticket table: the first rows on the SLA page, all of them in the appendix.
import { fmtNum } from '../../../../app/charts/pack-format.ts'
import type { PackSnapshot } from '../../snapshot.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { CONTENT_W, type Column } from '../theme.ts'
import { NO_POLICY_TEXT } from './changes.ts'

export function breachColumns(): Column[] {
  return [
    // Columns as wide as the fixed-form cells ("PA-100289", "P1", "30 Jun 2026"), which should not break; title and
    // reason, which wrap, share the rest.
    { header: 'Ticket', width: 60 },
    { header: 'P', width: 20 },
    { header: 'Opened', width: 60 },
    { header: 'Title', width: 148 },
    { header: 'Queue', width: 62 },
    { header: 'Reason', width: CONTENT_W - 350 },
  ]
}

export function breachRows(breaches: PackSnapshot['sla']['breaches'], day: (iso: string) => string): string[][] {
  return breaches.map((b) => [b.externalId, b.priority, day(b.createdAt), b.title, b.queue ?? '—', b.reason])
}

/** Every breached ticket the snapshot lists, after a note saying whether that is all of them. */
export function drawAppendix({ s, w, day }: SectionContext) {
  w.newPage(sectionTitle('appendix'))
  w.heading(sectionTitle('appendix'))
  if (!s.policy) w.note(NO_POLICY_TEXT)
  else w.note(
    s.sla.breachCount > s.sla.breaches.length
      ? `${fmtNum(s.sla.breachCount)} tickets breached an SLA in ${s.quarter}; the ${fmtNum(s.sla.breaches.length)} listed are the first by priority and creation time.`
      : `${fmtNum(s.sla.breachCount)} tickets breached an SLA in ${s.quarter}, by priority and creation time.`,
  )
  w.table(breachColumns(), breachRows(s.sla.breaches, day), { rowHeight: 14, size: 7.5 })
}
