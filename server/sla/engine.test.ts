import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SlaEngine, type SlaTicket } from './engine.ts'
import { DEMO_POLICY, type SlaPolicy } from './policy.ts'

const t = (iso: string) => Date.parse(iso)
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
const engine = new SlaEngine(DEMO_POLICY)
const ticket = (o: Partial<SlaTicket> & Pick<SlaTicket, 'priority' | 'createdAt'>): SlaTicket => ({ firstResponseAt: null, resolvedAt: null, pauses: [], ...o })

describe('business clock', () => {
  it('starts a ticket created outside hours at the next window (Friday evening → Monday 08:00)', () => {
    const v = engine.evaluate(ticket({ priority: 'P2', createdAt: t('2026-07-10T20:00:00-04:00') }), t('2026-07-10T21:00:00-04:00'))
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-07-13T09:00:00-04:00')))
    expect(v.response.elapsedMinutes).toBe(0)
    expect(v.response.verdict).toBe('pending')
  })

  it('skips holidays as whole local dates (Thursday 17:30 + 60 min over the 3 July holiday → Monday 08:30)', () => {
    const v = engine.evaluate(ticket({ priority: 'P2', createdAt: t('2026-07-02T17:30:00-04:00') }), t('2026-07-02T18:00:00-04:00'))
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-07-06T08:30:00-04:00')))
  })

  it('is due at the end of a window when the budget runs out exactly there, not at the next start', () => {
    const v = engine.evaluate(ticket({ priority: 'P2', createdAt: t('2026-07-13T10:00:00-04:00') }), t('2026-07-13T10:00:00-04:00'))
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-07-13T18:00:00-04:00')))
  })

  it('counts several windows a day and nothing between them', () => {
    const split = new SlaEngine({ ...DEMO_POLICY, businessHours: { ...DEMO_POLICY.businessHours, mon: [['08:00', '12:00'], ['13:00', '17:00']] } })
    const v = split.evaluate(
      ticket({ priority: 'P2', createdAt: t('2026-07-13T11:30:00-04:00'), firstResponseAt: t('2026-07-13T13:30:00-04:00') }),
      t('2026-07-14T00:00:00-04:00'),
    )
    expect(v.response.elapsedMinutes).toBe(60)
    expect(v.response.verdict).toBe('met')
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-07-13T13:30:00-04:00')))
  })

  const sundayNight: SlaPolicy = { ...DEMO_POLICY, businessHours: { ...DEMO_POLICY.businessHours, sun: [['01:00', '05:00']] } }
  const dst = new SlaEngine(sundayNight)

  it('keeps local windows on the day daylight saving starts (01:00–05:00 local is 3 real hours)', () => {
    const v = dst.evaluate(ticket({ priority: 'P2', createdAt: t('2026-03-08T00:00:00-05:00'), firstResponseAt: t('2026-03-08T05:00:00-04:00') }), t('2026-03-09T00:00:00Z'))
    expect(v.response.elapsedMinutes).toBe(180)
    expect(dst.clockBetween('business', t('2026-03-08T00:00:00-05:00'), t('2026-03-08T12:00:00-04:00'))).toBe(180 * 60_000)
  })

  it('keeps local windows on the day daylight saving ends (01:00–05:00 local is 5 real hours)', () => {
    expect(dst.clockBetween('business', t('2026-11-01T00:00:00-04:00'), t('2026-11-01T12:00:00-05:00'))).toBe(300 * 60_000)
  })
})

describe('24x7 clock', () => {
  it('counts real elapsed time across the spring-forward night (4 h from 00:00 EST is 05:00 EDT)', () => {
    const v = engine.evaluate(ticket({ priority: 'P1', createdAt: t('2026-03-08T00:00:00-05:00') }), t('2026-03-08T00:00:00-05:00'))
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-03-08T05:00:00-04:00')))
  })

  it('counts real elapsed time across the fall-back night (4 h from 00:00 EDT is 03:00 EST)', () => {
    const v = engine.evaluate(ticket({ priority: 'P1', createdAt: t('2026-11-01T00:00:00-04:00') }), t('2026-11-01T00:00:00-04:00'))
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-11-01T03:00:00-05:00')))
  })

  it('ignores business hours and holidays', () => {
    const v = engine.evaluate(
      ticket({ priority: 'P1', createdAt: t('2026-07-03T23:50:00-04:00'), firstResponseAt: t('2026-07-04T00:25:00-04:00') }),
      t('2026-07-05T00:00:00-04:00'),
    )
    expect(v.response.elapsedMinutes).toBe(35)
    expect(v.response.verdict).toBe('breached')
    expect(iso(v.response.decidedAt)).toBe(iso(t('2026-07-04T00:20:00-04:00')))
  })
})

describe('pauses', () => {
  const created = t('2026-07-13T14:00:00-04:00')
  const overnight: SlaTicket['pauses'] = [[t('2026-07-13T17:00:00-04:00'), t('2026-07-14T10:00:00-04:00')]]

  it('subtract the business time inside a pause spanning a night, and push the due instant', () => {
    const v = engine.evaluate(ticket({ priority: 'P2', createdAt: created, resolvedAt: t('2026-07-14T15:00:00-04:00'), pauses: overnight }), t('2026-07-20T00:00:00Z'))
    expect(v.resolution.pausedMinutes).toBe(180)
    expect(v.resolution.elapsedMinutes).toBe(480)
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-07-14T15:00:00-04:00')))
    expect(v.resolution.verdict).toBe('met')
  })

  it('subtract nothing when they fall outside business hours', () => {
    const night: SlaTicket['pauses'] = [[t('2026-07-13T19:00:00-04:00'), t('2026-07-14T07:00:00-04:00')]]
    const v = engine.evaluate(ticket({ priority: 'P2', createdAt: created, resolvedAt: t('2026-07-14T12:00:00-04:00'), pauses: night }), t('2026-07-20T00:00:00Z'))
    expect(v.resolution.pausedMinutes).toBe(0)
    expect(v.resolution.elapsedMinutes).toBe(240 + 240)
  })

  it('never pause the response clock', () => {
    const v = engine.evaluate(
      ticket({ priority: 'P2', createdAt: created, firstResponseAt: t('2026-07-14T09:00:00-04:00'), pauses: overnight }),
      t('2026-07-20T00:00:00Z'),
    )
    expect(v.response.elapsedMinutes).toBe(240 + 60)
    expect(v.response.verdict).toBe('breached')
  })

  it('hold the resolution clock while a pause is open: no due instant, pending', () => {
    const v = engine.evaluate(ticket({ priority: 'P2', createdAt: created, pauses: [[t('2026-07-13T15:00:00-04:00'), null]] }), t('2026-07-20T00:00:00Z'))
    expect(v.resolution.dueAt).toBeNull()
    expect(v.resolution.verdict).toBe('pending')
    expect(v.resolution.elapsedMinutes).toBe(60)
  })
})

describe('verdicts', () => {
  const created = t('2026-07-13T09:00:00-04:00') // P2 response due 10:00

  it('leave an open ticket pending before its due instant', () => {
    const v = engine.evaluate(ticket({ priority: 'P2', createdAt: created }), t('2026-07-13T09:59:00-04:00'))
    expect(v.response).toMatchObject({ verdict: 'pending', decidedAt: null, elapsedMinutes: 59 })
  })

  it('breach an open ticket past its due instant, decided at the due instant', () => {
    const v = engine.evaluate(ticket({ priority: 'P2', createdAt: created }), t('2026-07-13T10:01:00-04:00'))
    expect(v.response.verdict).toBe('breached')
    expect(iso(v.response.decidedAt)).toBe(iso(t('2026-07-13T10:00:00-04:00')))
  })

  it('meet a ticket completed exactly on target, decided at completion', () => {
    const v = engine.evaluate(ticket({ priority: 'P2', createdAt: created, firstResponseAt: t('2026-07-13T10:00:00-04:00') }), t('2026-07-14T00:00:00Z'))
    expect(v.response).toMatchObject({ verdict: 'met', elapsedMinutes: 60, decidedAt: t('2026-07-13T10:00:00-04:00') })
  })

  it('decide a late resolution crossing a quarter boundary at its due instant, in the earlier quarter', () => {
    // P3: 1440 business minutes = 2.4 business days from Monday 28 September 08:00 → Wednesday 30 September 12:00.
    const v = engine.evaluate(
      ticket({ priority: 'P3', createdAt: t('2026-09-28T08:00:00-04:00'), resolvedAt: t('2026-10-02T10:00:00-04:00') }),
      t('2026-10-05T00:00:00Z'),
    )
    expect(v.resolution.verdict).toBe('breached')
    expect(iso(v.resolution.decidedAt)).toBe(iso(t('2026-09-30T12:00:00-04:00')))
  })

  it('treat completions after the as-of instant as not yet happened', () => {
    const v = engine.evaluate(ticket({ priority: 'P2', createdAt: created, firstResponseAt: t('2026-07-13T09:30:00-04:00') }), t('2026-07-13T09:20:00-04:00'))
    expect(v.response.verdict).toBe('pending')
  })
})

describe('properties', () => {
  const day = 86_400_000
  const base = t('2026-06-01T00:00:00Z')
  const instant = fc.integer({ min: 0, max: 120 * day }).map((x) => base + x)

  it('elapsed business time never decreases as the end moves later', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const [start, e1, e2] = [a, b, c].sort((x, y) => x - y)
        return engine.clockBetween('business', start, e1) <= engine.clockBetween('business', start, e2)
      }),
    )
  })

  it('a pause never increases elapsed resolution time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 * day }), fc.integer({ min: 0, max: 10 * day }), fc.integer({ min: 1, max: 5 * day }), fc.constantFrom('P1', 'P2', 'P3', 'P4'), (created, life, offset, length, priority) => {
        const resolvedAt = created + life
        const without = engine.evaluate(ticket({ priority: priority as 'P1', createdAt: created, resolvedAt }), resolvedAt)
        const pause = [[created + offset, created + offset + length]] as const
        const withPause = engine.evaluate(ticket({ priority: priority as 'P1', createdAt: created, resolvedAt, pauses: pause }), resolvedAt)
        return withPause.resolution.elapsedMinutes <= without.resolution.elapsedMinutes + 1e-9
      }),
    )
  })

  it('the elapsed clock at the due instant equals the target', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom('P1', 'P2', 'P3', 'P4'), (created, priority) => {
        const v = engine.evaluate(ticket({ priority: priority as 'P1', createdAt: created }), created)
        const due = v.resolution.dueAt!
        const atDue = engine.evaluate(ticket({ priority: priority as 'P1', createdAt: created, resolvedAt: due }), due)
        return Math.abs(atDue.resolution.elapsedMinutes - v.resolution.targetMinutes) < 1e-6 && atDue.resolution.verdict === 'met'
      }),
    )
  })
})
