import { DateTime } from 'luxon'
import type { FigurePeriod } from './sla-figures.server.ts'

// The portfolio's periods, in UTC: one clock across partnerships whose policies sit in different zones (the
// partnership's own SLA page reports in its policy's zone). Pure.

export function quarterOf(t: Date): string {
  const d = DateTime.fromJSDate(t, { zone: 'utc' })
  return `${d.year}-Q${Math.ceil(d.month / 3)}`
}

export function quarterStart(quarter: string): DateTime {
  const [y, q] = quarter.split('-Q').map(Number)
  return DateTime.fromObject({ year: y, month: (q - 1) * 3 + 1, day: 1 }, { zone: 'utc' })
}

/** The quarter, the one before it, and the six months ending with the quarter's last month (the sparkline). */
export function portfolioPeriods(quarter: string): { current: FigurePeriod; previous: FigurePeriod; months: FigurePeriod[] } {
  const start = quarterStart(quarter)
  const period = (key: string, from: DateTime, to: DateTime): FigurePeriod => ({ key, from: from.toJSDate(), to: to.toJSDate() })
  const months = Array.from({ length: 6 }, (_, i) => {
    const m = start.plus({ months: i - 3 })
    return period(m.toFormat('yyyy-MM'), m, m.plus({ months: 1 }))
  })
  const prev = start.minus({ months: 3 })
  return {
    current: period(quarter, start, start.plus({ months: 3 })),
    previous: period(`${prev.year}-Q${Math.ceil(prev.month / 3)}`, prev, start),
    months,
  }
}
