import type { KeyPersonFigures, KpiFigures } from './service-kpis.schemas.ts'

// Pure arithmetic of the service KPIs (ADR 024): the database counts, this file turns counts into rates.

/** The counts the database returns per month (and that add up to a quarter's). */
export interface KpiCounts {
  tickets: number
  resolved: number
  reopened: number
  firstContactKnown: number
  firstContact: number
  originKnown: number
  proactive: number
  incidents: number
}

export const ZERO_COUNTS: KpiCounts = { tickets: 0, resolved: 0, reopened: 0, firstContactKnown: 0, firstContact: 0, originKnown: 0, proactive: 0, incidents: 0 }

export function addCounts(a: KpiCounts, b: KpiCounts): KpiCounts {
  return {
    tickets: a.tickets + b.tickets,
    resolved: a.resolved + b.resolved,
    reopened: a.reopened + b.reopened,
    firstContactKnown: a.firstContactKnown + b.firstContactKnown,
    firstContact: a.firstContact + b.firstContact,
    originKnown: a.originKnown + b.originKnown,
    proactive: a.proactive + b.proactive,
    incidents: a.incidents + b.incidents,
  }
}

const pct = (n: number, of: number) => (of ? Math.round((10_000 * n) / of) / 100 : null)

/** a before b in ascending order as a typed array sorts: -0 before +0, NaN last. */
const before = (a: number, b: number) => (a < b ? true : a > b ? false : b !== b ? true : a !== a ? false : a !== 0 || 1 / a <= 1 / b)

/**
 * Lists each sorted ascending (as Float64Array.prototype.sort orders: -0 before +0, NaN last) merged into one
 * sorted array: the same array as sorting their concatenation, in linear time.
 */
export function mergeSorted(lists: ReadonlyArray<ArrayLike<number>>): Float64Array {
  let runs = lists.map((l) => (l instanceof Float64Array ? l : Float64Array.from(l)))
  if (runs.length === 0) return new Float64Array(0)
  while (runs.length > 1) {
    const next: Float64Array[] = []
    for (let r = 0; r < runs.length; r += 2) {
      const a = runs[r]
      const b = runs[r + 1]
      if (!b) {
        next.push(a)
        continue
      }
      const out = new Float64Array(a.length + b.length)
      let i = 0
      let j = 0
      let k = 0
      while (i < a.length && j < b.length) out[k++] = before(a[i], b[j]) ? a[i++] : b[j++]
      while (i < a.length) out[k++] = a[i++]
      while (j < b.length) out[k++] = b[j++]
      next.push(out)
    }
    runs = next
  }
  return runs[0]
}

/** The p-quantile of numbers sorted ascending, interpolated between ranks (PostgreSQL's percentile_cont). */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null
  const pos = p * (sorted.length - 1)
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

export function figuresOf(c: KpiCounts, sortedMinutes: ArrayLike<number>, headcount: number | null): KpiFigures {
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10)
  return {
    tickets: c.tickets,
    resolved: c.resolved,
    reopenRate: pct(c.reopened, c.resolved),
    firstContactRate: pct(c.firstContact, c.firstContactKnown),
    firstContactKnown: c.firstContactKnown,
    incidentsPer100Users: headcount ? Math.round((10_000 * c.incidents) / headcount) / 100 : null,
    incidents: c.incidents,
    proactiveShare: pct(c.proactive, c.originKnown),
    originKnown: c.originKnown,
    medianResolutionMinutes: round(percentile(sortedMinutes, 0.5)),
    p90ResolutionMinutes: round(percentile(sortedMinutes, 0.9)),
  }
}

/**
 * Key-person dependency over complex-ticket counts per engineer: the share of the top `topN` engineers, or, with
 * no N, of the fewest engineers who together resolved at least half (ties broken by name, so it is stable).
 */
export function keyPersonOf(counts: ReadonlyMap<string, number>, topN: number | null): KeyPersonFigures {
  const ranked = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const considered = ranked.reduce((s, [, n]) => s + n, 0)
  if (considered === 0) return { share: null, engineers: [], considered: 0 }
  let take = topN ?? 0
  if (topN === null) {
    let covered = 0
    while (covered * 2 < considered) covered += ranked[take++][1]
  }
  const engineers = ranked.slice(0, take).map(([assignee, count]) => ({ assignee, count }))
  const top = engineers.reduce((s, e) => s + e.count, 0)
  return { share: Math.round((10_000 * top) / considered) / 100, engineers, considered }
}

/** "2026-Q1" -> "2025-Q4". */
export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4))
  const q = Number(quarter.slice(6))
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`
}
