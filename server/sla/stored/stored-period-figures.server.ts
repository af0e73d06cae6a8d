import { queryArrays } from '../../db/client.server.ts'
import { type Overrides, overrideKey } from '../../disputes/agreed-attainment.ts'
import { type ScanWindow, type TicketScan, scanTickets, scanWhere } from '../../tickets/scan-tickets.server.ts'
import type { Lifecycle } from '../../tickets/status-history.ts'
import { type AttainmentSummary, summariseSource } from '../attainment.ts'
import { VERDICTS, evaluateColumns } from '../engine.ts'
import { isoInstant } from '../iso.ts'
import { type Disagreement, type ReportTicket, periodFigures } from '../period-report.ts'
import type { MonthIndex } from '../periods.ts'
import type { Priority } from '../policy.ts'
import { addSummary } from './merge-summaries.ts'
import type { VerdictPolicy } from './verdict-policy.server.ts'

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
}

export interface StoredPeriodFigures {
  totals: AttainmentSummary
  agreedTotals: AttainmentSummary
  breaches: ReportTicket[]
  disagreements: Disagreement[]
  considered: number
  /** Rows the engine evaluated (not settled under the report's version at the as-of). */
  evaluated: number
  /** Pending resolution clocks that will never be decided (ADR 011): only among the engine's rows, since a settled row has its resolution. */
  completionUnknown: number
}

const round = (x: number) => Math.round(x * 100) / 100
const iso = (ms: number | null) => (ms === null ? null : isoInstant(ms))
const vendor = (v: boolean | null) => v

// The list rows' columns, in this order.
const LIST_COLUMNS = `"externalId", "title", "priority"::text, "status", "lifecycle", "queue", "assignee",
  round(date_part('epoch', "createdAt") * 1000)::float8, "responseVerdict", "responseDueMs", "responseElapsedMinutes", "responseDecidedMs",
  "resolutionVerdict", "resolutionDueMs", "resolutionElapsedMinutes", "resolutionDecidedMs", "resolutionPausedMinutes",
  "vendorResponseMet", "vendorResolutionMet", "source"`

type ListRow = [string, string, Priority, string, Lifecycle, string | null, string | null, number, number, number | null, number, number | null, number, number | null, number, number | null, number, boolean | null, boolean | null, string]

function ticketOf(r: ListRow): ReportTicket {
  return {
    externalId: r[0],
    title: r[1],
    priority: r[2],
    status: r[3],
    lifecycle: r[4],
    queue: r[5],
    assignee: r[6],
    createdAt: isoInstant(r[7]),
    response: { verdict: VERDICTS[r[8]], dueAt: iso(r[9]), elapsedMinutes: round(r[10]), decidedAt: iso(r[11]) },
    resolution: { verdict: VERDICTS[r[12]], dueAt: iso(r[13]), elapsedMinutes: round(r[14]), decidedAt: iso(r[15]), pausedMinutes: round(r[16]), completionUnknown: false },
    vendor: { responseMet: vendor(r[17]), resolutionMet: vendor(r[18]) },
  }
}

interface Keyed<T> {
  at: number
  id: string
  source: string
  order: number
  item: T
}

/** Merges two lists already in (createdAt, externalId, source) order. */
function merge<T>(a: Keyed<T>[], b: Keyed<T>[]): T[] {
  return [...a, ...b].sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) || (x.source < y.source ? -1 : x.source > y.source ? 1 : 0) || x.order - y.order).map((k) => k.item)
}

export async function storedPeriodFigures(partnershipId: string, vp: VerdictPolicy, options: StoredPeriodOptions): Promise<StoredPeriodFigures> {
  const { start, end, months, asOf } = options
  // Still loading: its failure is the caller's to see (through its own await of it), not an unhandled rejection here.
  if (options.overrides instanceof Promise) options.overrides.catch(() => {})
  const settledWindow: ScanWindow = { ...options.window, stored: { version: vp.version, asOf, settled: true } }
  const { where, params } = scanWhere(partnershipId, settledWindow)
  const s = params.length + 1
  const e = params.length + 2
  const inPeriod = (metric: 'response' | 'resolution') => `("${metric}DecidedMs" >= $${s}::float8 AND "${metric}DecidedMs" < $${e}::float8)`
  const bounds = [...params, start, end]

  const [groups, listed, rest] = await Promise.all([
    queryArrays(
      // Grouped by the stored columns themselves (the planner knows their few values and hashes a few hundred
      // groups; grouped by CASE expressions it expected one group per row and sorted them all on disk), whether
      // each decided instant is in the period taken as a group of its own and applied below.
      `SELECT "priority", "responseVerdict", "responseMonth", ${inPeriod('response')},
              "resolutionVerdict", "resolutionMonth", ${inPeriod('resolution')}, count(*)::int
         FROM "Ticket" WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      bounds,
    ),
    // The breached in the period, and those whose decided verdict the vendor's contradicts, of the rows in the period.
    options.totalsOnly
      ? []
      : queryArrays(
          `SELECT ${LIST_COLUMNS}
             FROM "Ticket"
            WHERE ${where} AND (
              ("responseVerdict" = 2 AND ${inPeriod('response')}) OR ("resolutionVerdict" = 2 AND ${inPeriod('resolution')})
              OR (("responseVerdict" = 0 OR ${inPeriod('response')} OR "resolutionVerdict" = 0 OR ${inPeriod('resolution')})
                  AND (("responseVerdict" <> 0 AND "vendorResponseMet" IS NOT NULL AND ("responseVerdict" = 1) <> "vendorResponseMet")
                    OR ("resolutionVerdict" <> 0 AND "vendorResolutionMet" IS NOT NULL AND ("resolutionVerdict" = 1) <> "vendorResolutionMet"))))
            ORDER BY "createdAt", "externalId", "source"`,
          bounds,
        ),
    scanTickets(partnershipId, { ...options.window, stored: { version: vp.version, asOf, settled: false } }),
  ])

  // The settled rows' tallies, as summarise counts them.
  const totals = summariseSource({ length: 0, priority: () => 'P1', verdict: () => 0, decidedAt: () => null }, months, start, end)
  const keys = new Set(months.keys())
  let considered = 0
  for (const [priority, rv, month1, in1, sv, month2, in2, n] of groups as Array<[Priority, number, string | null, boolean | null, number, string | null, boolean | null, number]>) {
    const rm = in1 ? month1 : null
    const sm = in2 ? month2 : null
    considered += n
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

  const breachKeyed: Keyed<ReportTicket>[] = []
  const disagreeKeyed: Keyed<Disagreement>[] = []
  for (const r of listed as ListRow[]) {
    const t = ticketOf(r)
    const key = { at: r[7], id: r[0], source: r[19] }
    const rvIn = r[11] !== null && r[11] >= start && r[11] < end
    const svIn = r[15] !== null && r[15] >= start && r[15] < end
    if ((r[8] === 2 && rvIn) || (r[12] === 2 && svIn)) breachKeyed.push({ ...key, order: 0, item: t })
    if (r[8] === 0 || rvIn || r[12] === 0 || svIn) {
      if (r[8] !== 0 && r[17] !== null && (r[8] === 1) !== r[17]) disagreeKeyed.push({ ...key, order: 0, item: { externalId: r[0], metric: 'response', ours: VERDICTS[r[8]], vendor: r[17] ? 'met' : 'breached' } })
      if (r[12] !== 0 && r[18] !== null && (r[12] === 1) !== r[18]) disagreeKeyed.push({ ...key, order: 1, item: { externalId: r[0], metric: 'resolution', ours: VERDICTS[r[12]], vendor: r[18] ? 'met' : 'breached' } })
    }
  }

  // The rest through the engine, as the reference path does.
  const table = evaluateColumns(vp.calendar, vp.policy, rest, asOf)
  const engine = periodFigures(rest, table, { start, end, months, listTickets: false })
  addSummary(totals, engine.totals)
  const restKeyed = <T extends { externalId: string }>(items: T[], metricOrder: (x: T) => number) => {
    // periodFigures lists in the scan's order, so each item's row is found by walking the rows forward.
    let i = 0
    return items.map((item) => {
      while (i < rest.length - 1 && rest.externalId[i] !== item.externalId) i++
      return { at: rest.createdAt[i], id: item.externalId, source: '', order: metricOrder(item), item }
    })
  }
  const breaches = options.totalsOnly ? [] : merge(breachKeyed, restKeyed(engine.breaches, () => 0))
  const disagreements = options.totalsOnly ? [] : merge(disagreeKeyed, restKeyed(engine.disagreements, (d) => (d.metric === 'response' ? 0 : 1)))

  const overrides = (await options.overrides) ?? new Map()
  const agreedTotals = overrides.size === 0 ? totals : await agreed(partnershipId, settledWindow, overrides, rest, table, totals, options)
  return { totals, agreedTotals, breaches, disagreements, considered: considered + rest.length, evaluated: rest.length, completionUnknown: engine.completionUnknown }
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
