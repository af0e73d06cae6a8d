import { DateTime } from 'luxon'

/**
 * Local month boundaries in a timezone, as instants, for bucketing many instants quickly (binary search instead
 * of a timezone conversion per instant).
 */
/**
 * The months of (zone, from, to), computed once per process: a pure function of its arguments whose timezone
 * arithmetic (luxon) costs far more than the lookups, and a pack builds the same few indexes again and again.
 */
const MONTHS_CACHE_LIMIT = 256
const monthsCache = new Map<string, { starts: readonly number[]; keys: readonly string[]; end: number }>()

function monthsOf(zone: string, from: number, to: number) {
  const key = `${zone}|${from}|${to}`
  let hit = monthsCache.get(key)
  if (!hit) {
    const starts: number[] = []
    const keys: string[] = []
    let month = DateTime.fromMillis(from, { zone }).startOf('month')
    const end = DateTime.fromMillis(to, { zone }).endOf('month')
    while (month <= end) {
      starts.push(month.toMillis())
      keys.push(month.toFormat('yyyy-MM'))
      // Each month from its own first instant: after a month whose midnight a DST gap skipped (its start is 01:00),
      // adding a month would keep 01:00 for every later one.
      month = month.plus({ months: 1 }).startOf('month')
    }
    hit = { starts, keys, end: month.toMillis() }
    if (monthsCache.size >= MONTHS_CACHE_LIMIT) monthsCache.delete(monthsCache.keys().next().value!)
    monthsCache.set(key, hit)
  }
  return hit
}

export class MonthIndex {
  private readonly starts_: readonly number[]
  private readonly keys_: readonly string[]
  /** The end of the last month indexed. */
  private readonly end: number

  constructor(
    readonly zone: string,
    from: number,
    to: number,
  ) {
    const months = monthsOf(zone, from, to)
    this.starts_ = months.starts
    this.keys_ = months.keys
    this.end = months.end
  }

  keys(): string[] {
    return [...this.keys_]
  }

  /** The instants at which the months of keys() begin. */
  starts(): number[] {
    return [...this.starts_]
  }

  /** "2026-07" for an instant inside the indexed range; null outside it. */
  month(t: number): string | null {
    const i = this.indexOf(t)
    return i < 0 ? null : this.keys_[i]
  }

  /** The position in keys() of the month of an instant inside the indexed range; -1 outside it. */
  indexOf(t: number): number {
    const s = this.starts_
    if (s.length === 0 || t < s[0] || !(t < this.end)) return -1
    let lo = 0
    let hi = s.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (s[mid] <= t) lo = mid + 1
      else hi = mid
    }
    return lo - 1
  }
}

export function quarterOfMonth(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`
}

/** [start, end) instants of a period given as a quarter ("2026-Q3") or local dates (end exclusive), in a zone. */
export function periodBounds(zone: string, period: { quarter: string } | { from: string; to: string }): { start: number; end: number; label: string } {
  if ('quarter' in period) {
    const [y, q] = period.quarter.split('-Q').map(Number)
    const start = DateTime.fromObject({ year: y, month: (q - 1) * 3 + 1, day: 1 }, { zone })
    return { start: start.toMillis(), end: start.plus({ months: 3 }).startOf('month').toMillis(), label: period.quarter }
  }
  const start = DateTime.fromISO(period.from, { zone }).startOf('day')
  const end = DateTime.fromISO(period.to, { zone }).startOf('day')
  return { start: start.toMillis(), end: end.toMillis(), label: `${period.from} – ${period.to} (exclusive)` }
}
