import { describe, expect, it } from 'vitest'
import { addQuarters, dueOf, forecastReplacements, pluralType, quarterBounds, replacementTitle } from './forecast.ts'

const laptop = (warrantyEnd: string | null, endOfLife: string | null = null, cents = 120_000, type = 'Laptop') => ({ type, warrantyEnd, endOfLife, replacementCostCents: cents, currency: 'USD' })

describe('replacement forecast', () => {
  it('puts each asset in the quarter of its earlier date, overdue ones in the current quarter', () => {
    const q = forecastReplacements([laptop('2026-11-30'), laptop('2027-02-01'), laptop(null, '2027-01-15', 90_000), laptop('2027-06-30', '2027-03-01'), laptop('2030-01-01'), laptop(null)], '2026-12-06', 4)
    expect(q.map((x) => [x.quarter, x.count])).toEqual([['2026-Q4', 1], ['2027-Q1', 3], ['2027-Q2', 0], ['2027-Q3', 0]])
    expect(q[0].groups[0]).toMatchObject({ type: 'Laptop', overdue: 1, reasons: { warranty: 1, endOfLife: 0 } })
    expect(q[1].costs).toEqual([{ currency: 'USD', cents: 330_000 }])
    expect(q[1].groups[0].reasons).toEqual({ warranty: 1, endOfLife: 2 })
  })

  it('groups types case-insensitively under the most common spelling and keeps currencies apart', () => {
    const [q] = forecastReplacements([laptop('2026-12-31', null, 100, 'laptop'), laptop('2026-12-31', null, 100), laptop('2026-12-31', null, 100), { ...laptop('2026-12-20'), currency: 'EUR' }], '2026-12-06', 1)
    expect(q.groups).toHaveLength(1)
    expect(q.groups[0].type).toBe('Laptop')
    expect(q.costs).toEqual([{ currency: 'USD', cents: 300 }, { currency: 'EUR', cents: 120_000 }])
  })

  it('reads quarters and titles', () => {
    expect(quarterBounds('2027-Q1')).toEqual({ starts: '2027-01-01', ends: '2027-03-31' })
    expect(addQuarters('2026-Q4', 2)).toBe('2027-Q2')
    expect(dueOf({ warrantyEnd: null, endOfLife: null })).toBeNull()
    expect(pluralType('Switch', 2)).toBe('switches')
    expect(pluralType('Battery', 3)).toBe('batteries')
    expect(replacementTitle(37, 'Laptop', { warranty: 37, endOfLife: 0 }, '2027-Q2')).toBe('Replace 37 laptops out of warranty by 2027-Q2')
    expect(replacementTitle(2, null, { warranty: 1, endOfLife: 1 }, '2027-Q2')).toBe('Replace 2 assets out of warranty or past end of life by 2027-Q2')
  })
})
