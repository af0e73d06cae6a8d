import { describe, expect, it } from 'vitest'
import { readStoredPauses } from './stored-pauses.ts'

const a = '2026-07-13T15:00:00.000Z'
const b = '2026-07-13T16:00:00.000Z'

describe('readStoredPauses', () => {
  it('reads [start, end] pairs, with or without a reason, and { start, end, reason } objects', () => {
    const expected = [[Date.parse(a), Date.parse(b)], [Date.parse(b), null]]
    expect(readStoredPauses([[a, b], [b, null]])).toEqual(expected)
    expect(readStoredPauses([[a, b, 'Waiting on customer'], [b, null, 'Waiting on vendor']])).toEqual(expected)
    expect(readStoredPauses([{ start: a, end: b, reason: 'Waiting on customer' }, { start: b, end: null }])).toEqual(expected)
  })

  it('skips what it cannot read and treats anything but an array as no pauses', () => {
    expect(readStoredPauses([['nonsense', b], 42, null, { end: b }])).toEqual([])
    expect(readStoredPauses(null)).toEqual([])
    expect(readStoredPauses({ start: a })).toEqual([])
  })
})
