import type { TicketVerdict, Verdict } from './engine.ts'
import { type MonthIndex, quarterOfMonth } from './periods.ts'
import { PRIORITIES, type Priority } from './policy.ts'

// Attainment = met / (met + breached), as a percentage, per metric: response and resolution are never averaged
// together (a fast first answer does not make up for a late fix). Pending tickets are counted beside the rate,
// never in it, and a period or priority with nothing decided has attainment null, not 0 or 100. A decided verdict
// belongs to the local month (and quarter) of its decidedAt in the policy's timezone: a met one to its completion,
// a breached one to its due instant, so a breach is reported in the period it happened, however late the fix.

export interface Tally {
  met: number
  breached: number
  /** Undecided tickets; always 0 in byMonth and byQuarter, which bucket by decision instant. */
  pending: number
  /** met / (met + breached) as a percentage; null when nothing was decided. */
  attainment: number | null
}

export interface MetricTallies {
  overall: Tally
  byPriority: Record<Priority, Tally>
  /** Every month of the index ("2026-07"), decided or not. */
  byMonth: Record<string, Tally>
  /** Every quarter ("2026-Q3") touched by the index's months. */
  byQuarter: Record<string, Tally>
}

export interface AttainmentSummary {
  response: MetricTallies
  resolution: MetricTallies
}

export interface Evaluated {
  priority: Priority
  verdict: TicketVerdict
}

const METRICS = ['response', 'resolution'] as const

const tally = (): Tally => ({ met: 0, breached: 0, pending: 0, attainment: null })

function tallies(months: readonly string[]): MetricTallies {
  const t: MetricTallies = { overall: tally(), byPriority: { P1: tally(), P2: tally(), P3: tally(), P4: tally() }, byMonth: {}, byQuarter: {} }
  for (const month of months) {
    t.byMonth[month] = tally()
    t.byQuarter[quarterOfMonth(month)] ??= tally()
  }
  return t
}

function rate(t: Tally): void {
  t.attainment = t.met + t.breached === 0 ? null : (100 * t.met) / (t.met + t.breached)
}

function finish(t: MetricTallies): void {
  rate(t.overall)
  for (const p of PRIORITIES) rate(t.byPriority[p])
  for (const m of Object.values(t.byMonth)) rate(m)
  for (const q of Object.values(t.byQuarter)) rate(q)
}

/** What `summarise` reads, so that verdict objects and verdict tables share one tally loop. */
export interface VerdictSource {
  length: number
  /** Whether row i counts at all (default: every row). */
  included?(i: number): boolean
  priority(i: number): Priority
  /** 0 pending, 1 met, 2 breached (the order of VERDICTS). */
  verdict(metric: (typeof METRICS)[number], i: number): number
  /** NaN (or null) when pending. */
  decidedAt(metric: (typeof METRICS)[number], i: number): number | null
}

const CODE: Record<Verdict, number> = { pending: 0, met: 1, breached: 2 }
const PRIORITY_INDEX: Record<Priority, number> = { P1: 0, P2: 1, P3: 2, P4: 3 }

/**
 * Tallies the verdicts decided in [start, end) plus those still pending (as of the instant they were evaluated);
 * `months` names the local months to report and buckets the decided verdicts into them.
 */
export function summarise(items: readonly Evaluated[], months: MonthIndex, start: number, end: number): AttainmentSummary {
  return summariseSource(
    {
      length: items.length,
      priority: (i) => items[i].priority,
      verdict: (metric, i) => CODE[items[i].verdict[metric].verdict],
      decidedAt: (metric, i) => items[i].verdict[metric].decidedAt,
    },
    months,
    start,
    end,
  )
}

export function summariseSource(source: VerdictSource, months: MonthIndex, start: number, end: number): AttainmentSummary {
  const keys = months.keys()
  // Counts in flat arrays while looping (index [metric][verdict][bucket]): no string or object per ticket.
  const monthCount = keys.length
  const pending = [new Int32Array(PRIORITIES.length), new Int32Array(PRIORITIES.length)]
  const byPriority = [new Int32Array(3 * PRIORITIES.length), new Int32Array(3 * PRIORITIES.length)]
  const byMonth = [new Int32Array(3 * monthCount), new Int32Array(3 * monthCount)]
  for (let i = 0; i < source.length; i++) {
    if (source.included && !source.included(i)) continue
    const p = PRIORITY_INDEX[source.priority(i)]
    for (let m = 0; m < 2; m++) {
      const metric = METRICS[m]
      const verdict = source.verdict(metric, i)
      if (verdict === 0) {
        pending[m][p]++
        continue
      }
      const at = source.decidedAt(metric, i)!
      if (at < start || at >= end) continue
      byPriority[m][verdict * PRIORITIES.length + p]++
      const month = months.indexOf(at)
      if (month >= 0) byMonth[m][verdict * monthCount + month]++
    }
  }
  const out: AttainmentSummary = { response: tallies(keys), resolution: tallies(keys) }
  METRICS.forEach((metric, m) => {
    const t = out[metric]
    PRIORITIES.forEach((priority, p) => {
      const tp = t.byPriority[priority]
      tp.met = byPriority[m][PRIORITIES.length + p]
      tp.breached = byPriority[m][2 * PRIORITIES.length + p]
      tp.pending = pending[m][p]
      t.overall.met += tp.met
      t.overall.breached += tp.breached
      t.overall.pending += tp.pending
    })
    keys.forEach((key, k) => {
      const met = byMonth[m][monthCount + k]
      const breached = byMonth[m][2 * monthCount + k]
      t.byMonth[key].met += met
      t.byMonth[key].breached += breached
      const quarter = t.byQuarter[quarterOfMonth(key)]
      quarter.met += met
      quarter.breached += breached
    })
    finish(t)
  })
  return out
}
