import type { AttainmentSummary, MetricTallies, Tally } from '../attainment.ts'
import { PRIORITIES } from '../policy.ts'

// Tallies added together (the stored part of a report and the part the engine evaluated), with attainment worked
// out again by attainment.ts's rule: met / (met + breached) as a percentage, null when nothing was decided.

const rate = (t: Tally) => {
  t.attainment = t.met + t.breached === 0 ? null : (100 * t.met) / (t.met + t.breached)
}

function addTally(into: Tally, from: Tally, sign = 1): void {
  into.met += sign * from.met
  into.breached += sign * from.breached
  into.pending += sign * from.pending
  rate(into)
}

function addMetric(into: MetricTallies, from: MetricTallies, sign: number): void {
  addTally(into.overall, from.overall, sign)
  for (const p of PRIORITIES) addTally(into.byPriority[p], from.byPriority[p], sign)
  for (const [k, t] of Object.entries(from.byMonth)) if (into.byMonth[k]) addTally(into.byMonth[k], t, sign)
  for (const [k, t] of Object.entries(from.byQuarter)) if (into.byQuarter[k]) addTally(into.byQuarter[k], t, sign)
}

/** into += from (or −= with sign −1), in place; both must index the same months. */
export function addSummary(into: AttainmentSummary, from: AttainmentSummary, sign = 1): AttainmentSummary {
  addMetric(into.response, from.response, sign)
  addMetric(into.resolution, from.resolution, sign)
  return into
}

export const cloneSummary = (s: AttainmentSummary): AttainmentSummary => structuredClone(s)
