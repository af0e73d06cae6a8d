import { loadReportDisputes } from '../disputes/report-disputes.server.ts'
import { evaluateColumns } from '../sla/engine.ts'
import { mergeSorted } from '../sla/kpis/kpi-math.ts'
import { computeServiceKpis } from '../sla/kpis/service-kpis.server.ts'
import { MonthIndex } from '../sla/periods.ts'
import { storedPeriodFigures } from '../sla/stored/stored-period-figures.server.ts'
import type { VerdictPolicy } from '../sla/stored/verdict-policy.server.ts'
import { statsOfCounts } from '../sla/ticket-stats.ts'
import { pickRows } from '../sla/stored/stored-report-lists.server.ts'
import { type TicketScan, scanTickets } from '../tickets/scan-tickets.server.ts'
import { packDisputes } from './disputes-section.ts'
import { BREACH_APPENDIX_LIMIT } from './snapshot.ts'
import { storedCohortCounts, storedResolutionMinutes } from './stored-ticket-stats.server.ts'
import type { PackTicketFigures, PackTicketWindow } from './ticket-figures.ts'

/** A sorted list without its NaN, which a Float64Array sorts last. */
function withoutNaN(sorted: Float64Array): Float64Array {
  let n = sorted.length
  while (n > 0 && Number.isNaN(sorted[n - 1])) n--
  return n === sorted.length ? sorted : sorted.subarray(0, n)
}

/**
 * A promise handed to a callee that may fail before it awaits it (a bad window throws at once): its failure reaches
 * the caller through the figures it awaits, and is never left an unhandled rejection, which ends the process.
 */
function handled<T>(work: Promise<T>): Promise<T> {
  work.catch(() => {})
  return work
}

/** Index of the stretch [edges[k], edges[k + 1]) holding t; -1 outside them all. */
function stretchOf(edges: readonly number[], t: number): number {
  let lo = 0
  let hi = edges.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (edges[mid] <= t) lo = mid + 1
    else hi = mid
  }
  return lo >= 1 && lo < edges.length ? lo - 1 : -1
}

/**
 * The pack's ticket figures from the stored verdicts (ADR 022), under the policy version in force at the as-of:
 * the tickets settled under it by the as-of are counted by the database (SLA tallies, breach rows, ticket
 * statistics, their stored resolution minutes); the rest, the few still open at the as-of or stored under another
 * version, are read and evaluated by the engine at the as-of, as the scan would. The same figures as
 * scanTicketFigures, every one of them (pack-stored-figures.integration.test.ts).
 */
export async function storedTicketFigures(w: PackTicketWindow, vp: VerdictPolicy): Promise<PackTicketFigures> {
  const { scope, asOf, zone, cur, prev, curEnd, prevEnd, months } = w
  // The service KPIs' months (the two quarters) cut at the two periods' ends: each stretch lies in one month and
  // in at most one period.
  const kpiMonths = new MonthIndex(zone, prev.start, cur.end - 1)
  const to = Math.max(prev.start, curEnd)
  const edges = [...new Set([...kpiMonths.starts(), prevEnd, curEnd].filter((e) => e >= prev.start && e <= to))].sort((a, b) => a - b)

  const disputesLoaded = loadReportDisputes(scope.id, cur.start, cur.end, asOf)
  // The tickets not settled under the version by the as-of, read and evaluated once for the three windows that
  // need them (each period's figures, the resolution minutes of both): those created before the quarter's end and
  // open at the comparison window's start (both periods' windows), or created since then (the minutes'). In scan
  // order with their sources, as the periods' lists need them.
  const open = prev.start
  const restLoaded = scanTickets(scope.id, { createdBefore: to, openAt: open, orCreatedFrom: prev.start, sources: true, stored: { version: vp.version, asOf, settled: false } }).then((rows) => ({
    rows,
    table: evaluateColumns(vp.calendar, vp.policy, rows, asOf),
  }))
  // What scanWhere's openAt keeps (NaN, none, compares false).
  const openAt = (rows: TicketScan, i: number) => !(rows.resolvedAt[i] < open) || !(rows.firstResponseAt[i] < open)
  const restOf = (createdBefore: number) => handled(restLoaded.then(({ rows, table }) => pickRows(rows, table, (i) => rows.createdAt[i] < createdBefore && openAt(rows, i))))
  // Their resolution minutes come from the engine; the settled ones' are stored.
  // Each stretch's as one Float64Array: the stored ones as decoded, then the engine's.
  const minutesLoaded = Promise.all([edges.length > 1 ? storedResolutionMinutes(scope.id, vp.version, asOf, edges) : [], restLoaded]).then(([stored, { rows: rest, table }]) => {
    const more = edges.slice(1).map(() => [] as number[])
    for (let i = 0; i < rest.length; i++) {
      // Resolved by the as-of (NaN, no resolution, compares false), created in [prev.start, to).
      if (!(rest.resolvedAt[i] <= asOf) || !(rest.createdAt[i] >= prev.start)) continue
      const k = stretchOf(edges, rest.createdAt[i])
      if (k >= 0) more[k].push(table.resolutionElapsedMinutes[i])
    }
    return more.map((extra, k) => {
      const own = stored[k] ?? new Float64Array(0)
      if (extra.length === 0) return own
      const all = new Float64Array(own.length + extra.length)
      all.set(own)
      all.set(extra, own.length)
      return all
    })
  })
  const counted = storedCohortCounts({ partnershipId: scope.id, zone, asOf, version: vp.version, previous: { start: prev.start, end: prevEnd }, current: { start: cur.start, end: curEnd }, kpiMonthStarts: kpiMonths.starts(), kpiMonthKeys: kpiMonths.keys() })
  // Each stretch's minutes sorted once; a period's or a month's are its stretches' merged (the same array as sorting them together).
  const sortedLoaded = minutesLoaded.then((minutes) => minutes.map((list) => list.sort()))
  const [current, previous, { stats: counts }, stretchSorted, loaded, serviceKpis] = await Promise.all([
    // The disputes' overrides matter only for the agreed totals: the counts start without waiting for them.
    storedPeriodFigures(scope.id, vp, { start: cur.start, end: cur.end, months, window: { createdBefore: curEnd, openAt: prev.start }, asOf, breachesOnly: true, breachesFirst: BREACH_APPENDIX_LIMIT, overrides: disputesLoaded.then((d) => d.overrides), rest: restOf(curEnd) }),
    storedPeriodFigures(scope.id, vp, { start: prev.start, end: w.comparedEnd, months: new MonthIndex(zone, prev.start, prev.end - 1), window: { createdBefore: prevEnd, openAt: prev.start }, asOf, totalsOnly: true, rest: restOf(prevEnd) }),
    counted,
    sortedLoaded,
    disputesLoaded,
    computeServiceKpis(scope, vp.policy, {
      quarter: w.quarter,
      asOf,
      topN: null,
      // Each month's stretches merged, sorted, NaN (sorted last) cut off: what the KPIs sort and filter otherwise.
      given: handled(Promise.all([counted, sortedLoaded]).then(([{ countRows, keyRows }, sorted]) => {
        const byMonth = kpiMonths.keys().map(() => [] as Float64Array[])
        sorted.forEach((list, k) => byMonth[kpiMonths.indexOf(edges[k])]?.push(list))
        return { countRows, keyRows, resolutionMinutes: byMonth.map((runs) => withoutNaN(mergeSorted(runs))) }
      })),
    }),
  ])
  const within = (from: number, until: number) => mergeSorted(stretchSorted.filter((_, k) => edges[k] >= from && edges[k + 1] <= until))
  return {
    report: { totals: current.totals, breaches: current.breaches, breachCount: current.listCounts.breaches, completionUnknown: current.completionUnknown },
    previousTotals: previous.totals,
    disputes: packDisputes(loaded, current.totals, current.agreedTotals),
    stats: statsOfCounts({ ...counts[1], resolution: within(cur.start, curEnd) }),
    previousStats: statsOfCounts({ ...counts[0], resolution: within(prev.start, prevEnd) }),
    serviceKpis,
  }
}
