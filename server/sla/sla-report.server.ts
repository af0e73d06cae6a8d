import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { type AttainmentSummary, summariseSource } from './attainment.ts'
import { calendarFor } from './calendar.ts'
import { type MetricVerdict, type SlaTicket, VERDICTS, evaluateBatch } from './engine.ts'
import { MonthIndex, periodBounds, quarterOfMonth } from './periods.ts'
import type { Priority, SlaPolicy } from './policy.ts'
import { getSlaPolicy } from './sla-policies.server.ts'
import { isoInstant } from './iso.ts'
import { ZSlaReportInput } from './sla.schemas.ts'

interface Row {
  externalId: string
  title: string
  priority: Priority
  status: string
  queue: string | null
  assignee: string | null
  createdAt: Date
  firstResponseAt: Date | null
  resolvedAt: Date | null
  pauses: Array<[string, string | null]>
  escalated: boolean
  csat: number | null
  vendorResponseMet: boolean | null
  vendorResolutionMet: boolean | null
}

export interface ReportMetric {
  verdict: MetricVerdict['verdict']
  dueAt: string | null
  elapsedMinutes: number
  decidedAt: string | null
}

export interface ReportTicket {
  externalId: string
  title: string
  priority: Priority
  status: string
  queue: string | null
  assignee: string | null
  createdAt: string
  response: ReportMetric
  resolution: ReportMetric & { pausedMinutes: number }
  vendor: { responseMet: boolean | null; resolutionMet: boolean | null }
}

export interface MetricSlaResult {
  metric: string
  op: '>=' | '<='
  target: number
  period: 'month' | 'quarter'
  results: Array<{ period: string; value: number | null; samples: number; met: boolean | null }>
}

export interface SlaReport {
  partnership: string
  period: { label: string; start: string; end: string; timezone: string }
  asOf: string
  policy: { version: number; name: string }
  totals: AttainmentSummary
  months: string[]
  tickets: ReportTicket[]
  breaches: ReportTicket[]
  disagreements: Array<{ externalId: string; metric: 'response' | 'resolution'; ours: string; vendor: string }>
  metricSlas: MetricSlaResult[]
  counts: { considered: number; listed: number }
}

const iso = (ms: number | null) => (ms === null || Number.isNaN(ms) ? null : isoInstant(ms))
const round = (x: number) => Math.round(x * 100) / 100

/** The candidates: tickets created before the period's end whose response or resolution may be decided in it or pending. */
async function loadCandidates(partnershipId: string, start: number, end: number): Promise<Row[]> {
  const prisma = await db()
  return prisma.$queryRawUnsafe<Row[]>(
    `SELECT "externalId", "title", "priority"::text AS "priority", "status", "queue", "assignee", "createdAt", "firstResponseAt",
            "resolvedAt", "pauses", "escalated", "csat", "vendorResponseMet", "vendorResolutionMet"
       FROM "Ticket"
      WHERE "partnershipId" = $1
        AND "createdAt" < ($2::timestamptz AT TIME ZONE 'UTC')
        AND ("resolvedAt" IS NULL OR "resolvedAt" >= ($3::timestamptz AT TIME ZONE 'UTC')
             OR "firstResponseAt" IS NULL OR "firstResponseAt" >= ($3::timestamptz AT TIME ZONE 'UTC'))
      ORDER BY "createdAt", "externalId"`,
    partnershipId,
    new Date(end).toISOString(),
    new Date(start).toISOString(),
  )
}

/** The same rows as the report reads, and nothing else: the benchmark's baseline. */
export const loadSlaCandidatesForBenchmark = loadCandidates

function toSlaTicket(r: Row): SlaTicket {
  return {
    priority: r.priority,
    createdAt: r.createdAt.getTime(),
    firstResponseAt: r.firstResponseAt?.getTime() ?? null,
    resolvedAt: r.resolvedAt?.getTime() ?? null,
    pauses: r.pauses.map(([s, e]) => [Date.parse(s), e === null ? null : Date.parse(e)] as const),
  }
}

async function metricSlas(partnershipId: string, policy: SlaPolicy, start: number, end: number, months: MonthIndex): Promise<MetricSlaResult[]> {
  if (policy.metricTargets.length === 0) return []
  const samples = await (await db()).metricSample.findMany({
    where: { partnershipId, metric: { in: policy.metricTargets.map((m) => m.metric) }, at: { gte: new Date(start), lt: new Date(end) } },
    select: { metric: true, at: true, value: true },
  })
  return policy.metricTargets.map((target) => {
    const buckets = new Map<string, { sum: number; n: number }>()
    for (const s of samples) {
      if (s.metric !== target.metric) continue
      const month = months.month(s.at.getTime())
      if (!month) continue
      const key = target.period === 'month' ? month : quarterOfMonth(month)
      const b = buckets.get(key) ?? { sum: 0, n: 0 }
      b.sum += s.value
      b.n++
      buckets.set(key, b)
    }
    const periods = target.period === 'month' ? months.keys() : [...new Set(months.keys().map(quarterOfMonth))]
    return {
      metric: target.metric,
      op: target.op,
      target: target.value,
      period: target.period,
      results: periods.map((period) => {
        const b = buckets.get(period)
        const value = b ? b.sum / b.n : null
        return { period, value: value === null ? null : Math.round(value * 1000) / 1000, samples: b?.n ?? 0, met: value === null ? null : target.op === '>=' ? value >= target.value : value <= target.value }
      }),
    }
  })
}

/**
 * SLA attainment of a partnership for a period, computed by Accord from ticket timestamps under the partnership's
 * current policy, as of an instant. Lists the tickets decided in the period and those still pending.
 */
export async function slaReport(scope: PartnershipScope, input: unknown, now = new Date()): Promise<SlaReport> {
  const parsed = ZSlaReportInput.parse(input)
  const stored = await getSlaPolicy(scope)
  if (!stored) {
    throw new AppError('BAD_REQUEST', 'policy: this partnership has no SLA policy yet; set one first', {
      fieldErrors: [{ field: 'policy', message: 'No SLA policy yet' }],
    })
  }
  const policy = stored.policy
  const zone = policy.timezone
  const { start, end, label } = periodBounds(zone, parsed.quarter ? { quarter: parsed.quarter } : { from: parsed.from!, to: parsed.to! })
  const asOf = parsed.asOf ? Date.parse(parsed.asOf) : now.getTime()
  const months = new MonthIndex(zone, start, end - 1)

  const rows = await loadCandidates(scope.id, start, Math.min(end, asOf + 1))
  // Columns, not objects: 100,000 tickets would otherwise mean 300,000 short-lived verdict objects.
  const table = evaluateBatch(calendarFor(policy), policy, rows.map(toSlaTicket), asOf)
  const totals = summariseSource(
    {
      length: table.length,
      priority: (i) => rows[i].priority,
      verdict: (metric, i) => VERDICTS[metric === 'response' ? table.responseVerdict[i] : table.resolutionVerdict[i]],
      decidedAt: (metric, i) => (metric === 'response' ? table.responseDecidedAt[i] : table.resolutionDecidedAt[i]),
    },
    months,
    start,
    end,
  )

  const PENDING = 0
  const BREACHED = 2
  const inPeriod = (verdict: number, decidedAt: number) => verdict === PENDING || (decidedAt >= start && decidedAt < end)
  const breachedInPeriod = (verdict: number, decidedAt: number) => verdict === BREACHED && decidedAt >= start && decidedAt < end
  const tickets: ReportTicket[] = []
  const breaches: ReportTicket[] = []
  const disagreements: SlaReport['disagreements'] = []
  const disagree = (row: Row, metric: 'response' | 'resolution', ours: number, vendor: boolean | null) => {
    if (vendor !== null && ours !== PENDING && (VERDICTS[ours] === 'met') !== vendor) disagreements.push({ externalId: row.externalId, metric, ours: VERDICTS[ours], vendor: vendor ? 'met' : 'breached' })
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]
    const createdAt = row.createdAt.getTime()
    const rv = table.responseVerdict[i]
    const sv = table.resolutionVerdict[i]
    if (!inPeriod(rv, table.responseDecidedAt[i]) && !inPeriod(sv, table.resolutionDecidedAt[i])) continue
    disagree(row, 'response', rv, row.vendorResponseMet)
    disagree(row, 'resolution', sv, row.vendorResolutionMet)
    const breached = breachedInPeriod(rv, table.responseDecidedAt[i]) || breachedInPeriod(sv, table.resolutionDecidedAt[i])
    if (!parsed.tickets && !breached) continue
    const ticket: ReportTicket = {
      externalId: row.externalId,
      title: row.title,
      priority: row.priority,
      status: row.status,
      queue: row.queue,
      assignee: row.assignee,
      createdAt: isoInstant(createdAt),
      response: {
        verdict: VERDICTS[rv],
        dueAt: iso(table.responseDueAt[i]),
        elapsedMinutes: round(table.responseElapsedMinutes[i]),
        decidedAt: iso(table.responseDecidedAt[i]),
      },
      resolution: {
        verdict: VERDICTS[sv],
        dueAt: iso(table.resolutionDueAt[i]),
        elapsedMinutes: round(table.resolutionElapsedMinutes[i]),
        decidedAt: iso(table.resolutionDecidedAt[i]),
        pausedMinutes: round(table.resolutionPausedMinutes[i]),
      },
      vendor: { responseMet: row.vendorResponseMet, resolutionMet: row.vendorResolutionMet },
    }
    if (parsed.tickets) tickets.push(ticket)
    if (breached) breaches.push(ticket)
  }
  return {
    partnership: scope.slug,
    period: { label, start: new Date(start).toISOString(), end: new Date(end).toISOString(), timezone: zone },
    asOf: new Date(asOf).toISOString(),
    policy: { version: stored.version, name: policy.name },
    totals,
    months: months.keys(),
    tickets,
    breaches,
    disagreements,
    metricSlas: await metricSlas(scope.id, policy, start, end, months),
    counts: { considered: rows.length, listed: tickets.length },
  }
}
