import { DateTime } from 'luxon'
import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { periodBounds } from '../sla/periods.ts'
import type { Priority } from '../sla/policy.ts'
import { getSlaPolicy } from '../sla/sla-policies.server.ts'
import { slaReport } from '../sla/sla-report.server.ts'
import { slaTicketStats } from '../sla/sla-ticket-stats.server.ts'
import { keyPersonShareBetween } from '../sla/kpis/key-person-share.server.ts'
import type { KpiMetric } from './csi.schemas.ts'

const WINDOW_DAYS = 90
export const TRAILING_LABEL = `trailing ${WINDOW_DAYS} days`

export interface KpiFigures {
  /** The quarter the KPI is read over, as the QBR pack reads it ("2026-Q4 to date"). */
  period: string
  /** Per entry id: the KPI over `period` (what the pack shows), and over the trailing 90 days beside it. */
  values: Record<string, { quarter: number | null; trailing: number | null }>
}

/** The quarter an instant falls in, in the partnership's SLA time zone (the pack's quarters). */
function quarterOf(zone: string, at: number): string {
  const local = DateTime.fromMillis(at, { zone })
  return `${local.year}-Q${Math.ceil(local.month / 3)}`
}

// A partnership without an SLA policy has no SLA figures: the KPIs that need one have no value.
const withoutPolicy = <T>(work: Promise<T>): Promise<T | null> =>
  work.catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'BAD_REQUEST') return null
    throw error
  })

/**
 * Each entry's KPI from live data over two named periods: the current quarter to date, computed as the QBR pack
 * computes it (sla.report and sla.ticketStats for the quarter, metric samples of the quarter up to the instant),
 * so that the page and the pack agree; and the trailing 90 days, for the trend.
 */
export async function kpiFigures(scope: PartnershipScope, entries: ReadonlyArray<{ id: string; kpiMetric: string | null }>, asOf = new Date()): Promise<KpiFigures> {
  const zone = (await getSlaPolicy(scope))?.policy.timezone ?? 'UTC'
  const quarter = quarterOf(zone, asOf.getTime())
  const bounds = periodBounds(zone, { quarter })
  const period = asOf.getTime() + 1 < bounds.end ? `${quarter} to date` : quarter
  const metrics = [...new Set(entries.map((e) => e.kpiMetric).filter((m): m is KpiMetric => m !== null))]
  if (metrics.length === 0) return { period, values: Object.fromEntries(entries.map((e) => [e.id, { quarter: null, trailing: null }])) }

  const since = new Date(asOf.getTime() - WINDOW_DAYS * 86_400_000)
  const day = (d: Date) => d.toISOString().slice(0, 10)
  const trailingRange = { slug: scope.slug, from: day(since), to: day(new Date(asOf.getTime() + 86_400_000)), asOf: asOf.toISOString() }
  const quarterRange = { slug: scope.slug, quarter, asOf: asOf.toISOString() }
  const needsSla = metrics.some((m) => m.startsWith('sla.'))
  const needsStats = metrics.some((m) => m === 'escalation_rate' || m === 'csat_average' || m === 'median_resolution_minutes')
  const prisma = await db()
  const [quarterReport, quarterStats, trailingReport, trailingStats] = await Promise.all([
    needsSla ? withoutPolicy(slaReport(scope, { ...quarterRange, tickets: false })) : null,
    needsStats ? withoutPolicy(slaTicketStats(scope, quarterRange)) : null,
    needsSla ? withoutPolicy(slaReport(scope, { ...trailingRange, tickets: false })) : null,
    metrics.includes('median_resolution_minutes') ? withoutPolicy(slaTicketStats(scope, trailingRange)) : null,
  ])
  const sampleAverage = async (metric: string, from: Date, to: Date) =>
    (await prisma.metricSample.aggregate({ where: { partnershipId: scope.id, metric, at: { gte: from, lt: to, lte: asOf } }, _avg: { value: true } }))._avg.value

  const values = new Map<KpiMetric, { quarter: number | null; trailing: number | null }>()
  for (const metric of metrics) {
    if (metric === 'uptime' || metric === 'backup_success' || metric === 'patch_compliance') {
      values.set(metric, { quarter: await sampleAverage(metric, new Date(bounds.start), new Date(bounds.end)), trailing: await sampleAverage(metric, since, new Date(asOf.getTime() + 1)) })
    } else if (metric === 'escalation_rate') {
      const [total, escalated] = await Promise.all([
        prisma.ticket.count({ where: { partnershipId: scope.id, createdAt: { gte: since, lte: asOf } } }),
        prisma.ticket.count({ where: { partnershipId: scope.id, createdAt: { gte: since, lte: asOf }, escalated: true } }),
      ])
      values.set(metric, { quarter: quarterStats?.escalationRate ?? null, trailing: total ? (100 * escalated) / total : null })
    } else if (metric === 'csat_average') {
      const agg = await prisma.ticket.aggregate({ where: { partnershipId: scope.id, createdAt: { gte: since, lte: asOf }, csat: { not: null } }, _avg: { csat: true } })
      values.set(metric, { quarter: quarterStats?.csatAverage ?? null, trailing: agg._avg.csat })
    } else if (metric === 'key_person_share') {
      values.set(metric, {
        quarter: await keyPersonShareBetween(scope.id, bounds.start, bounds.end, asOf.getTime()),
        trailing: await keyPersonShareBetween(scope.id, since.getTime(), asOf.getTime() + 1, asOf.getTime()),
      })
    } else if (metric === 'median_resolution_minutes') {
      values.set(metric, { quarter: quarterStats?.medianResolutionMinutes ?? null, trailing: trailingStats?.medianResolutionMinutes ?? null })
    } else {
      const [, kind, which] = metric.split('.') as ['sla', 'response' | 'resolution', string]
      const of = (report: typeof quarterReport) => {
        if (!report) return null
        const totals = report.totals[kind]
        return which === 'overall' ? totals.overall.attainment : totals.byPriority[which as Priority].attainment
      }
      values.set(metric, { quarter: of(quarterReport), trailing: of(trailingReport) })
    }
  }
  return {
    period,
    values: Object.fromEntries(entries.map((e) => [e.id, (e.kpiMetric ? values.get(e.kpiMetric as KpiMetric) : undefined) ?? { quarter: null, trailing: null }])),
  }
}
