import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { calendarFor } from '../calendar.ts'
import { evaluateTicket } from '../engine.ts'
import { MonthIndex } from '../periods.ts'
import { DEMO_POLICY } from '../policy.ts'
import { isoWeek } from '../ticket-stats.ts'
import { MonthBuckets, settleInstant, storedVerdict } from './stored-verdicts.ts'

const at = (iso: string) => Date.parse(iso)
const calendar = calendarFor(DEMO_POLICY)
const months = new MonthBuckets(DEMO_POLICY.timezone)

describe('stored verdicts', () => {
  it('settle at the later completion; open tickets and unknown completions never settle', () => {
    const base = { createdAt: at('2026-07-13T13:00:00Z'), firstResponseAt: at('2026-07-13T14:00:00Z'), resolvedAt: at('2026-07-14T13:00:00Z') }
    expect(settleInstant(base)).toBe(at('2026-07-14T13:00:00Z'))
    expect(settleInstant({ ...base, resolvedAt: null })).toBeNull()
    expect(settleInstant({ ...base, firstResponseAt: null })).toBeNull()
  })

  it('equal the engine at every as-of from the settle instant on, bucketed in the policy zone', () => {
    // P2, business clock in New York: resolved 23:30 local on 31 July, i.e. 03:30 UTC on 1 August.
    const ticket = { priority: 'P2' as const, createdAt: at('2026-07-31T13:00:00Z'), firstResponseAt: at('2026-07-31T13:20:00Z'), resolvedAt: at('2026-08-01T03:30:00Z'), pauses: [], lifecycle: 'resolved' as const }
    const stored = storedVerdict(calendar, DEMO_POLICY, months, ticket)
    for (const asOf of [stored.settledAt!, stored.settledAt! + 1, at('2027-01-01T00:00:00Z')]) {
      const v = evaluateTicket(calendar, DEMO_POLICY, ticket, asOf)
      expect([stored.responseDecidedAt, stored.resolutionDecidedAt, stored.resolutionElapsedMinutes]).toEqual([v.response.decidedAt, v.resolution.decidedAt, v.resolution.elapsedMinutes])
    }
    expect(stored.resolutionVerdict).toBe(2)
    expect(stored.responseMonth).toBe('2026-07')
  })
})

describe('the cohort piece of a creation instant', () => {
  // Zones whose clocks jump at local midnight (a Monday may begin at 01:00) beside ordinary ones.
  const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Pacific/Chatham']

  it('is the ISO week and month of the local date, as isoWeek and MonthIndex give them, wherever the instants fall', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.array(fc.integer({ min: Date.parse('2022-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }), { minLength: 1, maxLength: 12 }), (zone, instants) => {
        // One bucket set per zone for many instants far apart, as a CSV import uses it (its week starts widen).
        const months = new MonthBuckets(zone)
        for (const t of instants) {
          expect(months.week(t)).toBe(isoWeek(t, zone))
          expect(months.cohortKey(t)).toBe(`${new MonthIndex(zone, t, t).month(t)}|${isoWeek(t, zone)}`)
        }
      }),
      { numRuns: 60, seed: 20261207 },
    )
  }, 30_000)

  it('changes at local midnight on Monday, where that midnight exists', () => {
    const months = new MonthBuckets('America/New_York')
    const monday = Date.parse('2026-07-06T04:00:00Z') // 00:00 in New York (EDT)
    expect(months.cohortKey(monday - 1)).toBe('2026-07|2026-W27')
    expect(months.cohortKey(monday)).toBe('2026-07|2026-W28')
    // A week across a month's end is two pieces.
    expect(months.cohortKey(Date.parse('2026-07-31T12:00:00Z'))).toBe('2026-07|2026-W31')
    expect(months.cohortKey(Date.parse('2026-08-01T12:00:00Z'))).toBe('2026-08|2026-W31')
  })
})
