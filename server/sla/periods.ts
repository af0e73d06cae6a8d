import { DateTime } from 'luxon'

/**
 * Local month boundaries in a timezone, as instants, for bucketing many instants quickly (binary search instead
 * of a timezone conversion per instant).
 */
export class MonthIndex {
  private readonly starts_: number[] = []
  private readonly keys_: string[] = []
  /** The end of the last month indexed. */
  private readonly end: number = Number.NEGATIVE_INFINITY

  constructor(
    readonly zone: string,
    from: number,
    to: number,
  ) {
    let month = DateTime.fromMillis(from, { zone }).startOf('month')
    const end = DateTime.fromMillis(to, { zone }).endOf('month')
    while (month <= end) {
      this.starts_.push(month.toMillis())
      this.keys_.push(month.toFormat('yyyy-MM'))
      month = month.plus({ months: 1 })
    }
    this.end = month.toMillis()
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
    return { start: start.toMillis(), end: start.plus({ months: 3 }).toMillis(), label: period.quarter }
  }
  const start = DateTime.fromISO(period.from, { zone }).startOf('day')
  const end = DateTime.fromISO(period.to, { zone }).startOf('day')
  return { start: start.toMillis(), end: end.toMillis(), label: `${period.from} – ${period.to} (exclusive)` }
}
