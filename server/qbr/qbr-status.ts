import type { QbrStatus } from './qbr.schemas.ts'

// DRAFT → SCHEDULED → HELD → CLOSED. A scheduled meeting can be called off (back to DRAFT: the calendar
// invitation is cancelled). CLOSED is final: the minutes are the record.
const NEXT: Record<QbrStatus, readonly QbrStatus[]> = {
  DRAFT: ['SCHEDULED'],
  SCHEDULED: ['HELD', 'DRAFT'],
  HELD: ['CLOSED'],
  CLOSED: [],
}

export function nextStatuses(from: QbrStatus): readonly QbrStatus[] {
  return NEXT[from]
}

export function canMoveQbr(from: QbrStatus, to: QbrStatus): boolean {
  return NEXT[from].includes(to)
}

/** What a status change means for the calendar invitation, if anything. */
export function calendarChangeFor(from: QbrStatus, to: QbrStatus): 'SCHEDULED' | 'CANCELLED' | null {
  if (from === 'DRAFT' && to === 'SCHEDULED') return 'SCHEDULED'
  if (from === 'SCHEDULED' && to === 'DRAFT') return 'CANCELLED'
  return null
}
