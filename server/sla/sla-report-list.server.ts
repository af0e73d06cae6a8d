import type { PartnershipScope } from '../access/policy.server.ts'
import { scanTickets } from '../tickets/scan-tickets.server.ts'
import { calendarFor } from './calendar.ts'
import { evaluateColumns } from './engine.ts'
import { type Disagreement, type ReportTicket, periodFigures } from './period-report.ts'
import { type ListPage, type PageAt, decodeCursor, keyedFromScan, pageOf } from './report-lists.ts'
import { ZSlaReportListInput } from './sla.schemas.ts'
import { reportContext } from './report-context.server.ts'
import { storedListPage } from './stored/stored-report-lists.server.ts'

export type SlaReportListPage = ListPage<ReportTicket | Disagreement> & { list: 'breaches' | 'disagreements' | 'pending'; asOf: string }

/**
 * A page of one of sla.report's lists after (or before) a cursor (ADR 030), in the report's order, under the same policy version
 * and as-of as the report: from the stored verdicts, or on the reference path (scan and engine) when the stored
 * version's policy no longer parses.
 */
export async function slaReportList(scope: PartnershipScope, input: unknown, now = new Date()): Promise<SlaReportListPage> {
  const parsed = ZSlaReportListInput.parse(input)
  const cursor = parsed.cursor ?? parsed.before
  const at: PageAt | null = cursor === undefined ? null : { key: decodeCursor(cursor)!, dir: parsed.cursor === undefined ? 'before' : 'after' }
  const c = await reportContext(scope, parsed, now)
  const bounds = { start: c.start, end: c.end, months: c.months, window: c.window, asOf: c.asOf }
  let page: ListPage<ReportTicket | Disagreement>
  if (c.vp) page = await storedListPage(scope.id, c.vp, bounds, parsed.list, at, parsed.limit)
  else {
    const rows = await scanTickets(scope.id, { ...c.window, sources: true })
    const table = evaluateColumns(calendarFor(c.policy), c.policy, rows, c.asOf)
    const f = periodFigures(rows, table, { start: c.start, end: c.end, months: c.months, listTickets: false, listPending: parsed.list === 'pending' })
    page = pageOf<ReportTicket | Disagreement>(keyedFromScan(rows, table, f)[parsed.list], at, parsed.limit)
  }
  return { list: parsed.list, asOf: new Date(c.asOf).toISOString(), ...page }
}
