import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { comparisonWindow } from '../pack/comparison-window.ts'
import { MonthIndex, periodBounds } from './periods.ts'
import { localWeeks } from './ticket-stats.ts'

// Zones whose clocks jumped at local midnight on the first of a month or on a Monday: that day begins at 01:00.
// Each later month, week or quarter must still begin at its own midnight, not at 01:00 carried over from the gap.
const firstInstant = (zone: string, year: number, month: number, day: number) => DateTime.fromObject({ year, month, day }, { zone }).toMillis()

describe('local periods across a DST gap at midnight', () => {
  it('starts every month at its own first instant after a month whose midnight was skipped (Asunción, October 2023)', () => {
    const zone = 'America/Asuncion'
    expect(DateTime.fromMillis(firstInstant(zone, 2023, 10, 1), { zone }).hour).toBe(1)
    const index = new MonthIndex(zone, firstInstant(zone, 2023, 9, 1), firstInstant(zone, 2024, 3, 1))
    expect(index.keys()).toEqual(['2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03'])
    expect(index.starts()).toEqual(index.keys().map((k) => firstInstant(zone, Number(k.slice(0, 4)), Number(k.slice(5)), 1)))
    // The first minutes of 1 November are November's, not October's.
    expect(index.month(firstInstant(zone, 2023, 11, 1) + 30 * 60_000)).toBe('2023-11')
  })

  it('ends a quarter at the next quarter’s midnight', () => {
    const zone = 'America/Asuncion'
    expect(periodBounds(zone, { quarter: '2023-Q4' })).toMatchObject({ start: firstInstant(zone, 2023, 10, 1), end: firstInstant(zone, 2024, 1, 1) })
  })

  it('starts every week on its Monday’s midnight after a Monday whose midnight was skipped (Tehran, March 2021)', () => {
    const zone = 'Asia/Tehran'
    expect(DateTime.fromMillis(firstInstant(zone, 2021, 3, 22), { zone }).hour).toBe(1)
    const { starts, keys } = localWeeks(zone, firstInstant(zone, 2021, 3, 17), firstInstant(zone, 2021, 4, 20))
    expect(keys).toEqual(['2021-W11', '2021-W12', '2021-W13', '2021-W14', '2021-W15', '2021-W16'])
    const mondays = [15, 22, 29, 36, 43, 50].map((d) => DateTime.fromObject({ year: 2021, month: 3, day: 1 }, { zone }).plus({ days: d - 1 }))
    expect(starts).toEqual(mondays.map((m) => firstInstant(zone, m.year, m.month, m.day)))
  })

  it('compares a quarter in progress with the same days of the previous one, ending at a midnight', () => {
    const zone = 'America/Asuncion'
    const prev = periodBounds(zone, { quarter: '2023-Q4' })
    const cur = periodBounds(zone, { quarter: '2024-Q1' })
    const window = comparisonWindow(zone, cur, prev, firstInstant(zone, 2024, 1, 10) + 3_600_000, '2023-Q4')
    expect(window).toMatchObject({ start: prev.start, end: firstInstant(zone, 2023, 10, 11), toDate: true })
  })
})
