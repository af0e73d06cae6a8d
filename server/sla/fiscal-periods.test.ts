import { describe, expect, it } from 'vitest'
import { FISCAL_START_MONTHS, calendarQuarterOf, fiscalQuarter, quarterLabel } from './periods.ts'

describe('fiscal quarters', () => {
  it('names a calendar quarter in the fiscal year it falls in, the year named by where it ends', () => {
    expect(fiscalQuarter('2026-Q2', 4)).toEqual({ fiscalYear: 2027, quarter: 1, label: 'FY27 Q1' })
    expect(fiscalQuarter('2027-Q1', 4)).toEqual({ fiscalYear: 2027, quarter: 4, label: 'FY27 Q4' })
    expect(fiscalQuarter('2026-Q4', 10)).toEqual({ fiscalYear: 2027, quarter: 1, label: 'FY27 Q1' })
    expect(fiscalQuarter('2026-Q3', 10)).toEqual({ fiscalYear: 2026, quarter: 4, label: 'FY26 Q4' })
    expect(fiscalQuarter('2026-Q3', 7)).toEqual({ fiscalYear: 2027, quarter: 1, label: 'FY27 Q1' })
    expect(fiscalQuarter('2026-Q3', 1)).toEqual({ fiscalYear: 2026, quarter: 3, label: 'FY26 Q3' })
  })

  it('maps back to the same calendar quarter, for every start month and quarter', () => {
    for (const start of FISCAL_START_MONTHS) {
      for (const key of ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']) {
        const f = fiscalQuarter(key, start)
        expect(calendarQuarterOf(f.fiscalYear, f.quarter, start), `${key} from month ${start}`).toBe(key)
      }
    }
  })

  it('labels a quarter with its calendar dates, or keeps the calendar key when the fiscal year is the calendar year', () => {
    expect(quarterLabel('2026-Q2', 4)).toBe('FY27 Q1 (1 Apr – 30 Jun 2026)')
    expect(quarterLabel('2026-Q4', 10)).toBe('FY27 Q1 (1 Oct – 31 Dec 2026)')
    expect(quarterLabel('2026-Q3', 1)).toBe('2026-Q3')
  })
})
