import { agreedAttainment } from '../disputes/agreed-attainment.ts'
import { loadReportDisputes } from '../disputes/report-disputes.server.ts'
import { calendarFor } from '../sla/calendar.ts'
import { evaluateColumns } from '../sla/engine.ts'
import { computeServiceKpis } from '../sla/kpis/service-kpis.server.ts'
import { periodFigures } from '../sla/period-report.ts'
import { MonthIndex } from '../sla/periods.ts'
import { ticketStatsOf } from '../sla/ticket-stats.ts'
import { scanTickets } from '../tickets/scan-tickets.server.ts'
import { packDisputes } from './disputes-section.ts'
import type { PackTicketFigures, PackTicketWindow } from './ticket-figures.ts'

/**
 * The pack's ticket figures from a scan of every ticket the two periods consider, evaluated by the engine at the
 * as-of: the reference path (ADR 022), and the path without a policy (resolution times are then calendar time).
 * Both quarters' SLA figures and the ticket statistics come from the one scan, evaluated once: a verdict as of the
 * as-of does not depend on the period it is reported in.
 */
export async function scanTicketFigures(w: PackTicketWindow): Promise<PackTicketFigures> {
  const { scope, asOf, zone, cur, prev, curEnd, prevEnd, months } = w
  const definition = w.policy?.definition ?? null
  const [rows, loaded, serviceKpis] = await Promise.all([
    scanTickets(scope.id, { createdBefore: curEnd, openAt: prev.start, ordered: false }),
    definition ? loadReportDisputes(scope.id, cur.start, cur.end, asOf) : null,
    definition ? computeServiceKpis(scope, definition, { quarter: w.quarter, asOf, topN: null }) : undefined,
  ])
  const table = definition ? evaluateColumns(calendarFor(definition), definition, rows, asOf) : null
  const report = table ? periodFigures(rows, table, { start: cur.start, end: cur.end, months, listTickets: false }) : null
  const previous = table
    ? periodFigures(rows, table, { start: prev.start, end: w.comparedEnd, months: new MonthIndex(zone, prev.start, prev.end - 1), listTickets: false, createdBefore: prevEnd })
    : null
  const disputes =
    table && report && loaded ? packDisputes(loaded, report.totals, agreedAttainment(rows, table, loaded.overrides, { start: cur.start, end: cur.end, months }, report.totals)) : undefined
  // Without a policy there is no business clock: resolution times are calendar time.
  const resolutionMinutes = table?.resolutionElapsedMinutes ?? Float64Array.from({ length: rows.length }, (_, i) => (rows.resolvedAt[i] - rows.createdAt[i]) / 60_000)
  return {
    report: report ? { totals: report.totals, breaches: report.breaches, breachCount: report.breaches.length, completionUnknown: report.completionUnknown } : null,
    previousTotals: previous?.totals ?? null,
    disputes,
    stats: ticketStatsOf(rows, resolutionMinutes, asOf, cur.start, curEnd, zone),
    previousStats: ticketStatsOf(rows, resolutionMinutes, asOf, prev.start, prevEnd, zone),
    serviceKpis,
  }
}
