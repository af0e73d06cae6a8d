import { describe, expect, it } from 'vitest'
import { FISCAL_START_MONTHS, calendarQuarterOf, fiscalQuarter, quarterDates, quarterLabel } from './labels.ts'

describe('fiscal quarters', () => {
  it('names a calendar quarter in the fiscal year it falls in, the year named by where it ends', () => {
    expect(fiscalQuarter('2026-Q2', 4)).toEqual({ fiscalYear: 2027, quarter: 1, label: 'FY2027 Q1' })
    expect(fiscalQuarter('2027-Q1', 4)).toEqual({ fiscalYear: 2027, quarter: 4, label: 'FY2027 Q4' })
    expect(fiscalQuarter('2026-Q4', 10)).toEqual({ fiscalYear: 2027, quarter: 1, label: 'FY2027 Q1' })
    expect(fiscalQuarter('2026-Q3', 10)).toEqual({ fiscalYear: 2026, quarter: 4, label: 'FY2026 Q4' })
    expect(fiscalQuarter('2026-Q3', 7)).toEqual({ fiscalYear: 2027, quarter: 1, label: 'FY2027 Q1' })
    expect(fiscalQuarter('2026-Q4', 7)).toEqual({ fiscalYear: 2027, quarter: 2, label: 'FY2027 Q2' })
    expect(fiscalQuarter('2026-Q3', 1)).toEqual({ fiscalYear: 2026, quarter: 3, label: 'FY2026 Q3' })
  })

  it('maps back to the same calendar quarter, for every start month and quarter', () => {
    for (const start of FISCAL_START_MONTHS) {
      for (const key of ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']) {
        const f = fiscalQuarter(key, start)
        expect(calendarQuarterOf(f.fiscalYear, f.quarter, start), `${key} from month ${start}`).toBe(key)
      }
    }
  })

  it('labels a quarter with its calendar dates beside it, or keeps the calendar key in a calendar year', () => {
    expect(quarterLabel('2026-Q4', 7)).toBe('FY2027 Q2 (1 Oct – 31 Dec 2026)')
    expect(quarterLabel('2026-Q2', 4)).toBe('FY2027 Q1 (1 Apr – 30 Jun 2026)')
    expect(quarterLabel('2027-Q1', 10)).toBe('FY2027 Q2 (1 Jan – 31 Mar 2027)')
    expect(quarterLabel('2026-Q4', 7, 'en-GB', true)).toBe('FY2027 Q2')
    expect(quarterLabel('2026-Q3', 1)).toBe('2026-Q3')
    // A stored month that is not a quarter's first (or none) reads as the calendar year, never as a wrong fiscal name.
    expect(quarterLabel('2026-Q3', null)).toBe('2026-Q3')
    expect(quarterLabel('2026-Q3', 2)).toBe('2026-Q3')
    expect(quarterLabel('Backlog', 4)).toBe('Backlog')
  })

  it('writes the dates in the reader’s locale', () => {
    expect(quarterDates('2026-Q1')).toBe('1 Jan – 31 Mar 2026')
    expect(quarterDates('2026-Q1', 'en-US')).toBe('Jan 1 – Mar 31, 2026')
  })
})
