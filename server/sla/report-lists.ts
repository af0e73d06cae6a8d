import { z } from 'zod'
import type { VerdictTable } from './engine.ts'
import type { Disagreement, PeriodFigures, ReportColumns, ReportTicket } from './period-report.ts'

// The report's per-ticket lists (ADR 030): sla.report returns their counts and first page, sla.reportList the pages
// after a cursor. Pure: the order, the cursor and the page cut, shared by the stored path and the reference path.

export const REPORT_LISTS = ['breaches', 'disagreements', 'pending'] as const
export type ReportListKind = (typeof REPORT_LISTS)[number]
/** Items per page of the report's lists when the caller names none. */
export const REPORT_PAGE = 50

export type ReportListItem<K extends ReportListKind> = K extends 'disagreements' ? Disagreement : ReportTicket

/**
 * Where an item stands in its list: breaches and disagreements in creation order (then external id, source, and a
 * ticket's response before its resolution), as the SLA page always listed them; pending tickets soonest due first
 * (`due`: the earliest due instant of a pending clock, Infinity for none), then in creation order.
 */
export interface ListKey {
  due: number
  at: number
  id: string
  source: string
  order: number
}

export interface Keyed<T> {
  key: ListKey
  item: T
}

// Strings by UTF-16 code unit, as the SQL side orders them under COLLATE "C" (the same for every external id below U+E000).
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
// Two Infinity dues compare equal (Infinity - Infinity is NaN).
export const compareKeys = (x: ListKey, y: ListKey) => (x.due === y.due ? 0 : x.due - y.due) || x.at - y.at || cmp(x.id, y.id) || cmp(x.source, y.source) || x.order - y.order

const ZCursorKey = z.tuple([z.number().nullable(), z.number(), z.string().max(200), z.string().max(100), z.number().int().min(0).max(1)])

export function encodeCursor(k: ListKey): string {
  return Buffer.from(JSON.stringify([Number.isFinite(k.due) ? k.due : null, k.at, k.id, k.source, k.order])).toString('base64url')
}

/** The key a cursor stands for; null for a cursor that is not one of ours. */
export function decodeCursor(cursor: string): ListKey | null {
  try {
    const parsed = ZCursorKey.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
    if (!parsed.success) return null
    const [due, at, id, source, order] = parsed.data
    return { due: due ?? Number.POSITIVE_INFINITY, at, id, source, order }
  } catch {
    return null
  }
}

export interface ListPage<T> {
  items: T[]
  /** The cursor of the next page; null on the last one. */
  next: string | null
  /** The cursor of the page before (give it as `before`); null on the first one. */
  prev: string | null
}

/** Where a page starts: after a cursor's item (the next page) or ends before it (the page before). */
export interface PageAt {
  key: ListKey
  dir: 'after' | 'before'
}

/**
 * The page after (or before) a cursor from candidates that hold at least every item of the list up to one past the
 * page on that side (so that a further page is known to exist): sorted, cut at `limit`.
 */
export function pageOf<T>(candidates: Keyed<T>[], at: PageAt | null, limit: number): ListPage<T> {
  const side = at ? candidates.filter((c) => (at.dir === 'after' ? compareKeys(c.key, at.key) > 0 : compareKeys(c.key, at.key) < 0)) : candidates.slice()
  const sorted = side.sort((a, b) => compareKeys(a.key, b.key))
  if (at?.dir === 'before') {
    // The last `limit` items before the cursor; the cursor's own item follows them.
    const items = sorted.slice(Math.max(0, sorted.length - limit))
    return { items: items.map((c) => c.item), next: items.length ? encodeCursor(items[items.length - 1].key) : null, prev: sorted.length > limit ? encodeCursor(items[0].key) : null }
  }
  const items = sorted.slice(0, limit)
  return {
    items: items.map((c) => c.item),
    next: sorted.length > limit ? encodeCursor(items[items.length - 1].key) : null,
    // After a cursor, its own item (at least) comes before the page.
    prev: at && items.length ? encodeCursor(items[0].key) : null,
  }
}

/** The earliest due instant of a pending clock (verdict 0); Infinity for none with a due instant. */
export function pendingDue(responseVerdict: number, responseDue: number | null, resolutionVerdict: number, resolutionDue: number | null): number {
  const dues = [responseVerdict === 0 ? responseDue : null, resolutionVerdict === 0 ? resolutionDue : null].filter((d): d is number => d !== null && !Number.isNaN(d))
  return dues.length ? Math.min(...dues) : Number.POSITIVE_INFINITY
}

export interface KeyedLists {
  breaches: Keyed<ReportTicket>[]
  disagreements: Keyed<Disagreement>[]
  pending: Keyed<ReportTicket>[]
}

/** periodFigures' lists with each item's order key, read from its row (the scan read with `sources: true`). */
export function keyedFromScan(rows: ReportColumns & { source?: string[] }, table: VerdictTable, f: PeriodFigures): KeyedLists {
  const key = (i: number, due: number, order: number): ListKey => ({ due, at: rows.createdAt[i], id: rows.externalId[i], source: rows.source?.[i] ?? '', order })
  return {
    breaches: f.breaches.map((item, j) => ({ key: key(f.rowsOf.breaches[j], 0, 0), item })),
    disagreements: f.disagreements.map((item, j) => ({ key: key(f.rowsOf.disagreements[j], 0, item.metric === 'response' ? 0 : 1), item })),
    pending: f.pending.map((item, j) => {
      const i = f.rowsOf.pending[j]
      return { key: key(i, pendingDue(table.responseVerdict[i], table.responseDueAt[i], table.resolutionVerdict[i], table.resolutionDueAt[i]), 0), item }
    }),
  }
}
