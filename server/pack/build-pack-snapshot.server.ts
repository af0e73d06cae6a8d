import { duration } from '../../app/charts/pack-format.ts'
import type { PartnershipScope } from '../access/policy.server.ts'
import { KPI_METRICS, type KpiMetric } from '../csi/csi.schemas.ts'
import { db } from '../db/client.server.ts'
import { quarterIndex, quarterName, quartersBetween, rollUpBudget } from '../roadmap/budget.ts'
import { calendarFor } from '../sla/calendar.ts'
import { evaluateColumns } from '../sla/engine.ts'
import { type ReportTicket, periodFigures } from '../sla/period-report.ts'
import { MonthIndex, periodBounds } from '../sla/periods.ts'
import { PRIORITIES, type Priority } from '../sla/policy.ts'
import { metricSlas } from '../sla/sla-report.server.ts'
import { requireSlaPolicy } from '../sla/sla-policies.server.ts'
import { ticketStatsOf } from '../sla/ticket-stats.ts'
import { scanTickets } from '../tickets/scan-tickets.server.ts'
import { loadQbrSection } from './load-qbr-section.server.ts'
import { BREACH_APPENDIX_LIMIT, PACK_SNAPSHOT_VERSION, type PackBreach, type PackSnapshot, ZPackInput } from './snapshot.ts'

export type ProgressFn = (stage: string, done: number, total: number) => void

const ITEM_PRIORITY_RANK: Record<string, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 }
const TOP_ASSIGNEES = 10
/** Code-point order: the same on PGlite and PostgreSQL whatever their collations. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function breachReason(t: ReportTicket, targets: PackSnapshot['policy']['targets']): string {
  const parts: string[] = []
  const target = targets[t.priority]
  if (t.response.verdict === 'breached') parts.push(`Response ${duration(t.response.elapsedMinutes)} / target ${duration(target.responseMinutes)}`)
  if (t.resolution.verdict === 'breached') {
    // A breach is dated where the clock last stood at its target, not always at dueAt (ADR 011): only the status says open.
    const open = t.status !== 'Resolved' && t.status !== 'Closed'
    parts.push(`Resolution ${open ? 'open past due' : duration(t.resolution.elapsedMinutes)} / target ${duration(target.resolutionMinutes)}`)
  }
  return parts.join('; ')
}

const TS = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`

/**
 * Everything the QBR pack shows, for a verified partnership scope, a quarter and an as-of instant, as one plain
 * JSON snapshot. The SLA figures and ticket statistics are those of sla.report and sla.ticketStats for the same
 * as-of (the same scan, engine and pure functions; pack.integration.test.ts holds them equal), the CSI KPIs and
 * budget roll-up those of the workspace. `onProgress` is told as each part arrives, so that a job runner or a
 * streamed response can show progress.
 */
export async function buildPackSnapshot(scope: PartnershipScope, input: unknown, options: { now?: Date; onProgress?: ProgressFn } = {}): Promise<PackSnapshot> {
  const parsed = ZPackInput.parse(input)
  const asOf = parsed.asOf ? new Date(parsed.asOf) : (options.now ?? new Date())
  const asOfIso = asOf.toISOString()
  const quarter = parsed.quarter
  const previousQuarter = quarterName(quarterIndex(quarter) - 1)
  const horizon = quartersBetween(quarterName(quarterIndex(quarter) + 1), quarterName(quarterIndex(quarter) + 4))
  const prisma = await db()
  const STEPS = 8
  let done = 0
  const step = <T>(work: Promise<T>): Promise<T> =>
    work.then((value) => {
      options.onProgress?.('gather', ++done, STEPS)
      return value
    })
  options.onProgress?.('gather', 0, STEPS)

  const stored = await requireSlaPolicy(scope)
  const definition = stored.policy
  const zone = definition.timezone
  const prev = periodBounds(zone, { quarter: previousQuarter })
  const cur = periodBounds(zone, { quarter })
  const curEnd = Math.min(cur.end, asOf.getTime() + 1)
  const prevEnd = Math.min(prev.end, asOf.getTime() + 1)
  const months = new MonthIndex(zone, cur.start, cur.end - 1)

  // Every part at once: the database works on the next query while this process evaluates the last one. Both
  // quarters' SLA figures and the ticket statistics come from one scan, evaluated once: a verdict as of the as-of
  // does not depend on the period it is reported in.
  const [rows, orgs, metricSlaResults, uptime, responsibilities, roadmapRows, csiRows, qbr] = await Promise.all([
    step(scanTickets(scope.id, { createdBefore: curEnd, openAt: prev.start, ordered: false })),
    prisma.partnership.findFirstOrThrow({
      where: { id: scope.id },
      select: { mspOrg: { select: { name: true, primaryColor: true } }, clientOrg: { select: { name: true } } },
    }),
    step(metricSlas(scope.id, definition, cur.start, cur.end, months)),
    step(
      prisma.$queryRawUnsafe<Array<{ metric: string; current: boolean; value: number | null }>>(
        `SELECT "metric", ("at" >= ${TS(2)}) AS current, avg("value")::float8 AS value
           FROM "MetricSample" WHERE "partnershipId" = $1 AND "metric" IN ('uptime', 'backup_success', 'patch_compliance')
            AND "at" >= ${TS(3)} AND "at" < ${TS(4)} AND "at" <= ${TS(5)}
          GROUP BY 1, 2`,
        scope.id,
        new Date(cur.start).toISOString(),
        new Date(prev.start).toISOString(),
        new Date(cur.end).toISOString(),
        asOfIso,
      ),
    ),
    step(loadResponsibilities(scope, quarter, cur.start, asOf)),
    step(
      prisma.roadmapItem.findMany({
        where: { partnershipId: scope.id, deletedAt: null },
        select: { title: true, status: true, targetQuarter: true, priority: true, category: true, oneTimeCents: true, recurringCents: true, recurringPeriod: true, currency: true, createdAt: true },
      }),
    ),
    step(
      prisma.csiEntry.findMany({
        where: { partnershipId: scope.id, deletedAt: null },
        select: { id: true, opportunity: true, stage: true, status: true, kpiMetric: true, kpiBaseline: true, kpiTarget: true, createdAt: true },
      }),
    ),
    step(loadQbrSection(scope, quarter)),
  ])
  const table = evaluateColumns(calendarFor(definition), definition, rows, asOf.getTime())
  const report = periodFigures(rows, table, { start: cur.start, end: cur.end, months, listTickets: false })
  const previousReport = periodFigures(rows, table, { start: prev.start, end: prev.end, months: new MonthIndex(zone, prev.start, prev.end - 1), listTickets: false, createdBefore: prevEnd })
  const stats = ticketStatsOf(rows, table.resolutionElapsedMinutes, asOf.getTime(), cur.start, curEnd, zone)
  const previousStats = ticketStatsOf(rows, table.resolutionElapsedMinutes, asOf.getTime(), prev.start, prevEnd, zone)
  options.onProgress?.('gather', STEPS, STEPS)

  const targets = Object.fromEntries(PRIORITIES.map((p) => [p, { responseMinutes: definition.targets[p].responseMinutes, resolutionMinutes: definition.targets[p].resolutionMinutes, clock: definition.targets[p].clock }])) as PackSnapshot['policy']['targets']
  const metricOf = (metric: string, current: boolean) => uptime.find((u) => u.metric === metric && u.current === current)?.value ?? null
  const uptimeOf = (current: boolean) => metricOf('uptime', current)
  // The register's KPIs over the reviewed quarter, from the figures above (the CSI page shows the trailing 90 days).
  const kpiValue = (metric: string): number | null => {
    if (metric.startsWith('sla.')) {
      const [, kind, which] = metric.split('.') as ['sla', 'response' | 'resolution', string]
      return which === 'overall' ? report.totals[kind].overall.attainment : (report.totals[kind].byPriority[which as Priority]?.attainment ?? null)
    }
    if (metric === 'escalation_rate') return stats.escalationRate
    if (metric === 'csat_average') return stats.csatAverage
    if (metric === 'median_resolution_minutes') return stats.medianResolutionMinutes
    return metricOf(metric, true)
  }

  const breaches: PackBreach[] = report.breaches
    .map((t) => ({ externalId: t.externalId, title: t.title, priority: t.priority, queue: t.queue, assignee: t.assignee, createdAt: t.createdAt, reason: breachReason(t, targets) }))
    // Every field takes part, so the order is total: the scan sends rows in whatever order the server finds them.
    .sort((a, b) => byText(a.priority, b.priority) || byText(a.createdAt, b.createdAt) || byText(a.externalId, b.externalId) || byText(a.title, b.title) || byText(a.reason, b.reason) || byText(a.queue ?? '', b.queue ?? '') || byText(a.assignee ?? '', b.assignee ?? ''))

  const assigneeRows = [...stats.byAssignee].sort((a, b) => b.count - a.count || byText(a.assignee, b.assignee))
  const assigneeTotal = assigneeRows.reduce((s, a) => s + a.count, 0)
  const top = assigneeRows.slice(0, TOP_ASSIGNEES)
  const rest = assigneeRows.slice(TOP_ASSIGNEES).reduce((s, a) => s + a.count, 0)
  if (rest > 0) top.push({ assignee: `${assigneeRows.length - TOP_ASSIGNEES} others`, count: rest })

  const inHorizon = new Set(horizon)
  const snapshot: PackSnapshot = {
    schemaVersion: PACK_SNAPSHOT_VERSION,
    partnership: scope.slug,
    quarter,
    previousQuarter,
    asOf: asOfIso,
    timezone: zone,
    period: { start: new Date(cur.start).toISOString(), end: new Date(cur.end).toISOString() },
    msp: { name: orgs.mspOrg.name, primaryColor: orgs.mspOrg.primaryColor },
    client: { name: orgs.clientOrg.name },
    policy: { version: stored.version, name: definition.name, targets },
    kpis: {
      responseAttainment: { current: report.totals.response.overall.attainment, previous: previousReport.totals.response.overall.attainment },
      resolutionAttainment: { current: report.totals.resolution.overall.attainment, previous: previousReport.totals.resolution.overall.attainment },
      tickets: { current: stats.total, previous: previousStats.total },
      escalationRate: { current: stats.escalationRate, previous: previousStats.escalationRate },
      csat: { current: stats.csatAverage, previous: previousStats.csatAverage },
      uptime: { current: uptimeOf(true), previous: uptimeOf(false) },
    },
    sla: {
      byPriority: PRIORITIES.map((priority) => ({ priority, response: report.totals.response.byPriority[priority], resolution: report.totals.resolution.byPriority[priority] })),
      overall: { response: report.totals.response.overall, resolution: report.totals.resolution.overall },
      months: months.keys().map((month) => ({ month, response: report.totals.response.byMonth[month]?.attainment ?? null, resolution: report.totals.resolution.byMonth[month]?.attainment ?? null })),
      metricSlas: metricSlaResults.map((m) => ({ metric: m.metric, op: m.op, target: m.target, results: m.results.map((r) => ({ period: r.period, value: r.value, met: r.met })) })),
      breachCount: breaches.length,
      breaches: breaches.slice(0, BREACH_APPENDIX_LIMIT),
    },
    tickets: {
      total: stats.total,
      weekly: stats.weekly.map((w) => ({ week: w.week, byPriority: w.byPriority })),
      byQueue: [...stats.byQueue].sort((a, b) => b.count - a.count || byText(a.queue, b.queue)),
      medianResolutionMinutes: stats.medianResolutionMinutes,
      csatResponses: stats.csatResponses,
    },
    keyPerson: {
      assignees: top.map((a) => ({ ...a, share: assigneeTotal ? a.count / assigneeTotal : 0 })),
      total: assigneeTotal,
      topThreeCriticalShare: stats.keyPersonDependency.share,
    },
    responsibilities,
    roadmap: {
      quarters: horizon,
      items: roadmapRows
        .filter((r) => r.targetQuarter !== null && inHorizon.has(r.targetQuarter))
        .sort((a, b) => byText(a.targetQuarter!, b.targetQuarter!) || ITEM_PRIORITY_RANK[a.priority] - ITEM_PRIORITY_RANK[b.priority] || a.createdAt.getTime() - b.createdAt.getTime() || byText(a.title, b.title))
        .map((r) => ({
          title: r.title,
          status: r.status,
          targetQuarter: r.targetQuarter,
          priority: r.priority,
          category: r.category,
          oneTime: Number(r.oneTimeCents) / 100,
          recurring: Number(r.recurringCents) / 100,
          recurringPeriod: r.recurringPeriod,
          currency: r.currency,
        })),
      budget: rollUpBudget(roadmapRows, horizon),
    },
    csi: csiRows
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || byText(a.id, b.id))
      .map((r) => {
        const meta = r.kpiMetric ? KPI_METRICS[r.kpiMetric as KpiMetric] : undefined
        const current = r.kpiMetric ? kpiValue(r.kpiMetric) : null
        const better = meta ? meta.better : null
        return {
          opportunity: r.opportunity,
          stage: r.stage,
          status: r.status,
          kpi: meta ? meta.label : null,
          baseline: r.kpiBaseline,
          target: r.kpiTarget,
          current: current === null ? null : Math.round(current * 100) / 100,
          better,
          onTarget: current === null || r.kpiTarget === null || better === null ? null : better === 'up' ? current >= r.kpiTarget : current <= r.kpiTarget,
        }
      }),
    qbr,
  }
  return snapshot
}

/**
 * The matrix rows and their changes since the last QBR: the as-of of the latest frozen pack of an earlier quarter,
 * or the quarter's start when there is none; changes after the as-of are left out.
 */
async function loadResponsibilities(scope: PartnershipScope, quarter: string, quarterStart: number, asOf: Date): Promise<PackSnapshot['responsibilities']> {
  const prisma = await db()
  const lastPack = await prisma.packVersion.findFirst({
    where: { partnershipId: scope.id, quarter: { lt: quarter }, asOf: { lte: asOf } },
    orderBy: [{ asOf: 'desc' }],
    select: { asOf: true },
  })
  const since = lastPack?.asOf ?? new Date(quarterStart)
  const [rows, changes] = await Promise.all([
    prisma.responsibilityFunction.findMany({
      where: { partnershipId: scope.id, deletedAt: null },
      orderBy: [{ sortOrder: 'asc' }, { category: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      select: { id: true, category: true, name: true, classification: true, mspRaci: true, clientRaci: true, mspOwner: true, clientOwner: true },
    }),
    prisma.fieldChange.findMany({
      where: { partnershipId: scope.id, entityType: 'ResponsibilityFunction', at: { gte: since, lte: asOf } },
      orderBy: [{ at: 'asc' }, { entityId: 'asc' }, { field: 'asc' }],
      select: { entityId: true, field: true, version: true, after: true, actorLabel: true, at: true },
    }),
  ])
  const names = new Map(rows.map((r) => [r.id, r.name]))
  const changed = new Set(changes.map((c) => c.entityId))
  return {
    since: since.toISOString(),
    rows: rows.map(({ id, ...r }) => ({ ...r, changed: changed.has(id) })),
    changes: changes.map((c) => ({
      name: names.get(c.entityId) ?? '(deleted row)',
      field: c.field,
      kind: c.version === 1 ? 'created' : c.field === 'deletedAt' ? (c.after ? 'deleted' : 'restored') : 'changed',
      by: c.actorLabel,
      at: c.at.toISOString(),
    })),
  }
}
