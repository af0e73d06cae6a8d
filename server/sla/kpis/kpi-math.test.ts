import { describe, expect, it } from 'vitest'
import { statusRules, reopensFromHistory } from '../../tickets/status-history.ts'
import fc from 'fast-check'
import { keyPersonOf, mergeSorted, percentile, previousQuarter } from './kpi-math.ts'

describe('keyPersonOf', () => {
  it('takes the fewest engineers covering half by default, the top N when given', () => {
    const counts = new Map([['cid', 1], ['ann', 5], ['bob', 3], ['dee', 1]])
    expect(keyPersonOf(counts, null)).toEqual({ share: 50, engineers: [{ assignee: 'ann', count: 5 }], considered: 10 })
    expect(keyPersonOf(counts, 2).share).toBe(80)
    // More than there are: all of them.
    expect(keyPersonOf(counts, 9).share).toBe(100)
    expect(keyPersonOf(new Map(), null)).toEqual({ share: null, engineers: [], considered: 0 })
    // Ties are broken by name, so the answer does not depend on row order.
    expect(keyPersonOf(new Map([['zed', 2], ['amy', 2]]), null).engineers).toEqual([{ assignee: 'amy', count: 2 }])
  })
})

describe('percentile', () => {
  it('interpolates between ranks like percentile_cont', () => {
    expect(percentile([60, 120, 180, 240], 0.5)).toBe(150)
    expect(percentile([60, 120, 180, 240], 0.9)).toBeCloseTo(222)
    expect(percentile([7], 0.9)).toBe(7)
    expect(percentile([], 0.5)).toBeNull()
  })
})

describe('reopensFromHistory', () => {
  const rules = statusRules({ waiting: ['Waiting'], resolved: ['Resolved'], closed: ['Closed'] })
  it('counts each return from resolved or closed to another status', () => {
    const changes = [
      { at: '2026-07-01T10:00:00Z', from: 'New', to: 'Resolved' },
      { at: '2026-07-01T11:00:00Z', from: 'Resolved', to: 'In Progress' },
      { at: '2026-07-01T12:00:00Z', from: 'In Progress', to: 'Closed' },
      { at: '2026-07-01T13:00:00Z', from: 'Closed', to: 'waiting ' },
      { at: '2026-07-01T14:00:00Z', from: 'Waiting', to: 'Resolved' },
      { at: '2026-07-01T15:00:00Z', from: 'Resolved', to: 'Closed' },
    ]
    expect(reopensFromHistory(changes, rules)).toBe(2)
    // Out of order in, oldest first counted.
    expect(reopensFromHistory([...changes].reverse(), rules)).toBe(2)
    expect(reopensFromHistory(changes, statusRules({ waiting: ['Waiting'] }))).toBe(0)
  })
})

it('previousQuarter', () => {
  expect(previousQuarter('2026-Q1')).toBe('2025-Q4')
  expect(previousQuarter('2026-Q3')).toBe('2026-Q2')
})

describe('mergeSorted', () => {
  it('gives the same array as sorting the lists together (duplicates, -0 and +0, NaN last)', () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, Number.NaN, 1, 1, 2.5))
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 30 }), { maxLength: 7 }), (lists) => {
        const merged = mergeSorted(lists.map((l) => Float64Array.from(l).sort()))
        const together = Float64Array.from(lists.flat()).sort()
        expect(merged.length).toBe(together.length)
        // Object.is tells -0 from +0 and matches NaN with NaN.
        merged.forEach((v, i) => expect(Object.is(v, together[i])).toBe(true))
      }),
      { numRuns: 300 },
    )
  })
})
