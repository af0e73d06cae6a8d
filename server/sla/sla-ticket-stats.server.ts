import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { calendarFor } from './calendar.ts'
import { evaluateBatch } from './engine.ts'
import { periodBounds } from './periods.ts'
import type { Priority } from './policy.ts'
import { getSlaPolicy } from './sla-policies.server.ts'
import { ZSlaReportInput } from './sla.schemas.ts'
import { type TicketStats, ticketStats } from './ticket-stats.ts'

interface Row {
  priority: Priority
  createdAt: Date
  firstResponseAt: Date | null
  resolvedAt: Date | null
  pauses: Array<[string, string | null]>
  escalated: boolean
  csat: number | null
  assignee: string | null
  queue: string | null
}

/**
 * The QBR's ticket figures for the tickets opened in a period: volume per week, by priority and queue, escalation
 * rate, mean and median resolution time on each priority's SLA clock (business minutes for business-clock
 * priorities), CSAT and key-person dependency.
 */
export async function slaTicketStats(scope: PartnershipScope, input: unknown, now = new Date()): Promise<TicketStats & { period: { start: string; end: string; timezone: string } }> {
  const parsed = ZSlaReportInput.parse(input)
  const stored = await getSlaPolicy(scope)
  if (!stored) throw new AppError('BAD_REQUEST', 'policy: this partnership has no SLA policy yet; set one first', { fieldErrors: [{ field: 'policy', message: 'No SLA policy yet' }] })
  const policy = stored.policy
  const { start, end } = periodBounds(policy.timezone, parsed.quarter ? { quarter: parsed.quarter } : { from: parsed.from!, to: parsed.to! })
  const asOf = parsed.asOf ? Date.parse(parsed.asOf) : now.getTime()
  const rows = await (await db()).$queryRawUnsafe<Row[]>(
    `SELECT "priority"::text AS "priority", "createdAt", "firstResponseAt", "resolvedAt", "pauses", "escalated", "csat", "assignee", "queue"
       FROM "Ticket"
      WHERE "partnershipId" = $1 AND "createdAt" >= ($2::timestamptz AT TIME ZONE 'UTC') AND "createdAt" < ($3::timestamptz AT TIME ZONE 'UTC')`,
    scope.id,
    new Date(start).toISOString(),
    new Date(Math.min(end, asOf + 1)).toISOString(),
  )
  const table = evaluateBatch(
    calendarFor(policy),
    policy,
    rows.map((r) => ({
      priority: r.priority,
      createdAt: r.createdAt.getTime(),
      firstResponseAt: r.firstResponseAt?.getTime() ?? null,
      resolvedAt: r.resolvedAt?.getTime() ?? null,
      pauses: r.pauses.map(([s, e]) => [Date.parse(s), e === null ? null : Date.parse(e)] as const),
    })),
    asOf,
  )
  const stats = ticketStats(
    rows.map((r, i) => {
      const resolvedAt = r.resolvedAt !== null && r.resolvedAt.getTime() <= asOf ? r.resolvedAt.getTime() : null
      return {
        priority: r.priority,
        createdAt: r.createdAt.getTime(),
        resolvedAt,
        escalated: r.escalated,
        csat: r.csat,
        assignee: r.assignee,
        queue: r.queue,
        resolutionMinutes: resolvedAt === null ? null : table.resolutionElapsedMinutes[i],
      }
    }),
    policy.timezone,
  )
  return { ...stats, period: { start: new Date(start).toISOString(), end: new Date(end).toISOString(), timezone: policy.timezone } }
}
