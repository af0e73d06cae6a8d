import { describe, expect, it } from 'vitest'
import { type StatsTicket, isoWeek, median, ticketStats } from './ticket-stats.ts'
import { MonthIndex, periodBounds } from './periods.ts'
import { summarise } from './attainment.ts'
import { SlaEngine } from './engine.ts'
import { DEMO_POLICY } from './policy.ts'

const t = (iso: string) => Date.parse(iso)
const row = (o: Partial<StatsTicket>): StatsTicket => ({
  priority: 'P3',
  createdAt: t('2026-07-06T12:00:00Z'),
  resolvedAt: null,
  escalated: false,
  csat: null,
  assignee: null,
  queue: null,
  resolutionMinutes: null,
  ...o,
})

describe('ticketStats', () => {
  it('computes volume per ISO week, escalation rate, mean and median resolution and CSAT', () => {
    const s = ticketStats(
      [
        row({ resolvedAt: 1, resolutionMinutes: 30, csat: 5, queue: 'Desk' }),
        row({ resolvedAt: 1, resolutionMinutes: 90, csat: 3, escalated: true, queue: 'Desk' }),
        row({ createdAt: t('2026-07-13T12:00:00Z'), resolvedAt: 1, resolutionMinutes: 60, queue: 'Network' }),
        row({ createdAt: t('2026-07-13T13:00:00Z') }),
      ],
      'America/New_York',
    )
    expect(s.weekly.map((w) => [w.week, w.count])).toEqual([
      ['2026-W28', 2],
      ['2026-W29', 2],
    ])
    expect(s.escalationRate).toBe(25)
    expect(s.meanResolutionMinutes).toBe(60)
    expect(s.medianResolutionMinutes).toBe(60)
    expect(s.csatAverage).toBe(4)
    expect(s.byQueue[0]).toEqual({ queue: 'Desk', count: 2 })
  })

  it('measures key-person dependency over escalated or P1/P2 resolved tickets', () => {
    const people = ['ann', 'ann', 'ann', 'bob', 'bob', 'cy', 'dee', 'eve']
    const s = ticketStats(
      [...people.map((assignee) => row({ priority: 'P2', resolvedAt: 1, assignee })), row({ priority: 'P4', resolvedAt: 1, assignee: 'zed' })],
      'UTC',
    )
    expect(s.keyPersonDependency.considered).toBe(8)
    expect(s.keyPersonDependency.share).toBeCloseTo(6 / 8)
    expect(s.keyPersonDependency.topAssignees.map((a) => a.assignee)).toEqual(['ann', 'bob', 'cy'])
  })

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([1, 2, 3, 10])).toBe(2.5)
    expect(median([])).toBeNull()
    expect(isoWeek(t('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53')
  })
})

describe('summarise (attainment)', () => {
  const engine = new SlaEngine(DEMO_POLICY)
  const { start, end } = periodBounds('America/New_York', { quarter: '2026-Q3' })
  const months = new MonthIndex('America/New_York', start, end)

  it('rates met / (met + breached) per metric, keeps pending out of the rate, and buckets by decision month', () => {
    const asOf = t('2026-10-05T00:00:00Z')
    const items = [
      { createdAt: t('2026-07-13T09:00:00-04:00'), firstResponseAt: t('2026-07-13T09:30:00-04:00'), resolvedAt: t('2026-07-13T11:00:00-04:00') },
      { createdAt: t('2026-08-03T09:00:00-04:00'), firstResponseAt: t('2026-08-03T11:00:00-04:00'), resolvedAt: t('2026-08-03T12:00:00-04:00') },
      { createdAt: t('2026-10-02T17:50:00-04:00'), firstResponseAt: null, resolvedAt: null },
    ].map((x) => ({ priority: 'P2' as const, verdict: engine.evaluate({ priority: 'P2', pauses: [], ...x }, asOf) }))
    const s = summarise(items, months, start, end)
    expect(s.response.overall).toEqual({ met: 1, breached: 1, pending: 1, attainment: 50 })
    expect(s.resolution.overall).toEqual({ met: 2, breached: 0, pending: 1, attainment: 100 })
    expect(s.response.byMonth).toEqual({
      '2026-07': { met: 1, breached: 0, pending: 0, attainment: 100 },
      '2026-08': { met: 0, breached: 1, pending: 0, attainment: 0 },
    })
    expect(s.response.byPriority.P1.attainment).toBeNull()
    expect(s.response.byQuarter['2026-Q3']).toEqual({ met: 1, breached: 1, pending: 0, attainment: 50 })
  })
})
