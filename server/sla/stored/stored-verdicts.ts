import type { BusinessCalendar } from '../calendar.ts'
import { type EnginePolicy, type SlaTicket, evaluateTicket } from '../engine.ts'
import { DateTime } from 'luxon'
import { MonthIndex, quarterOfMonth } from '../periods.ts'
import { bucketOf, isoWeek } from '../ticket-stats.ts'
import type { Priority, SlaPolicy } from '../policy.ts'
import { type AsOfThresholds, asOfThresholds } from './as-of-thresholds.ts'
import type { Lifecycle } from '../../tickets/status-history.ts'

// What a ticket's verdicts are once nothing about it can change with the as-of instant (ADR 022), for storing on
// the ticket when it is written. The engine reads a ticket "as of" an instant: a response or resolution recorded
// later has not happened yet. From the settle instant on, every recorded event has happened and the evaluation is
// a constant: so a report whose as-of is at or after it may read the stored verdict instead of running the engine.
//
// - response: settled at the first response (its elapsed, verdict and decided instant stop moving then);
// - resolution: settled at the resolution. A ticket finished at an unknown instant (resolved or closed by its
//   lifecycle, no resolvedAt) is pending for ever, but its elapsed and paused minutes still count to the as-of (the
//   breach list shows them), so it is never settled: the engine reads it like an open one;
// - a ticket is settled at the later of the two (and never before its creation). An open ticket is never settled:
//   reports evaluate the few of those with the engine at their as-of.

export interface StorableTicket extends SlaTicket {
  lifecycle: Lifecycle
}

export interface StoredVerdict {
  settledAt: number | null
  responseDueAt: number | null
  responseElapsedMinutes: number | null
  responseVerdict: number | null
  responseDecidedAt: number | null
  responseMonth: string | null
  resolutionDueAt: number | null
  resolutionElapsedMinutes: number | null
  resolutionPausedMinutes: number | null
  resolutionVerdict: number | null
  resolutionDecidedAt: number | null
  resolutionMonth: string | null
  /** Per clock, the instants that answer "as of T" by comparison (as-of-thresholds.ts). */
  thresholds: AsOfThresholds
  /** Policy-zone months of the creation and of the later of first response and resolution (settled tickets only): the report's roll-up keys (ADR 030). */
  createdMonth: string | null
  finishedMonth: string | null
  /** The policy zone's month and ISO week of creation, every ticket: the pack's cohort roll-up key (ADR 008 addendum). */
  cohortKey: string
}

const finished = (lifecycle: Lifecycle) => lifecycle === 'resolved' || lifecycle === 'closed'

/** The instant from which the ticket's verdicts no longer change with the as-of; null while it can still change. */
export function settleInstant(t: Pick<StorableTicket, 'createdAt' | 'firstResponseAt' | 'resolvedAt'>): number | null {
  if (t.firstResponseAt === null) return null
  if (t.resolvedAt === null) return null
  return Math.max(t.createdAt, t.firstResponseAt, t.resolvedAt)
}

/** The last instant the ticket records (its evaluation point while unsettled: due instants are still worth keeping). */
function lastRecorded(t: StorableTicket): number {
  let last = Math.max(t.createdAt, t.firstResponseAt ?? 0, t.resolvedAt ?? 0)
  for (const [s, e] of t.pauses) last = Math.max(last, s, e ?? 0)
  return last
}

const DAY_MS = 86_400_000

/** Local months (and ISO weeks) of a zone for bucketing instants: one index, widened as instants outside it arrive. */
export class MonthBuckets {
  private index: MonthIndex | null = null
  private from = Number.POSITIVE_INFINITY
  private to = Number.NEGATIVE_INFINITY
  private weekStarts: number[] = []
  private weekKeys: string[] = []
  constructor(readonly zone: string) {}

  month(t: number): string {
    if (!this.index || t < this.from || t >= this.to) {
      this.from = Math.min(this.from, t - 366 * DAY_MS)
      this.to = Math.max(this.to, t + 366 * DAY_MS)
      this.index = new MonthIndex(this.zone, this.from, this.to)
    }
    return this.index.month(t)!
  }

  /**
   * The ISO week of the instant's local date ("2026-W27"), as isoWeek gives it, by a binary search over week starts
   * built once per year around the instants seen (a timezone conversion per ticket would cost the CSV import more
   * than its verdicts). Each start is found from inside its own week, so a Monday that begins after a DST gap does
   * not shift the weeks after it.
   */
  week(t: number): string {
    const s = this.weekStarts
    if (s.length === 0 || t < s[0] || t >= s[s.length - 1]) {
      const from = Math.min(s[0] ?? Number.POSITIVE_INFINITY, t - 366 * DAY_MS)
      const to = Math.max(s[s.length - 1] ?? Number.NEGATIVE_INFINITY, t + 366 * DAY_MS)
      const starts: number[] = []
      const keys: string[] = []
      let start = DateTime.fromMillis(from, { zone: this.zone }).startOf('week').toMillis()
      // One start past `to`: the last one only closes the week before it.
      while (starts.length === 0 || starts[starts.length - 1] <= to) {
        starts.push(start)
        keys.push(isoWeek(start, this.zone))
        start = DateTime.fromMillis(start + 8 * DAY_MS, { zone: this.zone }).startOf('week').toMillis()
      }
      this.weekStarts = starts
      this.weekKeys = keys
    }
    return this.weekKeys[bucketOf(this.weekStarts, t)]
  }

  /** The pack's cohort piece of a creation instant: its local month and ISO week ("2026-07|2026-W27"). */
  cohortKey(t: number): string {
    return `${this.month(t)}|${this.week(t)}`
  }
}

const orNull = (x: number | null) => (x === null || Number.isNaN(x) ? null : x)

const VERDICT_CODE = { pending: 0, met: 1, breached: 2 } as const

export function storedVerdict(calendar: BusinessCalendar, policy: EnginePolicy & Pick<SlaPolicy, 'atRiskShare'>, months: MonthBuckets, ticket: StorableTicket): StoredVerdict {
  const settledAt = settleInstant(ticket)
  const engineTicket: SlaTicket = { ...ticket, completionUnknown: finished(ticket.lifecycle) }
  const v = evaluateTicket(calendar, policy, engineTicket, settledAt ?? lastRecorded(ticket))
  const decided = (x: number | null) => (settledAt === null ? null : orNull(x))
  const responseDecidedAt = decided(v.response.decidedAt)
  const resolutionDecidedAt = decided(v.resolution.decidedAt)
  return {
    settledAt,
    responseDueAt: orNull(v.response.dueAt),
    responseElapsedMinutes: settledAt === null ? null : v.response.elapsedMinutes,
    responseVerdict: settledAt === null ? null : VERDICT_CODE[v.response.verdict],
    responseDecidedAt,
    responseMonth: responseDecidedAt === null ? null : months.month(responseDecidedAt),
    resolutionDueAt: orNull(v.resolution.dueAt),
    resolutionElapsedMinutes: settledAt === null ? null : v.resolution.elapsedMinutes,
    resolutionPausedMinutes: settledAt === null ? null : v.resolution.pausedMinutes,
    resolutionVerdict: settledAt === null ? null : VERDICT_CODE[v.resolution.verdict],
    resolutionDecidedAt,
    resolutionMonth: resolutionDecidedAt === null ? null : months.month(resolutionDecidedAt),
    thresholds: asOfThresholds(calendar, policy, engineTicket),
    createdMonth: settledAt === null ? null : months.month(ticket.createdAt),
    finishedMonth: settledAt === null ? null : months.month(Math.max(ticket.firstResponseAt!, ticket.resolvedAt!)),
    cohortKey: months.cohortKey(ticket.createdAt),
  }
}

/** The stored columns, in the order of STORED_COLUMNS, as arrays for an unnest()-shaped write. */
export const STORED_COLUMNS = [
  ['slaVersion', 'int'],
  ['slaSettledMs', 'float8'],
  ['responseDueMs', 'float8'],
  ['responseElapsedMinutes', 'float8'],
  ['responseVerdict', 'int2'],
  ['responseDecidedMs', 'float8'],
  ['responseMonth', 'text'],
  ['responseQuarter', 'text'],
  ['resolutionDueMs', 'float8'],
  ['resolutionElapsedMinutes', 'float8'],
  ['resolutionPausedMinutes', 'float8'],
  ['resolutionVerdict', 'int2'],
  ['resolutionDecidedMs', 'float8'],
  ['resolutionMonth', 'text'],
  ['resolutionQuarter', 'text'],
  // The as-of thresholds (ADR 022 addendum): NEVER_MS for never; null only on rows written before they existed.
  ['responseBreachFromMs', 'float8'],
  ['responseBreachMs', 'float8'],
  ['responseAtRiskFromMs', 'float8'],
  ['resolutionBreachFromMs', 'float8'],
  ['resolutionBreachMs', 'float8'],
  ['resolutionAtRiskFromMs', 'float8'],
  ['slaCreatedMonth', 'text'],
  ['slaFinishedMonth', 'text'],
  ['slaCohortKey', 'text'],
] as const

/**
 * A threshold as stored: "never" (Infinity) as the largest float8, past every as-of (a Date is at most 8.64e15 ms),
 * since Infinity does not survive every driver's parameter encoding (JSON turns it into null).
 */
export const NEVER_MS = Number.MAX_VALUE
const stored = (x: number) => (x === Number.POSITIVE_INFINITY ? NEVER_MS : x)

/** One row of STORED_COLUMNS values for a ticket (instants in epoch ms); all null without a policy. */
export function storedRow(version: number | null, v: StoredVerdict | null): unknown[] {
  if (version === null || v === null) return STORED_COLUMNS.map(() => null)
  return [
    version,
    v.settledAt,
    v.responseDueAt,
    v.responseElapsedMinutes,
    v.responseVerdict,
    v.responseDecidedAt,
    v.responseMonth,
    v.responseMonth && quarterOfMonth(v.responseMonth),
    v.resolutionDueAt,
    v.resolutionElapsedMinutes,
    v.resolutionPausedMinutes,
    v.resolutionVerdict,
    v.resolutionDecidedAt,
    v.resolutionMonth,
    v.resolutionMonth && quarterOfMonth(v.resolutionMonth),
    stored(v.thresholds.response.breachFrom),
    v.thresholds.response.breachDecided,
    stored(v.thresholds.response.atRiskFrom),
    stored(v.thresholds.resolution.breachFrom),
    v.thresholds.resolution.breachDecided,
    stored(v.thresholds.resolution.atRiskFrom),
    v.createdMonth,
    v.finishedMonth,
    v.cohortKey,
  ]
}

export type { Priority }
