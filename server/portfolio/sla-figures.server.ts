import { db } from '../db/client.server.ts'
import { summariseSource, type Tally } from '../sla/attainment.ts'
import { calendarFor } from '../sla/calendar.ts'
import { evaluateColumns } from '../sla/engine.ts'
import { MonthIndex } from '../sla/periods.ts'
import { parsePolicy } from '../sla/sla-policies.server.ts'
import { scanTickets } from '../tickets/scan-tickets.server.ts'

// The portfolio's SLA figures per partnership and period, with the signature of the stored-verdict aggregate
// (server/sla/stored/attainment-by-partnership.server.ts, built beside this work). This fallback takes the
// report's own path (scan, engine, summarise) once per partnership over the whole span of the periods, so its
// figures are sla.report's; it is slow at MSP scale (a scan per partnership). The integrator swaps this module's
// body for a re-export of the stored one; the portfolio calls nothing else.

export interface MetricFigures {
  met: number
  breached: number
  pending: number
  attainment: number | null
}

export interface PeriodSlaFigures {
  response: MetricFigures
  resolution: MetricFigures
  /** Tickets with a verdict (response or resolution) breached in the period: sla.report's breach list. */
  breaches: number
}

export interface FigurePeriod {
  key: string
  from: Date
  to: Date
}

export type AttainmentByPartnership = (
  partnershipIds: string[],
  periods: FigurePeriod[],
  asOf: Date,
) => Promise<Map<string, Map<string, PeriodSlaFigures>>>

const BREACHED = 2

function breachedTickets(
  table: { responseVerdict: ArrayLike<number>; responseDecidedAt: ArrayLike<number>; resolutionVerdict: ArrayLike<number>; resolutionDecidedAt: ArrayLike<number> },
  createdAt: ArrayLike<number>,
  createdBefore: number,
  start: number,
  end: number,
): number {
  const inPeriod = (verdict: number, at: number) => verdict === BREACHED && at >= start && at < end
  let n = 0
  for (let i = 0; i < createdAt.length; i++) {
    if (createdAt[i] < createdBefore && (inPeriod(table.responseVerdict[i], table.responseDecidedAt[i]) || inPeriod(table.resolutionVerdict[i], table.resolutionDecidedAt[i]))) n++
  }
  return n
}

const figures = (t: Tally): MetricFigures => ({ met: t.met, breached: t.breached, pending: t.pending, attainment: t.attainment })

export const attainmentByPartnership: AttainmentByPartnership = async (partnershipIds, periods, asOf) => {
  const out = new Map<string, Map<string, PeriodSlaFigures>>()
  if (partnershipIds.length === 0 || periods.length === 0) return out
  const prisma = await db()
  // The current policy of each partnership (the highest version), as sla.report reads it.
  const policies = await prisma.slaPolicy.findMany({
    where: { partnershipId: { in: partnershipIds } },
    orderBy: [{ partnershipId: 'asc' }, { version: 'desc' }],
    distinct: ['partnershipId'],
    select: { partnershipId: true, definition: true },
  })
  const spanStart = Math.min(...periods.map((p) => p.from.getTime()))
  const spanEnd = Math.max(...periods.map((p) => p.to.getTime()))
  const at = asOf.getTime()
  for (const row of policies) {
    const policy = parsePolicy(row.definition)
    const rows = await scanTickets(row.partnershipId, { createdBefore: Math.min(spanEnd, at + 1), openAt: spanStart })
    const table = evaluateColumns(calendarFor(policy), policy, rows, at)
    const byPeriod = new Map<string, PeriodSlaFigures>()
    for (const period of periods) {
      const start = period.from.getTime()
      const end = period.to.getTime()
      const source = {
        length: rows.length,
        priority: (i: number) => rows.priority[i],
        included: (i: number) => rows.createdAt[i] < Math.min(end, at + 1),
        verdict: (metric: 'response' | 'resolution', i: number) => (metric === 'response' ? table.responseVerdict[i] : table.resolutionVerdict[i]),
        decidedAt: (metric: 'response' | 'resolution', i: number) => (metric === 'response' ? table.responseDecidedAt[i] : table.resolutionDecidedAt[i]),
      }
      const totals = summariseSource(source, new MonthIndex(policy.timezone, start, end - 1), start, end)
      byPeriod.set(period.key, {
        response: figures(totals.response.overall),
        resolution: figures(totals.resolution.overall),
        breaches: breachedTickets(table, rows.createdAt, Math.min(end, at + 1), start, end),
      })
    }
    out.set(row.partnershipId, byPeriod)
  }
  return out
}
