import { describe, expect, it } from 'vitest'
import { periodBounds } from '../sla/periods.ts'
import { comparisonWindow } from './comparison-window.ts'

const zone = 'America/New_York'
const cur = periodBounds(zone, { quarter: '2026-Q3' })
const prev = periodBounds(zone, { quarter: '2026-Q2' })
const at = (iso: string) => Date.parse(iso)

describe('comparisonWindow', () => {
  it('takes the whole previous quarter once the quarter is over', () => {
    expect(comparisonWindow(zone, cur, prev, cur.end - 1, '2026-Q2')).toEqual({ start: prev.start, end: prev.end, label: '2026-Q2', toDate: false })
  })

  it('takes as many days of the previous quarter as have begun in this one, in the zone', () => {
    // 14 August, 11:30 in New York: the 45th day of Q3; Q2's first 45 days end at 16 May, midnight in New York.
    expect(comparisonWindow(zone, cur, prev, at('2026-08-14T15:30:00Z'), '2026-Q2')).toEqual({ start: prev.start, end: at('2026-05-16T04:00:00Z'), label: '2026-Q2, first 45 days', toDate: true })
    // 1 July, 00:30 in New York (04:30 UTC): one day begun.
    expect(comparisonWindow(zone, cur, prev, at('2026-07-01T04:30:00Z'), '2026-Q2').label).toBe('2026-Q2, first 1 day')
  })

  it('never runs past the previous quarter when this one is longer', () => {
    const q1 = periodBounds(zone, { quarter: '2027-Q1' })
    const q4 = periodBounds(zone, { quarter: '2026-Q4' })
    const w = comparisonWindow(zone, periodBounds(zone, { quarter: '2027-Q2' }), q1, at('2027-06-30T12:00:00Z'), '2027-Q1')
    expect(w.end).toBe(q1.end)
    expect(w.end).toBeGreaterThan(q4.end)
  })
})
