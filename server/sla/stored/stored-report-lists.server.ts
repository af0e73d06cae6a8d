import { queryArrays } from '../../db/client.server.ts'
import { type ScanWindow, type TicketScan, scanTickets, scanWhere } from '../../tickets/scan-tickets.server.ts'
import type { Lifecycle } from '../../tickets/status-history.ts'
import { VERDICTS, type VerdictTable, evaluateColumns } from '../engine.ts'
import { isoInstant } from '../iso.ts'
import { type Disagreement, type PeriodFigures, type ReportTicket, periodFigures } from '../period-report.ts'
import type { MonthIndex } from '../periods.ts'
import type { Priority } from '../policy.ts'
import { type Keyed, type KeyedLists, type ListKey, type ListPage, type PageAt, type ReportListKind, keyedFromScan, pageOf, pendingDue } from '../report-lists.ts'
import type { VerdictPolicy } from './verdict-policy.server.ts'

// A page of one of the report's lists from the stored verdicts (ADR 030): the settled rows' part read in the list's
// order after the cursor, LIMIT the page and two (so that a next page is known), merged with the engine's part (the
// rows not settled at the as-of, few: read and evaluated whole).

const round = (x: number) => Math.round(x * 100) / 100
const iso = (ms: number | null) => (ms === null ? null : isoInstant(ms))

// The list rows' columns, in this order.
export const LIST_COLUMNS = `"externalId", "title", "priority"::text, "status", "lifecycle", "queue", "assignee",
  round(date_part('epoch', "createdAt") * 1000)::float8, "responseVerdict", "responseDueMs", "responseElapsedMinutes", "responseDecidedMs",
  "resolutionVerdict", "resolutionDueMs", "resolutionElapsedMinutes", "resolutionDecidedMs", "resolutionPausedMinutes",
  "vendorResponseMet", "vendorResolutionMet", "source"`

export type ListRow = [string, string, Priority, string, Lifecycle, string | null, string | null, number, number, number | null, number, number | null, number, number | null, number, number | null, number, boolean | null, boolean | null, string]

export function ticketOf(r: ListRow): ReportTicket {
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
    vendor: { responseMet: r[17], resolutionMet: r[18] },
  }
}

const keyOf = (r: ListRow, due: number, order: number): ListKey => ({ due, at: r[7], id: r[0], source: r[19], order })

/** The settled rows' list items of one row, keyed: what the list holds of it (none, one, or a disagreement per clock). */
export function settledItems(kind: ReportListKind, r: ListRow, start: number, end: number): Keyed<ReportTicket | Disagreement>[] {
  const rvIn = r[11] !== null && r[11] >= start && r[11] < end
  const svIn = r[15] !== null && r[15] >= start && r[15] < end
  if (kind === 'breaches') return (r[8] === 2 && rvIn) || (r[12] === 2 && svIn) ? [{ key: keyOf(r, 0, 0), item: ticketOf(r) }] : []
  if (kind === 'pending') return r[8] === 0 || r[12] === 0 ? [{ key: keyOf(r, pendingDue(r[8], r[9], r[12], r[13]), 0), item: ticketOf(r) }] : []
  const out: Keyed<Disagreement>[] = []
  if (!(r[8] === 0 || rvIn || r[12] === 0 || svIn)) return out
  if (r[8] !== 0 && r[17] !== null && (r[8] === 1) !== r[17]) out.push({ key: keyOf(r, 0, 0), item: { externalId: r[0], title: r[1], metric: 'response', ours: VERDICTS[r[8]], vendor: r[17] ? 'met' : 'breached' } })
  if (r[12] !== 0 && r[18] !== null && (r[12] === 1) !== r[18]) out.push({ key: keyOf(r, 0, 1), item: { externalId: r[0], title: r[1], metric: 'resolution', ours: VERDICTS[r[12]], vendor: r[18] ? 'met' : 'breached' } })
  return out
}

export interface ListBounds {
  start: number
  end: number
  months: MonthIndex
  window: Omit<ScanWindow, 'stored' | 'ordered' | 'sources'>
  asOf: number
}

const DUE = `coalesce(least(CASE WHEN "responseVerdict" = 0 THEN "responseDueMs" END, CASE WHEN "resolutionVerdict" = 0 THEN "resolutionDueMs" END), 'Infinity'::float8)`

/**
 * Up to `limit` + 2 settled rows of the list at or after the cursor's ticket (at or before it, nearest first, for the
 * page before a cursor), in the list's order.
 */
async function settledRows(partnershipId: string, vp: VerdictPolicy, b: ListBounds, kind: ReportListKind, at: PageAt | null, limit: number): Promise<ListRow[]> {
  const { where, params } = scanWhere(partnershipId, { ...b.window, stored: { version: vp.version, asOf: b.asOf, settled: true } })
  // The pending list reads no period bound (a pending clock is listed whatever the period).
  const p = kind === 'pending' ? [...params] : [...params, b.start, b.end]
  const s = params.length + 1
  const e = params.length + 2
  const inPeriod = (metric: 'response' | 'resolution') => `("${metric}DecidedMs" >= $${s}::float8 AND "${metric}DecidedMs" < $${e}::float8)`
  const condition = {
    breaches: `("responseVerdict" = 2 AND ${inPeriod('response')}) OR ("resolutionVerdict" = 2 AND ${inPeriod('resolution')})`,
    disagreements: `("responseVerdict" = 0 OR ${inPeriod('response')} OR "resolutionVerdict" = 0 OR ${inPeriod('resolution')})
      AND (("responseVerdict" <> 0 AND "vendorResponseMet" IS NOT NULL AND ("responseVerdict" = 1) <> "vendorResponseMet")
        OR ("resolutionVerdict" <> 0 AND "vendorResolutionMet" IS NOT NULL AND ("resolutionVerdict" = 1) <> "vendorResolutionMet"))`,
    pending: `"responseVerdict" = 0 OR "resolutionVerdict" = 0`,
  }[kind]
  const back = at?.dir === 'before'
  const columns = ['"createdAt"', '"externalId" COLLATE "C"', '"source" COLLATE "C"']
  const order = columns.join(', ')
  let cursor = ''
  if (at) {
    // At or after (before) the cursor's ticket: its own items on that side (a disagreement's resolution after its
    // response) are kept by pageOf.
    p.push(new Date(at.key.at).toISOString(), at.key.id, at.key.source)
    const n = p.length
    const tuple = `(${order}) ${back ? '<=' : '>='} (($${n - 2}::timestamptz AT TIME ZONE 'UTC'), $${n - 1}::text COLLATE "C", $${n}::text COLLATE "C")`
    if (kind === 'pending') {
      p.push(Number.isFinite(at.key.due) ? at.key.due : 'Infinity')
      cursor = ` AND (${DUE} ${back ? '<' : '>'} $${n + 1}::float8 OR (${DUE} = $${n + 1}::float8 AND ${tuple}))`
    } else cursor = ` AND ${tuple}`
  }
  const sort = [...(kind === 'pending' ? [DUE] : []), ...columns].map((c) => (back ? `${c} DESC` : c)).join(', ')
  const rows = (await queryArrays(`SELECT ${LIST_COLUMNS} FROM "Ticket" WHERE ${where} AND (${condition})${cursor} ORDER BY ${sort} LIMIT ${limit + 2}`, p)) as ListRow[]
  return back ? rows.reverse() : rows
}

export interface EvaluatedRest {
  rows: TicketScan
  table: VerdictTable
  figures: PeriodFigures
  keyed: KeyedLists
}

/** The rows not settled at the as-of, read with their sources and evaluated by the engine, their lists keyed. */
export async function evaluateRest(partnershipId: string, vp: VerdictPolicy, b: ListBounds): Promise<EvaluatedRest> {
  const rows = await scanTickets(partnershipId, { ...b.window, sources: true, stored: { version: vp.version, asOf: b.asOf, settled: false } })
  return restFigures(rows, evaluateColumns(vp.calendar, vp.policy, rows, b.asOf), b)
}

/** The period's figures and keyed lists of rows not settled at the as-of, already read (with their sources) and evaluated at it. */
export function restFigures(rows: TicketScan, table: VerdictTable, b: ListBounds): EvaluatedRest {
  const figures = periodFigures(rows, table, { start: b.start, end: b.end, months: b.months, listTickets: false, listPending: true })
  return { rows, table, figures, keyed: keyedFromScan(rows, table, figures) }
}

/**
 * The rows `keep` picks of a scan and of its verdict table, in their order (the engine evaluates each row alone, so
 * a row's verdicts are the same whichever rows were evaluated beside it).
 */
export function pickRows(rows: TicketScan, table: VerdictTable, keep: (i: number) => boolean): { rows: TicketScan; table: VerdictTable } {
  const picked: number[] = []
  for (let i = 0; i < rows.length; i++) if (keep(i)) picked.push(i)
  if (picked.length === rows.length) return { rows, table }
  return { rows: pickColumns(rows, picked), table: pickColumns(table, picked) }
}

function pickColumns<T extends { length: number }>(columns: T, picked: readonly number[]): T {
  const out: Record<string, unknown> = { length: picked.length }
  for (const [name, column] of Object.entries(columns)) {
    if (name === 'length') continue
    if (Array.isArray(column)) out[name] = picked.map((i) => column[i])
    else if (ArrayBuffer.isView(column)) {
      const typed = column as unknown as Float64Array
      const copy = new (typed.constructor as Float64ArrayConstructor)(picked.length)
      for (let j = 0; j < picked.length; j++) copy[j] = typed[picked[j]]
      out[name] = copy
    } else out[name] = column
  }
  return out as T
}

export async function storedListPage<K extends ReportListKind>(
  partnershipId: string,
  vp: VerdictPolicy,
  b: ListBounds,
  kind: K,
  at: PageAt | null,
  limit: number,
  rest?: EvaluatedRest,
): Promise<ListPage<K extends 'disagreements' ? Disagreement : ReportTicket>> {
  const [settled, evaluated] = await Promise.all([settledRows(partnershipId, vp, b, kind, at, limit), rest ?? evaluateRest(partnershipId, vp, b)])
  const candidates = [...settled.flatMap((r) => settledItems(kind, r, b.start, b.end)), ...(evaluated.keyed[kind] as Keyed<ReportTicket | Disagreement>[])]
  return pageOf(candidates, at, limit) as ListPage<K extends 'disagreements' ? Disagreement : ReportTicket>
}
