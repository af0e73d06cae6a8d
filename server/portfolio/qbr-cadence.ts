import { DateTime } from 'luxon'

// When a partnership's next QBR is due, from its cadence (months between QBRs) and its QBRs so far. Pure.

export type QbrDueState = 'scheduled' | 'ok' | 'due' | 'overdue'

export interface QbrFact {
  status: 'DRAFT' | 'SCHEDULED' | 'HELD' | 'CLOSED'
  startsAt: Date | null
}

export interface NextQbr {
  /** The scheduled QBR's start, or the date one is due by the cadence. */
  date: string
  state: QbrDueState
  lastHeld: string | null
}

/** A QBR is "due" within this many days of its cadence date, and overdue after it. */
export const DUE_WINDOW_DAYS = 30

export function nextQbr(cadenceMonths: number, qbrs: readonly QbrFact[], since: Date, now: Date): NextQbr {
  const held = qbrs
    .filter((q) => (q.status === 'HELD' || q.status === 'CLOSED') && q.startsAt && q.startsAt <= now)
    .map((q) => q.startsAt!.getTime())
  const lastHeld = held.length ? Math.max(...held) : null
  const upcoming = qbrs
    .filter((q) => q.status === 'SCHEDULED' && q.startsAt && q.startsAt > now)
    .map((q) => q.startsAt!.getTime())
  const dueAt = DateTime.fromMillis(lastHeld ?? since.getTime(), { zone: 'utc' }).plus({ months: cadenceMonths }).toMillis()
  if (upcoming.length) {
    const at = Math.min(...upcoming)
    // Scheduled, but later than the cadence allows: still overdue once the due date has passed.
    return { date: new Date(at).toISOString(), state: at > dueAt && now.getTime() > dueAt ? 'overdue' : 'scheduled', lastHeld: lastHeld === null ? null : new Date(lastHeld).toISOString() }
  }
  const state: QbrDueState = now.getTime() > dueAt ? 'overdue' : dueAt - now.getTime() <= DUE_WINDOW_DAYS * 86_400_000 ? 'due' : 'ok'
  return { date: new Date(dueAt).toISOString(), state, lastHeld: lastHeld === null ? null : new Date(lastHeld).toISOString() }
}
