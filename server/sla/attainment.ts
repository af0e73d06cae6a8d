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

function count(t: Tally, verdict: Exclude<Verdict, 'pending'>): void {
  t[verdict]++
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
  priority(i: number): Priority
  verdict(metric: (typeof METRICS)[number], i: number): Verdict
  /** NaN (or null) when pending. */
  decidedAt(metric: (typeof METRICS)[number], i: number): number | null
}

/**
 * Tallies the verdicts decided in [start, end) plus those still pending (as of the instant they were evaluated);
 * `months` names the local months to report and buckets the decided verdicts into them.
 */
export function summarise(items: readonly Evaluated[], months: MonthIndex, start: number, end: number): AttainmentSummary {
  return summariseSource(
    {
      length: items.length,
      priority: (i) => items[i].priority,
      verdict: (metric, i) => items[i].verdict[metric].verdict,
      decidedAt: (metric, i) => items[i].verdict[metric].decidedAt,
    },
    months,
    start,
    end,
  )
}

export function summariseSource(source: VerdictSource, months: MonthIndex, start: number, end: number): AttainmentSummary {
  const keys = months.keys()
  const out: AttainmentSummary = { response: tallies(keys), resolution: tallies(keys) }
  for (let i = 0; i < source.length; i++) {
    const priority = source.priority(i)
    for (const metric of METRICS) {
      const verdict = source.verdict(metric, i)
      const t = out[metric]
      if (verdict === 'pending') {
        t.overall.pending++
        t.byPriority[priority].pending++
        continue
      }
      const at = source.decidedAt(metric, i)!
      if (at < start || at >= end) continue
      count(t.overall, verdict)
      count(t.byPriority[priority], verdict)
      const month = months.month(at)
      if (month) {
        count((t.byMonth[month] ??= tally()), verdict)
        count((t.byQuarter[quarterOfMonth(month)] ??= tally()), verdict)
      }
    }
  }
  finish(out.response)
  finish(out.resolution)
  return out
}
