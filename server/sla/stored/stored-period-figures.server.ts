import { queryArrays } from '../../db/client.server.ts'
import { type Overrides, overrideKey } from '../../disputes/agreed-attainment.ts'
import { type ScanWindow, type TicketScan, scanWhere } from '../../tickets/scan-tickets.server.ts'
import { type AttainmentSummary, summariseSource } from '../attainment.ts'
import type { evaluateColumns } from '../engine.ts'
import type { Disagreement, ReportTicket } from '../period-report.ts'
import type { MonthIndex } from '../periods.ts'
import type { Priority } from '../policy.ts'
import { addSummary } from './merge-summaries.ts'
import { settledReportGroups } from './settled-report-groups.server.ts'
import type { VerdictPolicy } from './verdict-policy.server.ts'
import { LIST_COLUMNS, type ListRow, evaluateRest, restFigures, settledItems, storedListPage } from './stored-report-lists.server.ts'
import { type Keyed, pageOf } from '../report-lists.ts'

// One period's figures from the stored verdicts (ADR 022): the same figures periodFigures computes from a scan
// and the engine, without reading every ticket. The rows a report considers (scan-tickets' window) split in two:
// - settled under the report's policy version at the as-of: counted by one GROUP BY over the stored columns, and
//   only the breached and disagreeing ones read back, for the lists;
// - the rest (open at the as-of, stale after a change, never evaluated): read and evaluated by the engine, as
//   before. They are the few still open, unless a re-evaluation is under way.

export interface StoredPeriodOptions {
  start: number
  end: number
  months: MonthIndex
  window: Omit<ScanWindow, 'stored' | 'ordered'>
  asOf: number
  /** The accepted disputes' verdicts; may still be loading (awaited only for the agreed totals, after the counts). */
  overrides?: Overrides | Promise<Overrides>
  /** Only the tallies: the breach and disagreement lists come back empty, without reading their rows. */
  totalsOnly?: boolean
  /** The tallies and every breach, no disagreement (the pack lists none): their rows are neither read nor keyed. */
  breachesOnly?: boolean
  /**
   * With breachesOnly, of the settled rows only the first this many breaches by priority, creation and external id,
   * and those tied with the last of them (the pack's appendix; the engine's rows are all listed):
   * `listCounts.breaches` still counts every one.
   */
  breachesFirst?: number
  /** Only the first page of each list (and the pending list's too), with the cursors of the next (sla.report, ADR 030); default: every item (the pack). */
  firstPage?: number
  /**
   * The rows of `window` not settled at the as-of, already read with their sources in scan order and evaluated at
   * the as-of (the pack reads them once for both periods and its resolution minutes); default: read here.
   */
  rest?: Promise<{ rows: TicketScan; table: ReturnType<typeof evaluateColumns> }>
}

export interface StoredPeriodFigures {
  totals: AttainmentSummary
  agreedTotals: AttainmentSummary
  breaches: ReportTicket[]
  disagreements: Disagreement[]
  /** With firstPage: the first page of the tickets with a clock still pending, soonest due first. */
  pending: ReportTicket[]
  /** How many items each list holds (whatever was read of them). */
  listCounts: { breaches: number; disagreements: number; pending: number }
  /** With firstPage: each list's next page's cursor (null: no more). */
  next: { breaches: string | null; disagreements: string | null; pending: string | null }
  considered: number
  /** Rows the engine evaluated (not settled under the report's version at the as-of). */
  evaluated: number
  /** Pending resolution clocks that will never be decided (ADR 011): only among the engine's rows, since a settled row has its resolution. */
  completionUnknown: number
}

export async function storedPeriodFigures(partnershipId: string, vp: VerdictPolicy, options: StoredPeriodOptions): Promise<StoredPeriodFigures> {
  const { start, end, months, asOf } = options
  // Still loading: its failure is the caller's to see (through its own await of it), not an unhandled rejection here
  // should this function fail first (scanWhere below throws on a bad window before either is awaited).
  if (options.overrides instanceof Promise) options.overrides.catch(() => {})
  options.rest?.catch(() => {})
  const settledWindow: ScanWindow = { ...options.window, stored: { version: vp.version, asOf, settled: true } }
  const { where, params } = scanWhere(partnershipId, settledWindow)
  const s = params.length + 1
  const e = params.length + 2
  const inPeriod = (metric: 'response' | 'resolution') => `("${metric}DecidedMs" >= $${s}::float8 AND "${metric}DecidedMs" < $${e}::float8)`
  const bounds = [...params, start, end]

  const paged = options.firstPage !== undefined && !options.totalsOnly
  const bounds_ = { start, end, months, window: options.window, asOf }
  const restRead = options.rest ? options.rest.then(({ rows, table }) => restFigures(rows, table, bounds_)) : evaluateRest(partnershipId, vp, bounds_)
  const groupsRead = settledReportGroups(partnershipId, vp.version, vp.policy.timezone, bounds_)
  const [groups, listed, rest, pages] = await Promise.all([
    groupsRead,
    // The breached in the period, and those whose decided verdict the vendor's contradicts, of the rows in the period.
    options.totalsOnly || paged
      ? []
      : queryArrays(
          `SELECT ${LIST_COLUMNS}
             FROM "Ticket"
            WHERE ${where} AND (
              ("responseVerdict" = 2 AND ${inPeriod('response')}) OR ("resolutionVerdict" = 2 AND ${inPeriod('resolution')})
              ${
                options.breachesOnly
                  ? ''
                  : `OR (("responseVerdict" = 0 OR ${inPeriod('response')} OR "resolutionVerdict" = 0 OR ${inPeriod('resolution')})
                  AND (("responseVerdict" <> 0 AND "vendorResponseMet" IS NOT NULL AND ("responseVerdict" = 1) <> "vendorResponseMet")
                    OR ("resolutionVerdict" <> 0 AND "vendorResolutionMet" IS NOT NULL AND ("resolutionVerdict" = 1) <> "vendorResolutionMet")))`
              })${options.breachesOnly && options.breachesFirst !== undefined ? ` ORDER BY "priority"::text COLLATE "C", "createdAt", "externalId" COLLATE "C" FETCH FIRST ${Math.max(0, Math.floor(options.breachesFirst))} ROWS WITH TIES` : ''}`,
          bounds,
        ),
    restRead,
    paged
      ? restRead.then((r) =>
          Promise.all([
            storedListPage(partnershipId, vp, bounds_, 'breaches', null, options.firstPage!, r),
            storedListPage(partnershipId, vp, bounds_, 'disagreements', null, options.firstPage!, r),
            // A settled ticket has a pending clock only under a policy without that target: when the tallies show
            // none, the pending list is the engine's part alone (its query would read every row to find none).
            groupsRead.then((g) =>
              g.reduce((sum, [, rv, , sv, , n]) => sum + (rv === 0 || sv === 0 ? n : 0), 0) > 0
                ? storedListPage(partnershipId, vp, bounds_, 'pending', null, options.firstPage!, r)
                : pageOf(r.keyed.pending, null, options.firstPage!),
            ),
          ]),
        )
      : null,
  ])

  // The settled rows' tallies, as summarise counts them.
  const totals = summariseSource({ length: 0, priority: () => 'P1', verdict: () => 0, decidedAt: () => null }, months, start, end)
  const keys = new Set(months.keys())
  let considered = 0
  const listCounts = { breaches: rest.figures.breaches.length, disagreements: rest.figures.disagreements.length, pending: rest.figures.pending.length }
  for (const [priority, rv, rm, sv, sm, n, rd, sd] of groups) {
    const in1 = rm !== null
    const in2 = sm !== null
    considered += n
    // The lists' counts as periodFigures lists (a row is in the period when a clock is pending or decided in it).
    if ((rv === 2 && in1) || (sv === 2 && in2)) listCounts.breaches += n
    if (rv === 0 || in1 || sv === 0 || in2) listCounts.disagreements += rd + sd
    if (rv === 0 || sv === 0) listCounts.pending += n
    for (const [metric, verdict, month] of [['response', rv, rm], ['resolution', sv, sm]] as const) {
      const t = totals[metric]
      if (verdict === 0) {
        t.byPriority[priority].pending += n
        t.overall.pending += n
        continue
      }
      if (month === null) continue
      const field = verdict === 1 ? 'met' : 'breached'
      t.byPriority[priority][field] += n
      t.overall[field] += n
      if (keys.has(month)) {
        t.byMonth[month][field] += n
        t.byQuarter[`${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`][field] += n
      }
    }
  }

  // The rest through the engine, as the reference path does.
  addSummary(totals, rest.figures.totals)
  const all = <T>(kind: 'breaches' | 'disagreements', restKeyed: Keyed<T>[]) =>
    options.totalsOnly || (kind === 'disagreements' && options.breachesOnly) ? [] : pageOf([...(listed as ListRow[]).flatMap((r) => settledItems(kind, r, start, end)), ...restKeyed] as Keyed<T>[], null, Number.POSITIVE_INFINITY).items
  const breaches = pages ? pages[0].items : all<ReportTicket>('breaches', rest.keyed.breaches)
  const disagreements = pages ? pages[1].items : all<Disagreement>('disagreements', rest.keyed.disagreements)

  const overrides = (await options.overrides) ?? new Map()
  const agreedTotals = overrides.size === 0 ? totals : await agreed(partnershipId, settledWindow, overrides, rest.rows, rest.table, totals, options)
  return {
    totals,
    agreedTotals,
    breaches,
    disagreements,
    pending: pages ? pages[2].items : [],
    listCounts,
    next: { breaches: pages?.[0].next ?? null, disagreements: pages?.[1].next ?? null, pending: pages?.[2].next ?? null },
    considered: considered + rest.rows.length,
    evaluated: rest.rows.length,
    completionUnknown: rest.figures.completionUnknown,
  }
}

/**
 * Attainment as agreed: the computed totals with each accepted dispute's ticket moved from its computed verdict to
 * the agreed one (disputes/agreed-attainment.ts), worked out on the disputed tickets alone.
 */
async function agreed(
  partnershipId: string,
  settledWindow: ScanWindow,
  overrides: Overrides,
  rest: TicketScan,
  restTable: ReturnType<typeof evaluateColumns>,
  totals: AttainmentSummary,
  options: StoredPeriodOptions,
): Promise<AttainmentSummary> {
  const { start, end, months } = options
  const ids = [...new Set([...overrides.keys()].map((k) => k.slice(k.indexOf(':') + 1)))]
  const { where, params } = scanWhere(partnershipId, settledWindow)
  const rows = (await queryArrays(
    `SELECT "externalId", "priority"::text, "responseVerdict", "responseDecidedMs", "resolutionVerdict", "resolutionDecidedMs"
       FROM "Ticket" WHERE ${where} AND "externalId" = ANY($${params.length + 1}::text[])`,
    [...params, ids],
  )) as Array<[string, Priority, number, number | null, number, number | null]>
  const picked = new Set(ids)
  const restRows = Array.from({ length: rest.length }, (_, i) => i).filter((i) => picked.has(rest.externalId[i]))
  const n = rows.length + restRows.length
  const get = (i: number) =>
    i < rows.length
      ? { id: rows[i][0], priority: rows[i][1], rv: rows[i][2], rd: rows[i][3], sv: rows[i][4], sd: rows[i][5] }
      : (() => {
          const j = restRows[i - rows.length]
          return { id: rest.externalId[j], priority: rest.priority[j], rv: restTable.responseVerdict[j], rd: restTable.responseDecidedAt[j], sv: restTable.resolutionVerdict[j], sd: restTable.resolutionDecidedAt[j] }
        })()
  const picks = Array.from({ length: n }, (_, i) => get(i))
  const source = (useOverrides: boolean) => ({
    length: n,
    priority: (i: number) => picks[i].priority,
    verdict: (metric: 'response' | 'resolution', i: number) => {
      const v = metric === 'response' ? picks[i].rv : picks[i].sv
      return v === 0 || !useOverrides ? v : (overrides.get(overrideKey(metric, picks[i].id)) ?? v)
    },
    decidedAt: (metric: 'response' | 'resolution', i: number) => (metric === 'response' ? picks[i].rd : picks[i].sd),
  })
  const computed = summariseSource(source(false), months, start, end)
  const overridden = summariseSource(source(true), months, start, end)
  const out = structuredClone(totals)
  addSummary(out, computed, -1)
  addSummary(out, overridden, 1)
  return out
}
