import type { PartnershipScope } from '../access/policy.server.ts'
import { scanTickets } from '../tickets/scan-tickets.server.ts'
import { calendarFor } from './calendar.ts'
import { evaluateColumns } from './engine.ts'
import { periodBounds } from './periods.ts'
import { requireSlaPolicy } from './sla-policies.server.ts'
import { ZSlaReportInput } from './sla.schemas.ts'
import { type TicketStats, ticketStatsOf } from './ticket-stats.ts'

/**
 * The QBR's ticket figures for the tickets opened in a period: volume per week, by priority and queue, escalation
 * rate, mean and median resolution time on each priority's SLA clock (business minutes for business-clock
 * priorities), CSAT and key-person dependency.
 */
export async function slaTicketStats(scope: PartnershipScope, input: unknown, now = new Date()): Promise<TicketStats & { period: { start: string; end: string; timezone: string } }> {
  const parsed = ZSlaReportInput.parse(input)
  const { policy } = await requireSlaPolicy(scope)
  const { start, end } = periodBounds(policy.timezone, parsed.quarter ? { quarter: parsed.quarter } : { from: parsed.from!, to: parsed.to! })
  const asOf = parsed.asOf ? Date.parse(parsed.asOf) : now.getTime()
  const createdBefore = Math.min(end, asOf + 1)
  // The figures only count and sort what they count, so the rows may come in any order (no sort on the server).
  const rows = await scanTickets(scope.id, { createdFrom: start, createdBefore, ordered: false })
  const table = evaluateColumns(calendarFor(policy), policy, rows, asOf)
  const stats = ticketStatsOf(rows, table.resolutionElapsedMinutes, asOf, start, createdBefore, policy.timezone)
  return { ...stats, period: { start: new Date(start).toISOString(), end: new Date(end).toISOString(), timezone: policy.timezone } }
}
