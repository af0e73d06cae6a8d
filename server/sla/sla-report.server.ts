import type { PartnershipScope } from '../access/policy.server.ts'
import { queryArrays } from '../db/client.server.ts'
import { agreedAttainment } from '../disputes/agreed-attainment.ts'
import { type DisputeLine, loadReportDisputes } from '../disputes/report-disputes.server.ts'
import { scanTickets } from '../tickets/scan-tickets.server.ts'
import type { AttainmentSummary } from './attainment.ts'
import { calendarFor } from './calendar.ts'
import { evaluateColumns } from './engine.ts'
import { type Disagreement, type ReportTicket, periodFigures } from './period-report.ts'
import { type MonthIndex, quarterOfMonth } from './periods.ts'
import { type SlaPolicy, metricUnit } from './policy.ts'
import { ZSlaReportInput } from './sla.schemas.ts'
import { storedPeriodFigures } from './stored/stored-period-figures.server.ts'
import type { VerdictsState } from './stored/verdicts-state.server.ts'
import { reportContext } from './report-context.server.ts'
import { REPORT_PAGE, keyedFromScan, pageOf } from './report-lists.ts'

export type { ReportMetric, ReportTicket } from './period-report.ts'

export interface MetricSlaResult {
  metric: string
  /** %, min, count…: the target's own unit or its default metric's. */
  unit: string
  op: '>=' | '<='
  target: number
  period: 'month' | 'quarter'
  results: Array<{ period: string; value: number | null; samples: number; met: boolean | null }>
}

export interface SlaReport {
  partnership: string
  period: { label: string; start: string; end: string; timezone: string }
  asOf: string
  /** The policy version the figures were computed with: during a re-evaluation, the one before the newest. */
  policy: { version: number; name: string }
  /** Where the stored verdicts stand (ADR 022): which version they hold, the newest one, a re-evaluation's progress. */
  verdicts: VerdictsState
  totals: AttainmentSummary
  /** Attainment as agreed: the computed verdicts with the accepted disputes' verdicts instead (disputes/agreed-attainment.ts). */
  agreedTotals: AttainmentSummary
  /** Disputes of the verdicts decided in the period, open and settled. */
  disputes: DisputeLine[]
  months: string[]
  tickets: ReportTicket[]
  /** The first page of the tickets breached in the period (`counts.breaches` in all), in creation order. */
  breaches: ReportTicket[]
  /** The first page of the decided verdicts the vendor's own contradicts (`counts.disagreements` in all). */
  disagreements: Disagreement[]
  /** The first page of the tickets with a clock still pending (`counts.pending` in all), soonest due first. */
  pending: ReportTicket[]
  /** Each list's next page for sla.reportList (null: the first page holds it all). */
  next: { breaches: string | null; disagreements: string | null; pending: string | null }
  /** Pending resolution clocks that will never be decided: closed or resolved with no resolution time (ADR 011). */
  completionUnknown: number
  metricSlas: MetricSlaResult[]
  counts: { considered: number; listed: number; breaches: number; disagreements: number; pending: number }
}

/** The policy's metric SLAs (uptime ≥ 99.9% a month, …) over the period's samples, per month or quarter. */
export async function metricSlas(partnershipId: string, policy: SlaPolicy, start: number, end: number, months: MonthIndex): Promise<MetricSlaResult[]> {
  if (policy.metricTargets.length === 0) return []
  // Summed per metric and local month by the database: a quarter of hourly samples is thousands of rows, the
  // sums are a dozen. numeric sums are exact and independent of row order, so the same data gives the same figure.
  // Months by comparing the stored instants (timestamp(3)) with their starts, not each converted to epoch ms.
  const keys = months.keys()
  const rows = await queryArrays(
    `SELECT "metric", width_bucket("at", $4::timestamp[]) AS month,
            sum("value"::numeric)::float8, count(*)::int
       FROM "MetricSample"
      WHERE "partnershipId" = $1 AND "metric" = ANY($2::text[])
        AND "at" >= ($3::timestamptz AT TIME ZONE 'UTC') AND "at" < ($5::timestamptz AT TIME ZONE 'UTC')
      GROUP BY 1, 2`,
    [partnershipId, policy.metricTargets.map((m) => m.metric), new Date(start).toISOString(), months.starts().map((t) => new Date(t).toISOString().slice(0, -1)), new Date(end).toISOString()],
  )
  return policy.metricTargets.map((target) => {
    const buckets = new Map<string, { sum: number; n: number }>()
    for (const [metric, bucket, sum, n] of rows as Array<[string, number, number, number]>) {
      // width_bucket counts from 1 for the first month; 0 is before it (never, given the WHERE).
      if (metric !== target.metric || bucket < 1 || bucket > keys.length) continue
      const month = keys[bucket - 1]
      const key = target.period === 'month' ? month : quarterOfMonth(month)
      const b = buckets.get(key) ?? { sum: 0, n: 0 }
      b.sum += sum
      b.n += n
      buckets.set(key, b)
    }
    const periods = target.period === 'month' ? months.keys() : [...new Set(months.keys().map(quarterOfMonth))]
    return {
      metric: target.metric,
      unit: metricUnit(target),
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
 * current policy, as of an instant. Its lists (breaches, disagreements with the vendor, pending tickets) come as
 * counts and a first page; sla.reportList gives the pages after (ADR 030). `tickets: true` lists every ticket.
 */
export async function slaReport(scope: PartnershipScope, input: unknown, now = new Date()): Promise<SlaReport> {
  const parsed = ZSlaReportInput.parse(input)
  const c = await reportContext(scope, parsed, now)
  const { vp, policy, start, end, asOf, months, window } = c
  const [disputes, metrics] = await Promise.all([loadReportDisputes(scope.id, start, end, asOf), metricSlas(scope.id, policy, start, end, months)])

  let figures: Pick<SlaReport, 'totals' | 'agreedTotals' | 'tickets' | 'breaches' | 'disagreements' | 'pending' | 'next' | 'completionUnknown' | 'counts'>
  if (vp && !parsed.tickets) {
    // The aggregate report: stored verdicts summed by the database, the engine only on the tickets still open.
    const f = await storedPeriodFigures(scope.id, vp, { start, end, months, window, asOf, overrides: disputes.overrides, firstPage: REPORT_PAGE })
    figures = {
      totals: f.totals,
      agreedTotals: f.agreedTotals,
      tickets: [],
      breaches: f.breaches,
      disagreements: f.disagreements,
      pending: f.pending,
      next: f.next,
      completionUnknown: f.completionUnknown,
      counts: { considered: f.considered, listed: 0, ...f.listCounts },
    }
  } else {
    // Every ticket listed: the reference path, the scan and the engine (also for a policy that no longer parses).
    const rows = await scanTickets(scope.id, { ...window, sources: true })
    const table = evaluateColumns(calendarFor(policy), policy, rows, asOf)
    const f = periodFigures(rows, table, { start, end, months, listTickets: parsed.tickets, listPending: true })
    const agreedTotals = agreedAttainment(rows, table, disputes.overrides, { start, end, months }, f.totals)
    const keyed = keyedFromScan(rows, table, f)
    const [breaches, disagreements, pending] = [pageOf(keyed.breaches, null, REPORT_PAGE), pageOf(keyed.disagreements, null, REPORT_PAGE), pageOf(keyed.pending, null, REPORT_PAGE)]
    figures = {
      totals: f.totals,
      agreedTotals,
      tickets: f.tickets,
      breaches: breaches.items,
      disagreements: disagreements.items,
      pending: pending.items,
      next: { breaches: breaches.next, disagreements: disagreements.next, pending: pending.next },
      completionUnknown: f.completionUnknown,
      counts: { considered: rows.length, listed: f.tickets.length, breaches: f.breaches.length, disagreements: f.disagreements.length, pending: f.pending.length },
    }
  }
  return {
    partnership: scope.slug,
    period: { label: c.label, start: new Date(start).toISOString(), end: new Date(end).toISOString(), timezone: policy.timezone },
    asOf: new Date(asOf).toISOString(),
    policy: { version: c.version, name: policy.name },
    verdicts: c.verdicts,
    totals: figures.totals,
    agreedTotals: figures.agreedTotals,
    disputes: disputes.list,
    months: months.keys(),
    tickets: figures.tickets,
    breaches: figures.breaches,
    disagreements: figures.disagreements,
    pending: figures.pending,
    next: figures.next,
    completionUnknown: figures.completionUnknown,
    metricSlas: metrics,
    counts: figures.counts,
  }
}
