import { quarterIndex } from '../roadmap/budget.ts'

// When the demo's history happened: instants placed in the quarters around "now", so a pack for last quarter and
// one for this quarter each find a workspace that had grown by then. Pure.

const quarterStart = (index: number) => Date.UTC(Math.floor(index / 4), (index % 4) * 3, 1)

export interface DemoTimeline {
  /** This quarter's index (quarterIndex). */
  q0: number
  /**
   * An instant `fraction` of the way through the quarter `offset` quarters from now (0 this quarter, -1 the last).
   * This quarter's span ends at "now" less an hour, so even on its first day everything seeded lies in the past.
   */
  at(offset: number, fraction: number): Date
  /** A calendar day of the quarter `offset` from now, at `hourUtc` UTC. */
  day(offset: number, monthInQuarter: number, dayOfMonth: number, hourUtc?: number): Date
}

export function demoTimeline(now: Date): DemoTimeline {
  const q0 = quarterIndex(`${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`)
  return {
    q0,
    at(offset, fraction) {
      const start = quarterStart(q0 + offset)
      const end = offset >= 0 ? Math.max(start, now.getTime() - 3_600_000) : quarterStart(q0 + offset + 1)
      return new Date(start + Math.floor((end - start) * fraction))
    },
    day(offset, monthInQuarter, dayOfMonth, hourUtc = 12) {
      const i = q0 + offset
      return new Date(Date.UTC(Math.floor(i / 4), (i % 4) * 3 + monthInQuarter - 1, dayOfMonth, hourUtc))
    },
  }
}
