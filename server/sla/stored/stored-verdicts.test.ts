import { describe, expect, it } from 'vitest'
import { calendarFor } from '../calendar.ts'
import { evaluateTicket } from '../engine.ts'
import { DEMO_POLICY } from '../policy.ts'
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
