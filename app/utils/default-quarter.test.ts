import { describe, expect, it } from 'vitest'
import { nextQuarterWithoutQbr, packQuarter } from './default-quarter'

const NOW = new Date('2026-11-20T12:00:00Z')

describe('nextQuarterWithoutQbr', () => {
  it('proposes this quarter when it has no QBR', () => {
    expect(nextQuarterWithoutQbr([{ quarter: '2026-Q3' }], NOW)).toBe('2026-Q4')
  })
  it('skips quarters that already have one, across the year', () => {
    expect(nextQuarterWithoutQbr([{ quarter: '2026-Q4' }, { quarter: '2027-Q1' }, { quarter: '2026-Q3' }], NOW)).toBe('2027-Q2')
  })
})

describe('packQuarter', () => {
  it('is the quarter of the next QBR to be held, even when it is later than this one', () => {
    expect(packQuarter([{ quarter: '2026-Q3', status: 'CLOSED' }, { quarter: '2027-Q1', status: 'SCHEDULED' }], NOW)).toBe('2027-Q1')
  })
  it('is this quarter when this quarter’s QBR is still to come', () => {
    expect(packQuarter([{ quarter: '2026-Q3', status: 'CLOSED' }, { quarter: '2026-Q4', status: 'SCHEDULED' }, { quarter: '2027-Q1', status: 'DRAFT' }], NOW)).toBe('2026-Q4')
  })
  it('is the last quarter that ended when no QBR is to come', () => {
    expect(packQuarter([{ quarter: '2026-Q3', status: 'CLOSED' }], NOW)).toBe('2026-Q3')
    expect(packQuarter([], NOW)).toBe('2026-Q3')
  })
  it('ignores a draft left behind in a long-past quarter', () => {
    expect(packQuarter([{ quarter: '2025-Q1', status: 'DRAFT' }], NOW)).toBe('2026-Q3')
  })
})
