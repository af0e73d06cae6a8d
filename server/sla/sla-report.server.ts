import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { type AttainmentSummary, summarise } from './attainment.ts'
import { type MetricVerdict, type ResolutionVerdict, type SlaTicket, engineFor } from './engine.ts'
import { MonthIndex, periodBounds, quarterOfMonth } from './periods.ts'
import type { Priority, SlaPolicy } from './policy.ts'
import { getSlaPolicy } from './sla-policies.server.ts'
import { ZSlaReportInput } from './sla.schemas.ts'
import { type StatsTicket, type TicketStats, ticketStats } from './ticket-stats.ts'

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
  stats: TicketStats
  counts: { considered: number; listed: number }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
const round = (x: number) => Math.round(x * 100) / 100

function reportMetric(v: MetricVerdict): ReportMetric {
  return { verdict: v.verdict, dueAt: iso(v.dueAt), elapsedMinutes: round(v.elapsedMinutes), decidedAt: iso(v.decidedAt) }
}

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
  const engine = engineFor(policy)

  const rows = await loadCandidates(scope.id, start, Math.min(end, asOf + 1))
  const evaluated = rows.map((row) => ({ row, priority: row.priority, verdict: engine.evaluate(toSlaTicket(row), asOf) }))
  const totals = summarise(evaluated, months, start, end)

  const inPeriod = (v: MetricVerdict) => v.verdict === 'pending' || (v.decidedAt! >= start && v.decidedAt! < end)
  const tickets: ReportTicket[] = []
  const disagreements: SlaReport['disagreements'] = []
  const statsRows: StatsTicket[] = []
  for (const { row, verdict } of evaluated) {
    const createdAt = row.createdAt.getTime()
    if (createdAt >= start) {
      statsRows.push({
        priority: row.priority,
        createdAt,
        resolvedAt: verdict.resolution.verdict === 'pending' ? null : (row.resolvedAt?.getTime() ?? null),
        escalated: row.escalated,
        csat: row.csat,
        assignee: row.assignee,
        queue: row.queue,
        resolutionMinutes: row.resolvedAt && row.resolvedAt.getTime() <= asOf ? verdict.resolution.elapsedMinutes : null,
      })
    }
    if (!inPeriod(verdict.response) && !inPeriod(verdict.resolution)) continue
    for (const metric of ['response', 'resolution'] as const) {
      const vendor = metric === 'response' ? row.vendorResponseMet : row.vendorResolutionMet
      const ours = verdict[metric].verdict
      if (vendor !== null && ours !== 'pending' && (ours === 'met') !== vendor) {
        disagreements.push({ externalId: row.externalId, metric, ours, vendor: vendor ? 'met' : 'breached' })
      }
    }
    if (!parsed.tickets && verdict.response.verdict !== 'breached' && verdict.resolution.verdict !== 'breached') continue
    tickets.push({
      externalId: row.externalId,
      title: row.title,
      priority: row.priority,
      status: row.status,
      queue: row.queue,
      assignee: row.assignee,
      createdAt: row.createdAt.toISOString(),
      response: reportMetric(verdict.response),
      resolution: { ...reportMetric(verdict.resolution), pausedMinutes: round((verdict.resolution as ResolutionVerdict).pausedMinutes) },
      vendor: { responseMet: row.vendorResponseMet, resolutionMet: row.vendorResolutionMet },
    })
  }
  const breaches = tickets.filter((t) => (t.response.verdict === 'breached' && inPeriodIso(t.response.decidedAt, start, end)) || (t.resolution.verdict === 'breached' && inPeriodIso(t.resolution.decidedAt, start, end)))
  return {
    partnership: scope.slug,
    period: { label, start: new Date(start).toISOString(), end: new Date(end).toISOString(), timezone: zone },
    asOf: new Date(asOf).toISOString(),
    policy: { version: stored.version, name: policy.name },
    totals,
    months: months.keys(),
    tickets: parsed.tickets ? tickets : [],
    breaches,
    disagreements,
    metricSlas: await metricSlas(scope.id, policy, start, end, months),
    stats: ticketStats(statsRows, zone),
    counts: { considered: rows.length, listed: tickets.length },
  }
}

function inPeriodIso(at: string | null, start: number, end: number) {
  if (!at) return false
  const t = Date.parse(at)
  return t >= start && t < end
}
