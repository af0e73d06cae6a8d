import { describe, expect, it } from 'vitest'
import { type StatsTicket, isoWeek, median, ticketStats, ticketStatsOf } from './ticket-stats.ts'

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

describe('ticketStatsOf (a scan\'s columns)', () => {
  it('counts the tickets created in [from, to) only, sees a resolution after asOf as not yet, and counts per assignee', () => {
    const created = ['2026-06-30T12:00:00Z', '2026-07-01T00:00:00Z', '2026-07-08T09:00:00Z', '2026-07-09T09:00:00Z', '2026-10-01T00:00:00Z'].map(t)
    const rows = {
      length: 5,
      priority: ['P1', 'P1', 'P2', 'P3', 'P1'] as const,
      createdAt: Float64Array.from(created),
      resolvedAt: Float64Array.from([created[0] + 60_000, created[1] + 60_000, t('2026-07-20T00:00:00Z'), Number.NaN, created[4] + 60_000]),
      escalated: Uint8Array.from([1, 0, 1, 0, 1]),
      csat: Float64Array.from([1, 5, Number.NaN, 4, 1]),
      assignee: ['Ava', 'Ava', 'Sam', null, 'Sam'],
      queue: ['Network', null, 'Network', 'Desk', 'Desk'],
    }
    const minutes = Float64Array.from([1, 30, 600, Number.NaN, 1])
    const s = ticketStatsOf(rows, minutes, t('2026-07-10T00:00:00Z'), t('2026-07-01T00:00:00Z'), t('2026-10-01T00:00:00Z'), 'UTC')
    expect(s.total).toBe(3)
    expect(s.byAssignee).toEqual([
      { assignee: '(unassigned)', count: 1 },
      { assignee: 'Ava', count: 1 },
      { assignee: 'Sam', count: 1 },
    ])
    expect(s.byQueue).toEqual([
      { queue: '(none)', count: 1 },
      { queue: 'Desk', count: 1 },
      { queue: 'Network', count: 1 },
    ])
    // Sam's P2 is resolved on 20 July, after asOf: not in the resolution times, not in key-person dependency.
    expect([s.meanResolutionMinutes, s.medianResolutionMinutes]).toEqual([30, 30])
    expect(s.keyPersonDependency).toEqual({ share: 1, topAssignees: [{ assignee: 'Ava', count: 1 }], considered: 1 })
    expect([s.escalationRate, s.csatAverage, s.csatResponses]).toEqual([100 / 3, 4.5, 2])
    expect(s.weekly.map((w) => [w.week, w.count, w.byPriority])).toEqual([
      ['2026-W27', 1, { P1: 1, P2: 0, P3: 0, P4: 0 }],
      ['2026-W28', 2, { P1: 0, P2: 1, P3: 1, P4: 0 }],
    ])
  })
})
