import { describe, expect, it } from 'vitest'
import { type StatsTicket, isoWeek, median, ticketStats } from './ticket-stats.ts'

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
  it('counts volume per local ISO week, by priority', () => {
    const s = ticketStats(
      [row({}), row({ priority: 'P1' }), row({ createdAt: t('2026-07-13T12:00:00Z') }), row({ createdAt: t('2026-07-19T23:00:00-04:00') })],
      'America/New_York',
    )
    expect(s.weekly).toEqual([
      { week: '2026-W28', count: 2, byPriority: { P1: 1, P2: 0, P3: 1, P4: 0 } },
      { week: '2026-W29', count: 2, byPriority: { P1: 0, P2: 0, P3: 2, P4: 0 } },
    ])
  })

  it('includes the empty weeks between the first ticket and the last', () => {
    const s = ticketStats([row({ createdAt: t('2026-07-06T12:00:00Z') }), row({ createdAt: t('2026-07-22T12:00:00Z') })], 'UTC')
    expect(s.weekly.map((w) => [w.week, w.count])).toEqual([
      ['2026-W28', 1],
      ['2026-W29', 0],
      ['2026-W30', 1],
    ])
  })

  it('splits weeks at local midnight, also in a half-hour timezone (Kolkata, UTC+05:30)', () => {
    // Sunday 23:40 and Monday 00:10 in Kolkata are 18:10 and 18:40 UTC on the same Sunday.
    const s = ticketStats([row({ createdAt: t('2026-07-12T23:40:00+05:30') }), row({ createdAt: t('2026-07-13T00:10:00+05:30') })], 'Asia/Kolkata')
    expect(s.weekly.map((w) => [w.week, w.count])).toEqual([
      ['2026-W28', 1],
      ['2026-W29', 1],
    ])
  })

  it('numbers ISO weeks across a year end (Friday 1 January 2027 is in 2026-W53)', () => {
    expect(isoWeek(t('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53')
    expect(isoWeek(t('2027-01-04T03:00:00Z'), 'America/New_York')).toBe('2026-W53')
  })

  it('computes the escalation rate, mean and median resolution and the CSAT average', () => {
    const s = ticketStats(
      [
        row({ resolvedAt: 1, resolutionMinutes: 30, csat: 5, queue: 'Desk' }),
        row({ resolvedAt: 1, resolutionMinutes: 90, csat: 3, escalated: true, queue: 'Desk' }),
        row({ resolvedAt: 1, resolutionMinutes: 600, queue: 'Network' }),
        row({}),
      ],
      'America/New_York',
    )
    expect(s.total).toBe(4)
    expect(s.escalationRate).toBe(25)
    expect(s.meanResolutionMinutes).toBe(240)
    expect(s.medianResolutionMinutes).toBe(90)
    expect(s.csatAverage).toBe(4)
    expect(s.csatResponses).toBe(2)
    expect(s.byQueue).toEqual([
      { queue: 'Desk', count: 2 },
      { queue: '(none)', count: 1 },
      { queue: 'Network', count: 1 },
    ])
  })

  it('measures key-person dependency over the escalated or P1/P2 resolved tickets', () => {
    const people = ['ann', 'ann', 'ann', 'bob', 'bob', 'cy', 'dee', 'eve']
    const s = ticketStats(
      [
        ...people.map((assignee) => row({ priority: 'P2', resolvedAt: 1, assignee })),
        row({ priority: 'P4', resolvedAt: 1, assignee: 'zed' }),
        row({ priority: 'P4', resolvedAt: 1, assignee: 'dee', escalated: true }),
        row({ priority: 'P1', resolvedAt: null, assignee: 'zed' }),
        row({ priority: 'P1', resolvedAt: 1, assignee: null }),
      ],
      'UTC',
    )
    expect(s.keyPersonDependency.considered).toBe(9)
    expect(s.keyPersonDependency.topAssignees).toEqual([
      { assignee: 'ann', count: 3 },
      { assignee: 'bob', count: 2 },
      { assignee: 'dee', count: 2 },
    ])
    expect(s.keyPersonDependency.share).toBeCloseTo(7 / 9)
  })

  it('gives null rather than a number when there is nothing to rate', () => {
    const s = ticketStats([], 'UTC')
    expect(s).toMatchObject({ total: 0, weekly: [], escalationRate: null, meanResolutionMinutes: null, medianResolutionMinutes: null, csatAverage: null })
    expect(s.keyPersonDependency).toEqual({ share: null, topAssignees: [], considered: 0 })
  })

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([1, 2, 3, 10])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(median([])).toBeNull()
  })
})
