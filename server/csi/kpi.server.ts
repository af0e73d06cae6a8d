import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import type { Priority } from '../sla/policy.ts'
import { slaReport } from '../sla/sla-report.server.ts'
import { slaTicketStats } from '../sla/sla-ticket-stats.server.ts'
import type { KpiMetric } from './csi.schemas.ts'

const WINDOW_DAYS = 90

/**
 * The current value of each entry's KPI over the trailing 90 days, from live data: metric samples (uptime,
 * backups, patching), the ticket store (escalation rate, CSAT) and SLA attainment.
 */
export async function currentKpiValues(scope: PartnershipScope, entries: ReadonlyArray<{ id: string; kpiMetric: string | null }>, asOf = new Date()) {
  const metrics = new Set(entries.map((e) => e.kpiMetric).filter((m): m is KpiMetric => m !== null))
  const values = new Map<KpiMetric, number | null>()
  const since = new Date(asOf.getTime() - WINDOW_DAYS * 86_400_000)
  const prisma = await db()
  for (const metric of metrics) {
    if (metric === 'uptime' || metric === 'backup_success' || metric === 'patch_compliance') {
      const agg = await prisma.metricSample.aggregate({ where: { partnershipId: scope.id, metric, at: { gte: since, lte: asOf } }, _avg: { value: true } })
      values.set(metric, agg._avg.value)
    } else if (metric === 'escalation_rate') {
      const [total, escalated] = await Promise.all([
        prisma.ticket.count({ where: { partnershipId: scope.id, createdAt: { gte: since, lte: asOf } } }),
        prisma.ticket.count({ where: { partnershipId: scope.id, createdAt: { gte: since, lte: asOf }, escalated: true } }),
      ])
      values.set(metric, total ? (100 * escalated) / total : null)
    } else if (metric === 'csat_average') {
      const agg = await prisma.ticket.aggregate({ where: { partnershipId: scope.id, createdAt: { gte: since, lte: asOf }, csat: { not: null } }, _avg: { csat: true } })
      values.set(metric, agg._avg.csat)
    } else if (metric === 'median_resolution_minutes') {
      values.set(metric, (await slaMedian(scope, since, asOf)) ?? null)
    } else {
      values.set(metric, await slaKpi(scope, metric, since, asOf))
    }
  }
  return Object.fromEntries(entries.map((e) => [e.id, e.kpiMetric ? (values.get(e.kpiMetric as KpiMetric) ?? null) : null])) as Record<string, number | null>
}

/** SLA attainment over the window, from the same report the SLA pages show; null without a policy or decided tickets. */
async function slaKpi(scope: PartnershipScope, metric: KpiMetric, since: Date, asOf: Date): Promise<number | null> {
  const [, kind, which] = metric.split('.') as ['sla', 'response' | 'resolution', string]
  const report = await slaReport(scope, {
    slug: scope.slug,
    from: since.toISOString().slice(0, 10),
    to: new Date(asOf.getTime() + 86_400_000).toISOString().slice(0, 10),
    asOf: asOf.toISOString(),
    tickets: false,
  }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'BAD_REQUEST') return null
    throw error
  })
  if (!report) return null
  const totals = report.totals[kind]
  return which === 'overall' ? totals.overall.attainment : totals.byPriority[which as Priority].attainment
}

async function slaMedian(scope: PartnershipScope, since: Date, asOf: Date): Promise<number | null> {
  const stats = await slaTicketStats(scope, { slug: scope.slug, from: since.toISOString().slice(0, 10), to: new Date(asOf.getTime() + 86_400_000).toISOString().slice(0, 10), asOf: asOf.toISOString() }).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === 'BAD_REQUEST') return null
      throw error
    },
  )
  return stats?.medianResolutionMinutes ?? null
}
