import { DEFAULT_LOCALE, breachedDuration, duration } from '../../app/utils/format.ts'
import type { PartnershipScope } from '../access/policy.server.ts'
import { KPI_METRICS, type KpiMetric } from '../csi/csi.schemas.ts'
import { db, queryArrays } from '../db/client.server.ts'
import { quarterIndex, quarterName, quartersBetween, rollUpBudget } from '../roadmap/budget.ts'
import type { ReportTicket } from '../sla/period-report.ts'
import { MonthIndex, periodBounds } from '../sla/periods.ts'
import { quarterLabel } from '../../app/utils/labels.ts'
import { PRIORITIES, type Priority } from '../sla/policy.ts'
import type { Tally } from '../sla/attainment.ts'
import { metricSlas } from '../sla/sla-report.server.ts'
import type { SlaPolicy } from '../sla/policy.ts'
import { parsedPolicyVersion, verdictPolicyAt } from '../sla/stored/verdict-policy.server.ts'
import { changesSince, lastHeldQbr } from './as-of/changes-since.server.ts'
import { csiEntriesAsOf, laterHistory, qbrsAsOf, responsibilitiesAsOf, roadmapItemsAsOf } from './as-of/load-as-of.server.ts'
import { comparisonWindow } from './comparison-window.ts'
import { loadQbrSection } from './load-qbr-section.server.ts'
import { loadLifecycleSection } from './load-lifecycle-section.server.ts'
import { loadAlignmentSection } from './load-alignment-section.server.ts'
import { scanTicketFigures } from './scan-ticket-figures.server.ts'
import { storedTicketFigures } from './stored-ticket-figures.server.ts'
import type { PackTicketFigures, PackTicketWindow } from './ticket-figures.ts'
import { loadNarrativeSection } from './load-narrative-section.server.ts'
import { BREACH_APPENDIX_LIMIT, PACK_SNAPSHOT_VERSION, type PackBreach, type PackSnapshot, ZPackInput } from './snapshot.ts'

export type ProgressFn = (stage: string, done: number, total: number) => void

const ITEM_PRIORITY_RANK: Record<string, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 }
const TOP_ASSIGNEES = 10
/** Code-point order: the same on PGlite and PostgreSQL whatever their collations. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function breachReason(t: ReportTicket, targets: NonNullable<PackSnapshot['policy']>['targets']): string {
  const parts: string[] = []
  const target = targets[t.priority]
  // Each clock in its own unit (business hours for a business clock), the elapsed time rounded up: a breach never
  // reads as its target. A business clock stands still after hours, so a ticket completed after hours past its
  // due time has used exactly its target: say so rather than print the target twice.
  const clock = target.clock === 'business' ? 'business' : '24x7'
  const elapsed = (minutes: number, targetMinutes: number) => (minutes > targetMinutes ? breachedDuration(minutes, clock) : 'completed after hours, past its due time')
  if (t.response.verdict === 'breached') parts.push(`Response ${elapsed(t.response.elapsedMinutes, target.responseMinutes)} / target ${duration(target.responseMinutes, clock)}`)
  if (t.resolution.verdict === 'breached') {
    // A breach is dated where the clock last stood at its target, not always at dueAt (ADR 011): only the lifecycle says open.
    const open = t.lifecycle !== 'resolved' && t.lifecycle !== 'closed'
    parts.push(`Resolution ${open ? 'open past due' : elapsed(t.resolution.elapsedMinutes, target.resolutionMinutes)} / target ${duration(target.resolutionMinutes, clock)}`)
  }
  // Closed with no resolution time: pending for good, and said so rather than left to read as still open.
  if (t.resolution.completionUnknown) parts.push('Resolution completion unknown (closed with no resolution time)')
  return parts.join('; ')
}

const TS = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`

/**
 * The SLA policy in force at the instant: the last version written by then. Tickets older than the first version
 * are measured against it (the partnership's policy applies from its start), so only a partnership that never set
 * one has none.
 */
async function policyAsOf(partnershipId: string, asOf: Date): Promise<{ version: number; policy: SlaPolicy } | null> {
  // One read: the last version written by the instant, else the first one.
  const [row] = (await queryArrays(
    `SELECT "version", "definition" FROM "SlaPolicy" WHERE "partnershipId" = $1
      ORDER BY ("createdAt" <= ${TS(2)}) DESC, CASE WHEN "createdAt" <= ${TS(2)} THEN -"version" ELSE "version" END
      LIMIT 1`,
    [partnershipId, asOf.toISOString()],
  )) as Array<[number, unknown]>
  return row ? { version: row[0], policy: parsedPolicyVersion(partnershipId, row[0], row[1]) } : null
}

/** The names, fiscal year and branding the pack prints: the partnership's and its two organisations' rows. */
async function partiesOf(partnershipId: string) {
  const [row] = (await queryArrays(
    `SELECT p."fiscalYearStartMonth", m."name", m."primaryColor", m."logoPng", m."logoWidth", m."logoHeight", c."name"
       FROM "Partnership" p JOIN "Organization" m ON m."id" = p."mspOrgId" JOIN "Organization" c ON c."id" = p."clientOrgId"
      WHERE p."id" = $1`,
    [partnershipId],
  )) as Array<[number, string, string | null, Uint8Array | null, number | null, number | null, string]>
  if (!row) throw new Error(`No partnership ${partnershipId}`)
  const [fiscalYearStartMonth, name, primaryColor, logoPng, logoWidth, logoHeight, clientName] = row
  return { fiscalYearStartMonth, mspOrg: { name, primaryColor, logoPng, logoWidth, logoHeight }, clientOrg: { name: clientName } }
}

const NO_TALLY: Tally = { met: 0, breached: 0, pending: 0, attainment: null }

/**
 * Everything the QBR pack shows, for a verified partnership scope, a quarter and an as-of instant, as one plain
 * JSON snapshot. The SLA figures and ticket statistics are those of sla.report and sla.ticketStats for the same
 * as-of (pack.integration.test.ts holds them equal), from the stored verdicts or, with `ticketFigures: 'scan'`,
 * from the reference scan (ticket-figures.ts); the CSI KPIs and budget roll-up those of the workspace.
 * `onProgress` is told as each part arrives, so that a job runner or a streamed response can show progress.
 */
export async function buildPackSnapshot(scope: PartnershipScope, input: unknown, options: { now?: Date; onProgress?: ProgressFn; ticketFigures?: 'stored' | 'scan' } = {}): Promise<PackSnapshot> {
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

  // The parts that do not depend on the SLA policy start before it is read, the policy's first; every part reads
  // the data as it stood at the as-of (its own filters), each on a connection of its own.
  // A part started early is awaited below; should the policy fail first, its failure is not left unhandled.
  const early = <T>(work: Promise<T>): Promise<T> => {
    work.catch(() => {})
    return work
  }
  const policyRead = policyAsOf(scope.id, asOf)
  const history = early(laterHistory(scope, asOf))
  const orgsRead = early(partiesOf(scope.id))
  const qbrsRead = early(step(qbrsAsOf(scope, asOf, history)))
  const workspace = early(
    Promise.all([
      step(responsibilitiesAsOf(scope, asOf, history)),
      step(roadmapItemsAsOf(scope, asOf, history)),
      step(csiEntriesAsOf(scope, asOf, history)),
      loadLifecycleSection(scope.id, asOf),
      loadAlignmentSection(scope, asOf),
      loadNarrativeSection(scope, quarter),
    ]),
  )
  const stored = await policyRead
  const definition = stored?.policy ?? null
  const zone = definition?.timezone ?? 'UTC'
  const prev = periodBounds(zone, { quarter: previousQuarter })
  const cur = periodBounds(zone, { quarter })
  const curEnd = Math.min(cur.end, asOf.getTime() + 1)
  const compared = comparisonWindow(zone, cur, prev, asOf.getTime(), previousQuarter)
  const prevEnd = Math.min(compared.end, asOf.getTime() + 1)
  const months = new MonthIndex(zone, cur.start, cur.end - 1)

  const window: PackTicketWindow = {
    scope,
    policy: stored && definition ? { version: stored.version, definition } : null,
    quarter,
    asOf: asOf.getTime(),
    zone,
    cur,
    curEnd,
    prev,
    comparedEnd: compared.end,
    prevEnd,
    months,
  }
  // Every part at once, each on a connection of its own. The ticket figures from the stored verdicts (ADR 022)
  // when the policy in force at the as-of still parses, else from the scan; the workspace parts as they stood at
  // the as-of.
  const ticketFigures = async (): Promise<PackTicketFigures> => {
    const vp = stored && options.ticketFigures !== 'scan' ? await verdictPolicyAt(prisma, scope.id, stored.version) : null
    return vp ? storedTicketFigures(window, vp) : scanTicketFigures(window)
  }
  const figuresRead = early(step(ticketFigures()))
  // The meeting pages and the changes since the last QBR as soon as the QBRs (and the quarter's bounds) are known.
  const meetings = early(qbrsRead.then((qbrs) => {
    const lastQbr = lastHeldQbr(qbrs, quarter, asOf)
    const since = lastQbr?.startsAt ?? new Date(cur.start)
    return Promise.all([lastQbr, since, changesSince(scope, since, asOf, history), loadQbrSection(scope, quarter, asOf, qbrs, history)] as const)
  }))
  const [figures, orgs, metricSlaResults, uptime, [matrixRows, roadmapRows, csiRows, lifecycle, alignment, narrative], [lastQbr, since, changes, qbr]] = await Promise.all([
    figuresRead,
    orgsRead,
    step(definition ? metricSlas(scope.id, definition, cur.start, cur.end, months) : Promise.resolve([])),
    step(
      queryArrays(
        `SELECT "metric", ("at" >= ${TS(2)}) AS current, avg("value")::float8 AS value
           FROM "MetricSample" WHERE "partnershipId" = $1 AND "metric" IN ('uptime', 'backup_success', 'patch_compliance')
            AND (("at" >= ${TS(2)} AND "at" < ${TS(4)}) OR ("at" >= ${TS(3)} AND "at" < ${TS(6)})) AND "at" <= ${TS(5)}
          GROUP BY 1, 2`,
        [scope.id, new Date(cur.start).toISOString(), new Date(prev.start).toISOString(), new Date(cur.end).toISOString(), asOfIso, new Date(compared.end).toISOString()],
      ).then((rows) => (rows as Array<[string, boolean, number | null]>).map(([metric, current, value]) => ({ metric, current, value }))),
    ),
    workspace,
    meetings,
  ])
  const { report, disputes, stats, previousStats, serviceKpis } = figures
  options.onProgress?.('gather', STEPS, STEPS)

  const targets = definition
    ? (Object.fromEntries(PRIORITIES.map((p) => [p, { responseMinutes: definition.targets[p].responseMinutes, resolutionMinutes: definition.targets[p].resolutionMinutes, clock: definition.targets[p].clock }])) as NonNullable<PackSnapshot['policy']>['targets'])
    : null
  const metricOf = (metric: string, current: boolean) => uptime.find((u) => u.metric === metric && u.current === current)?.value ?? null
  const uptimeOf = (current: boolean) => metricOf('uptime', current)
  const totals = (kind: 'response' | 'resolution') => report?.totals[kind]
  // The register's KPIs over the reviewed quarter (to date while it runs), from the figures above; the CSI page
  // shows the same beside the trailing 90 days.
  const kpiValue = (metric: string): number | null => {
    if (metric.startsWith('sla.')) {
      const [, kind, which] = metric.split('.') as ['sla', 'response' | 'resolution', string]
      const t = totals(kind)
      if (!t) return null
      return which === 'overall' ? t.overall.attainment : (t.byPriority[which as Priority]?.attainment ?? null)
    }
    if (metric === 'escalation_rate') return stats.escalationRate
    if (metric === 'csat_average') return stats.csatAverage
    if (metric === 'median_resolution_minutes') return stats.medianResolutionMinutes
    if (metric === 'key_person_share') return serviceKpis?.keyPerson.current.share ?? null
    return metricOf(metric, true)
  }
  const kpiPeriod = compared.toDate ? `${quarter} to date` : quarter

  const breaches: PackBreach[] = (report?.breaches ?? [])
    .map((t) => ({ externalId: t.externalId, title: t.title, priority: t.priority, queue: t.queue, assignee: t.assignee, createdAt: t.createdAt, reason: breachReason(t, targets!) }))
    // Every field takes part, so the order is total: the scan sends rows in whatever order the server finds them.
    .sort((a, b) => byText(a.priority, b.priority) || byText(a.createdAt, b.createdAt) || byText(a.externalId, b.externalId) || byText(a.title, b.title) || byText(a.reason, b.reason) || byText(a.queue ?? '', b.queue ?? '') || byText(a.assignee ?? '', b.assignee ?? ''))

  const assigneeRows = [...stats.byAssignee].sort((a, b) => b.count - a.count || byText(a.assignee, b.assignee))
  const assigneeTotal = assigneeRows.reduce((s, a) => s + a.count, 0)
  const top = assigneeRows.slice(0, TOP_ASSIGNEES)
  const rest = assigneeRows.slice(TOP_ASSIGNEES).reduce((s, a) => s + a.count, 0)
  if (rest > 0) top.push({ assignee: `${assigneeRows.length - TOP_ASSIGNEES} others`, count: rest })

  const inHorizon = new Set(horizon)
  const overall = (kind: 'response' | 'resolution') => report?.totals[kind].overall ?? NO_TALLY
  const snapshot: PackSnapshot = {
    schemaVersion: PACK_SNAPSHOT_VERSION,
    partnership: scope.slug,
    quarter,
    previousQuarter,
    quarterLabel: quarterLabel(quarter, orgs.fiscalYearStartMonth, DEFAULT_LOCALE),
    fiscalYearStartMonth: orgs.fiscalYearStartMonth,
    asOf: asOfIso,
    timezone: zone,
    locale: DEFAULT_LOCALE,
    period: { start: new Date(cur.start).toISOString(), end: new Date(cur.end).toISOString(), toDate: compared.toDate },
    comparison: { start: new Date(compared.start).toISOString(), end: new Date(compared.end).toISOString(), label: compared.label },
    msp: {
      name: orgs.mspOrg.name,
      primaryColor: orgs.mspOrg.primaryColor,
      logo: orgs.mspOrg.logoPng && orgs.mspOrg.logoWidth && orgs.mspOrg.logoHeight ? { png: Buffer.from(orgs.mspOrg.logoPng).toString('base64'), width: orgs.mspOrg.logoWidth, height: orgs.mspOrg.logoHeight } : null,
    },
    client: { name: orgs.clientOrg.name },
    policy: stored && definition && targets ? { version: stored.version, name: definition.name, targets } : null,
    kpis: {
      responseAttainment: { current: overall('response').attainment, previous: figures.previousTotals?.response.overall.attainment ?? null },
      resolutionAttainment: { current: overall('resolution').attainment, previous: figures.previousTotals?.resolution.overall.attainment ?? null },
      tickets: { current: stats.total, previous: previousStats.total },
      escalationRate: { current: stats.escalationRate, previous: previousStats.escalationRate },
      csat: { current: stats.csatAverage, previous: previousStats.csatAverage },
      uptime: { current: uptimeOf(true), previous: uptimeOf(false) },
    },
    sla: {
      byPriority: PRIORITIES.map((priority) => ({ priority, response: report?.totals.response.byPriority[priority] ?? NO_TALLY, resolution: report?.totals.resolution.byPriority[priority] ?? NO_TALLY })),
      overall: { response: overall('response'), resolution: overall('resolution') },
      months: months.keys().map((month) => ({ month, response: report?.totals.response.byMonth[month]?.attainment ?? null, resolution: report?.totals.resolution.byMonth[month]?.attainment ?? null })),
      metricSlas: metricSlaResults.map((m) => ({ metric: m.metric, unit: m.unit, op: m.op, target: m.target, results: m.results.map((r) => ({ period: r.period, value: r.value, met: r.met })) })),
      breachCount: report?.breachCount ?? 0,
      completionUnknown: report?.completionUnknown ?? 0,
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
    responsibilities: {
      since: since.toISOString(),
      rows: matrixRows
        .sort((a, b) => a.sortOrder - b.sortOrder || byText(a.category, b.category) || byText(a.name, b.name) || byText(a.id, b.id))
        .map(({ id, sortOrder: _, createdAt: _c, deletedAt: _d, ...r }) => ({ ...r, changed: changes.changedIds.has(id) })),
    },
    changes: {
      since: since.toISOString(),
      lastQbr: lastQbr ? { quarter: lastQbr.quarter, heldOn: lastQbr.startsAt!.toISOString() } : null,
      lines: changes.lines,
    },
    roadmap: {
      quarters: horizon,
      items: roadmapRows
        .filter((r) => r.targetQuarter !== null && inHorizon.has(r.targetQuarter))
        .sort((a, b) => byText(a.targetQuarter!, b.targetQuarter!) || ITEM_PRIORITY_RANK[a.priority] - ITEM_PRIORITY_RANK[b.priority] || a.createdAt.getTime() - b.createdAt.getTime() || byText(a.title, b.title) || byText(a.id, b.id))
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
          period: kpiPeriod,
          baseline: r.kpiBaseline,
          target: r.kpiTarget,
          current: current === null ? null : Math.round(current * 100) / 100,
          better,
          onTarget: current === null || r.kpiTarget === null || better === null ? null : better === 'up' ? current >= r.kpiTarget : current <= r.kpiTarget,
        }
      }),
    lifecycle,
    qbr,
    disputes,
    alignment,
    ...(serviceKpis ? { serviceKpis } : {}),
    ...(narrative ? { narrative } : {}),
  }
  return snapshot
}
