import { describe, expect, it } from 'vitest'
import { calendarChangeFor, canMoveQbr, nextStatuses } from './qbr-status.ts'
import { QBR_STATUSES } from './qbr.schemas.ts'

describe('QBR status', () => {
  it('moves DRAFT → SCHEDULED → HELD → CLOSED, may be called off while scheduled, and ends at CLOSED', () => {
    const allowed = QBR_STATUSES.flatMap((from) => QBR_STATUSES.filter((to) => canMoveQbr(from, to)).map((to) => `${from}→${to}`))
    expect(allowed).toEqual(['DRAFT→SCHEDULED', 'SCHEDULED→DRAFT', 'SCHEDULED→HELD', 'HELD→CLOSED'])
    expect(nextStatuses('CLOSED')).toEqual([])
  })

  it('names the calendar change of a status move', () => {
    expect(calendarChangeFor('DRAFT', 'SCHEDULED')).toBe('SCHEDULED')
    expect(calendarChangeFor('SCHEDULED', 'DRAFT')).toBe('CANCELLED')
    expect(calendarChangeFor('SCHEDULED', 'HELD')).toBeNull()
  })
})
