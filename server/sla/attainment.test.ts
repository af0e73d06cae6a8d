import { describe, expect, it } from 'vitest'
import { type Evaluated, summarise } from './attainment.ts'
import { calendarFor } from './calendar.ts'
import { type SlaTicket, evaluateTicket } from './engine.ts'
import { MonthIndex, periodBounds } from './periods.ts'
import { DEMO_POLICY, type Priority } from './policy.ts'

const t = (iso: string) => Date.parse(iso)
const ZONE = 'America/New_York'
const asOf = t('2026-10-05T00:00:00-04:00')

interface Spec {
  priority?: Priority
  created: string
  response?: string
  resolved?: string
}
const evaluated = (s: Spec): Evaluated => {
  const ticket: SlaTicket = {
    priority: s.priority ?? 'P2',
    createdAt: t(s.created),
    firstResponseAt: s.response ? t(s.response) : null,
    resolvedAt: s.resolved ? t(s.resolved) : null,
    pauses: [],
  }
  return { priority: ticket.priority, verdict: evaluateTicket(calendarFor(DEMO_POLICY), DEMO_POLICY, ticket, asOf) }
}
const quarter = (q: string) => {
  const { start, end } = periodBounds(ZONE, { quarter: q })
  return { start, end, months: new MonthIndex(ZONE, start, end - 1) }
}
const summariseQuarter = (items: Evaluated[], q: string) => {
  const { start, end, months } = quarter(q)
  return summarise(items, months, start, end)
}

// P2: response 60 business minutes, resolution 480.
const metInJuly = { created: '2026-07-13T09:00:00-04:00', response: '2026-07-13T09:30:00-04:00', resolved: '2026-07-13T11:00:00-04:00' }
const respondedLateInAugust = { created: '2026-08-03T09:00:00-04:00', response: '2026-08-03T11:00:00-04:00', resolved: '2026-08-03T12:00:00-04:00' }
const stillOpen = { created: '2026-10-02T17:50:00-04:00' }

describe('summarise (attainment)', () => {
  it('rates met / (met + breached) as a percentage, per metric, never averaging the two', () => {
    const s = summariseQuarter([evaluated(metInJuly), evaluated(respondedLateInAugust)], '2026-Q3')
    expect(s.response.overall).toEqual({ met: 1, breached: 1, pending: 0, attainment: 50 })
    expect(s.resolution.overall).toEqual({ met: 2, breached: 0, pending: 0, attainment: 100 })
  })

  it('counts pending tickets beside the rate, never in it', () => {
    const s = summariseQuarter([evaluated(metInJuly), evaluated(stillOpen)], '2026-Q3')
    expect(s.response.overall).toEqual({ met: 1, breached: 0, pending: 1, attainment: 100 })
    expect(s.response.byPriority.P2).toEqual({ met: 1, breached: 0, pending: 1, attainment: 100 })
  })

  it('gives null, not 0 or 100, where nothing was decided', () => {
    const s = summariseQuarter([evaluated(stillOpen)], '2026-Q3')
    expect(s.response.overall).toEqual({ met: 0, breached: 0, pending: 1, attainment: null })
    expect(s.resolution.byPriority.P1.attainment).toBeNull()
    expect(s.resolution.byMonth['2026-09'].attainment).toBeNull()
  })

  it('splits by priority', () => {
    const s = summariseQuarter([evaluated(metInJuly), evaluated({ ...respondedLateInAugust, priority: 'P3' })], '2026-Q3')
    expect(s.response.byPriority.P2).toEqual({ met: 1, breached: 0, pending: 0, attainment: 100 })
    expect(s.response.byPriority.P3).toEqual({ met: 1, breached: 0, pending: 0, attainment: 100 })
    expect(s.response.byPriority.P4).toEqual({ met: 0, breached: 0, pending: 0, attainment: null })
  })

  it('buckets by the local month of the decision, reporting every month of the period', () => {
    const s = summariseQuarter([evaluated(metInJuly), evaluated(respondedLateInAugust)], '2026-Q3')
    expect(s.response.byMonth).toEqual({
      '2026-07': { met: 1, breached: 0, pending: 0, attainment: 100 },
      '2026-08': { met: 0, breached: 1, pending: 0, attainment: 0 },
      '2026-09': { met: 0, breached: 0, pending: 0, attainment: null },
    })
    expect(s.response.byQuarter).toEqual({ '2026-Q3': { met: 1, breached: 1, pending: 0, attainment: 50 } })
  })

  it('uses the policy timezone for the month: 30 September 22:00 New York is October in UTC but September here', () => {
    const late = evaluated({ priority: 'P1', created: '2026-09-30T21:00:00-04:00', response: '2026-09-30T22:00:00-04:00' })
    expect(late.verdict.response.decidedAt).toBe(t('2026-09-30T21:30:00-04:00'))
    const met = evaluated({ priority: 'P1', created: '2026-09-30T21:50:00-04:00', response: '2026-09-30T22:00:00-04:00' })
    const s = summariseQuarter([late, met], '2026-Q3')
    expect(s.response.byMonth['2026-09']).toEqual({ met: 1, breached: 1, pending: 0, attainment: 50 })
  })

  it('puts a late resolution crossing a quarter boundary in the quarter of its due instant', () => {
    // P3 created Monday 28 September 08:00, due Wednesday 30 September 12:00, resolved Friday 2 October.
    const crossing = evaluated({ priority: 'P3', created: '2026-09-28T08:00:00-04:00', response: '2026-09-28T09:00:00-04:00', resolved: '2026-10-02T10:00:00-04:00' })
    expect(crossing.verdict.resolution).toMatchObject({ verdict: 'breached', decidedAt: t('2026-09-30T12:00:00-04:00') })
    const q3 = summariseQuarter([crossing], '2026-Q3')
    expect(q3.resolution.byQuarter['2026-Q3']).toEqual({ met: 0, breached: 1, pending: 0, attainment: 0 })
    expect(q3.resolution.byMonth['2026-09'].breached).toBe(1)
    const q4 = summariseQuarter([crossing], '2026-Q4')
    expect(q4.resolution.overall).toEqual({ met: 0, breached: 0, pending: 0, attainment: null })
  })

  it('leaves out verdicts decided outside the period', () => {
    const s = summariseQuarter([evaluated(metInJuly)], '2026-Q4')
    expect(s.response.overall.met + s.response.overall.breached).toBe(0)
    expect(Object.keys(s.response.byMonth)).toEqual(['2026-10', '2026-11', '2026-12'])
  })
})
