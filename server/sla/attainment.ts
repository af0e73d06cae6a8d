import type { TicketVerdict, Verdict } from './engine.ts'
import { type MonthIndex, quarterOfMonth } from './periods.ts'
import { PRIORITIES, type Priority } from './policy.ts'

// Attainment = met / (met + breached), per metric, never averaged across the two. Pending tickets are counted
// beside the rate, never in it. Buckets follow the decision instant in the policy's timezone.

export interface Tally {
  met: number
  breached: number
  pending: number
  /** met / (met + breached) as a percentage; null when nothing was decided. */
  attainment: number | null
}

export interface MetricTallies {
  overall: Tally
  byPriority: Record<Priority, Tally>
  byMonth: Record<string, Tally>
  byQuarter: Record<string, Tally>
}

export interface AttainmentSummary {
  response: MetricTallies
  resolution: MetricTallies
}

const tally = (): Tally => ({ met: 0, breached: 0, pending: 0, attainment: null })
const tallies = (): MetricTallies => ({
  overall: tally(),
  byPriority: { P1: tally(), P2: tally(), P3: tally(), P4: tally() },
  byMonth: {},
  byQuarter: {},
})

function count(t: Tally, verdict: Verdict) {
  t[verdict]++
}

function finish(t: MetricTallies) {
  const rate = (x: Tally) => {
    x.attainment = x.met + x.breached === 0 ? null : (100 * x.met) / (x.met + x.breached)
  }
  rate(t.overall)
  PRIORITIES.forEach((p) => rate(t.byPriority[p]))
  Object.values(t.byMonth).forEach(rate)
  Object.values(t.byQuarter).forEach(rate)
}

export interface Evaluated {
  priority: Priority
  verdict: TicketVerdict
}

/**
 * Tallies the tickets whose verdict was decided in [start, end) plus those still pending; `months` buckets the
 * decided ones by local month (and so quarter).
 */
export function summarise(items: readonly Evaluated[], months: MonthIndex, start: number, end: number): AttainmentSummary {
  const out: AttainmentSummary = { response: tallies(), resolution: tallies() }
  for (const { priority, verdict } of items) {
    for (const metric of ['response', 'resolution'] as const) {
      const v = verdict[metric]
      const t = out[metric]
      if (v.verdict === 'pending') {
        count(t.overall, 'pending')
        count(t.byPriority[priority], 'pending')
        continue
      }
      const at = v.decidedAt!
      if (at < start || at >= end) continue
      count(t.overall, v.verdict)
      count(t.byPriority[priority], v.verdict)
      const month = months.month(at)
      if (month) {
        count((t.byMonth[month] ??= tally()), v.verdict)
        count((t.byQuarter[quarterOfMonth(month)] ??= tally()), v.verdict)
      }
    }
  }
  finish(out.response)
  finish(out.resolution)
  return out
}
