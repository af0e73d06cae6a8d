import { describe, expect, it } from 'vitest'
import { calendarFor } from './calendar.ts'
import { SlaEngine, evaluateTicket } from './engine.ts'
import { type Spec, evaluate, iso, split, sundays, t, ticket } from './engine.test-kit.ts'
import { DEMO_POLICY, type Priority } from './policy.ts'

describe('business clock', () => {
  it('starts a ticket created outside hours at the next window (Friday 20:00 → Monday 08:00)', () => {
    const v = evaluate({ priority: 'P2', created: '2026-07-10T20:00:00-04:00' }, '2026-07-12T12:00:00-04:00')
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-07-13T09:00:00-04:00')))
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-07-13T16:00:00-04:00')))
    expect(v.response).toMatchObject({ verdict: 'pending', elapsedMinutes: 0 })
  })

  it('skips a holiday as a whole local date (Thursday 2 July 17:30 + 60 min → Monday 6 July 08:30)', () => {
    const v = evaluate({ priority: 'P2', created: '2026-07-02T17:30:00-04:00' }, '2026-07-02T18:00:00-04:00')
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-07-06T08:30:00-04:00')))
  })

  it('does not start the clock on a holiday (created Friday 3 July 10:00 → due Monday 6 July 09:00)', () => {
    const v = evaluate({ priority: 'P2', created: '2026-07-03T10:00:00-04:00' }, '2026-07-03T17:00:00-04:00')
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-07-06T09:00:00-04:00')))
    expect(v.response.elapsedMinutes).toBe(0)
  })

  it('is due at the end of a window when the budget runs out exactly there (Monday 10:00 + 480 min → Monday 18:00)', () => {
    const v = evaluate({ priority: 'P2', created: '2026-07-13T10:00:00-04:00', resolved: '2026-07-13T18:00:00-04:00' }, '2026-07-14T12:00:00-04:00')
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-07-13T18:00:00-04:00')))
    expect(v.resolution).toMatchObject({ verdict: 'met', elapsedMinutes: 480 })
  })

  it('counts several windows a day and nothing between them (08–12 and 13–17: 11:30 + 60 min → 13:30)', () => {
    const v = evaluate({ priority: 'P2', created: '2026-07-13T11:30:00-04:00', response: '2026-07-13T13:30:00-04:00' }, '2026-07-14T00:00:00-04:00', split)
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-07-13T13:30:00-04:00')))
    expect(v.response).toMatchObject({ verdict: 'met', elapsedMinutes: 60 })
  })

  it('is due at the end of the morning window, not after lunch, when the budget runs out at 12:00', () => {
    const v = evaluate({ priority: 'P2', created: '2026-07-13T11:00:00-04:00' }, '2026-07-13T12:30:00-04:00', split)
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-07-13T12:00:00-04:00')))
    // Over lunch the clock stands at the target: not exceeded yet, so still pending.
    expect(v.response).toMatchObject({ verdict: 'pending', elapsedMinutes: 60, decidedAt: null })
    // Breached once the afternoon window runs, dated where the clock last stood at the target (13:00).
    const late = evaluate({ priority: 'P2', created: '2026-07-13T11:00:00-04:00' }, '2026-07-13T13:01:00-04:00', split)
    expect(late.response).toMatchObject({ verdict: 'breached', elapsedMinutes: 61, decidedAt: t('2026-07-13T13:00:00-04:00') })
  })

  it('keeps 08:00–18:00 local on the day daylight saving starts (Sunday 8 March: 10 business hours)', () => {
    const v = evaluate({ priority: 'P2', created: '2026-03-07T20:00:00-05:00' }, '2026-03-09T00:00:00-04:00', sundays)
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-03-08T09:00:00-04:00')))
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-03-08T16:00:00-04:00')))
    expect(v.response.elapsedMinutes).toBe(600)
  })

  it('keeps 08:00–18:00 local on the day daylight saving ends (Sunday 1 November: 10 business hours)', () => {
    const v = evaluate({ priority: 'P2', created: '2026-10-31T20:00:00-04:00' }, '2026-11-02T00:00:00-05:00', sundays)
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-11-01T09:00:00-05:00')))
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-11-01T16:00:00-05:00')))
    expect(v.response.elapsedMinutes).toBe(600)
  })
})

describe('24x7 clock', () => {
  it('counts real time across the spring-forward night (00:30 EST + 240 min → 05:30 EDT; that Sunday is 23 hours)', () => {
    const v = evaluate({ priority: 'P1', created: '2026-03-08T00:30:00-05:00' }, '2026-03-09T00:30:00-04:00')
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-03-08T01:00:00-05:00')))
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-03-08T05:30:00-04:00')))
    expect(v.resolution.elapsedMinutes).toBe(23 * 60)
  })

  it('counts real time across the fall-back night (00:30 EDT + 240 min → 03:30 EST; that Sunday is 25 hours)', () => {
    const v = evaluate({ priority: 'P1', created: '2026-11-01T00:30:00-04:00' }, '2026-11-02T00:30:00-05:00')
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-11-01T03:30:00-05:00')))
    expect(v.resolution.elapsedMinutes).toBe(25 * 60)
  })

  it('ignores business hours and holidays (holiday 23:50 → 00:25 is 35 minutes, breached at 00:20)', () => {
    const v = evaluate({ priority: 'P1', created: '2026-07-03T23:50:00-04:00', response: '2026-07-04T00:25:00-04:00' }, '2026-07-05T00:00:00-04:00')
    expect(v.response).toMatchObject({ verdict: 'breached', elapsedMinutes: 35, decidedAt: t('2026-07-04T00:20:00-04:00') })
  })
})

describe('pauses', () => {
  // P2 created Monday 13 July 14:00: 480 business minutes of resolution.
  const created = '2026-07-13T14:00:00-04:00'
  const asOf = '2026-07-20T00:00:00-04:00'

  it('subtract the business time inside a pause spanning a night and push the due instant (Mon 17:00 → Tue 10:00 holds 180 min)', () => {
    const v = evaluate({ priority: 'P2', created, resolved: '2026-07-14T15:00:00-04:00', pauses: [['2026-07-13T17:00:00-04:00', '2026-07-14T10:00:00-04:00']] }, asOf)
    // Monday 14–17 active (180), paused 17–18 and 08–10 (180), then 300 more from Tuesday 10:00 → 15:00.
    expect(v.resolution).toMatchObject({ pausedMinutes: 180, elapsedMinutes: 480, verdict: 'met' })
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-07-14T15:00:00-04:00')))
  })

  it('subtract nothing on a business clock when they fall outside business hours (19:00 → 07:00)', () => {
    const v = evaluate({ priority: 'P2', created, resolved: '2026-07-14T12:00:00-04:00', pauses: [['2026-07-13T19:00:00-04:00', '2026-07-14T07:00:00-04:00']] }, asOf)
    expect(v.resolution).toMatchObject({ pausedMinutes: 0, elapsedMinutes: 240 + 240 })
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-07-14T12:00:00-04:00')))
  })

  it('subtract their real length on a 24x7 clock (P1 17:00, paused 19:00 → 07:00: due 09:00 next day)', () => {
    const v = evaluate({ priority: 'P1', created: '2026-07-13T17:00:00-04:00', pauses: [['2026-07-13T19:00:00-04:00', '2026-07-14T07:00:00-04:00']] }, '2026-07-14T08:00:00-04:00')
    expect(v.resolution).toMatchObject({ pausedMinutes: 720, elapsedMinutes: 180, verdict: 'pending' })
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-07-14T09:00:00-04:00')))
  })

  it('never hold the response clock', () => {
    const v = evaluate({ priority: 'P2', created, response: '2026-07-14T09:00:00-04:00', pauses: [['2026-07-13T14:10:00-04:00', '2026-07-14T10:00:00-04:00']] }, asOf)
    expect(iso(v.response.dueAt)).toBe(iso(t('2026-07-13T15:00:00-04:00')))
    expect(v.response).toMatchObject({ elapsedMinutes: 240 + 60, verdict: 'breached' })
  })

  it('are merged where they overlap, so no minute is subtracted twice (15:00–16:00 and 15:30–16:30 hold 90 min)', () => {
    const v = evaluate(
      { priority: 'P2', created, resolved: '2026-07-13T17:00:00-04:00', pauses: [['2026-07-13T15:00:00-04:00', '2026-07-13T16:00:00-04:00'], ['2026-07-13T15:30:00-04:00', '2026-07-13T16:30:00-04:00']] },
      asOf,
    )
    expect(v.resolution).toMatchObject({ pausedMinutes: 90, elapsedMinutes: 90 })
  })

  it('may come in any order', () => {
    const pauses: Spec['pauses'] = [
      ['2026-07-14T09:00:00-04:00', '2026-07-14T09:30:00-04:00'],
      ['2026-07-13T15:00:00-04:00', '2026-07-13T16:00:00-04:00'],
      ['2026-07-13T15:45:00-04:00', '2026-07-13T15:50:00-04:00'],
    ]
    const shuffled = evaluate({ priority: 'P2', created, pauses }, asOf)
    const sorted = evaluate({ priority: 'P2', created, pauses: [pauses[1], pauses[2], pauses[0]] }, asOf)
    expect(shuffled).toEqual(sorted)
    expect(sorted.resolution.pausedMinutes).toBe(90)
  })

  it('are clipped to the ticket: nothing before creation or after resolution counts', () => {
    const v = evaluate(
      {
        priority: 'P2',
        created,
        resolved: '2026-07-13T17:00:00-04:00',
        pauses: [['2026-07-13T13:00:00-04:00', '2026-07-13T14:30:00-04:00'], ['2026-07-13T16:30:00-04:00', '2026-07-15T12:00:00-04:00']],
      },
      asOf,
    )
    expect(v.resolution).toMatchObject({ pausedMinutes: 30 + 30, elapsedMinutes: 120 })
  })

  it('hold an open ticket’s clock while one is open: no due instant, pending however late it gets', () => {
    const spec: Spec = { priority: 'P2', created, pauses: [['2026-07-13T15:00:00-04:00', null]] }
    for (const asOf of ['2026-07-13T16:00:00-04:00', '2026-08-31T12:00:00-04:00']) {
      expect(evaluate(spec, asOf).resolution).toMatchObject({ verdict: 'pending', dueAt: null, decidedAt: null, elapsedMinutes: 60 })
    }
  })

  it('do not save a ticket whose budget ran out before the open pause began', () => {
    const v = evaluate({ priority: 'P2', created, pauses: [['2026-07-15T09:00:00-04:00', null]] }, asOf)
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-07-14T12:00:00-04:00')))
    expect(v.resolution).toMatchObject({ verdict: 'breached', decidedAt: t('2026-07-14T12:00:00-04:00') })
  })

  it('end an open pause at resolution for a resolved ticket', () => {
    const v = evaluate({ priority: 'P2', created, resolved: '2026-07-14T09:00:00-04:00', pauses: [['2026-07-13T17:00:00-04:00', null]] }, asOf)
    expect(v.resolution).toMatchObject({ pausedMinutes: 60 + 60, elapsedMinutes: 180, verdict: 'met' })
    expect(iso(v.resolution.dueAt)).toBe(iso(t('2026-07-14T14:00:00-04:00')))
  })

  it('are seen as of asOf: one recorded to end later is still running, one starting later has not begun', () => {
    const pauses: Spec['pauses'] = [['2026-07-13T15:00:00-04:00', '2026-07-13T16:00:00-04:00'], ['2026-07-13T17:00:00-04:00', '2026-07-14T10:00:00-04:00']]
    const during = evaluate({ priority: 'P2', created, pauses }, '2026-07-13T17:30:00-04:00')
    expect(during.resolution).toMatchObject({ verdict: 'pending', dueAt: null, pausedMinutes: 60 + 30, elapsedMinutes: 120 })
    const before = evaluate({ priority: 'P2', created, pauses }, '2026-07-13T16:30:00-04:00')
    expect(before.resolution).toMatchObject({ pausedMinutes: 60, elapsedMinutes: 90 })
    // Monday 14–15 active (60), 15–16 paused, then 420 more: Monday 16–18 (120) and Tuesday 08:00–13:00.
    expect(iso(before.resolution.dueAt)).toBe(iso(t('2026-07-14T13:00:00-04:00')))
  })
})

describe('verdicts', () => {
  // P2 created Monday 13 July 09:00: response due 10:00.
  const created = '2026-07-13T09:00:00-04:00'

  it('leave an open ticket not yet due pending, with the elapsed time up to asOf', () => {
    const v = evaluate({ priority: 'P2', created }, '2026-07-13T09:59:00-04:00')
    expect(v.response).toMatchObject({ verdict: 'pending', decidedAt: null, elapsedMinutes: 59 })
  })

  it('leave an open ticket pending at the due instant itself', () => {
    expect(evaluate({ priority: 'P2', created }, '2026-07-13T10:00:00-04:00').response.verdict).toBe('pending')
  })

  it('breach an open ticket past its due instant, decided at the due instant', () => {
    const v = evaluate({ priority: 'P2', created }, '2026-07-13T10:01:00-04:00')
    expect(v.response).toMatchObject({ verdict: 'breached', decidedAt: t('2026-07-13T10:00:00-04:00'), elapsedMinutes: 61 })
  })

  it('meet a ticket completed exactly at its due instant, decided at completion', () => {
    const v = evaluate({ priority: 'P2', created, response: '2026-07-13T10:00:00-04:00' }, '2026-07-14T00:00:00-04:00')
    expect(v.response).toMatchObject({ verdict: 'met', elapsedMinutes: 60, decidedAt: t('2026-07-13T10:00:00-04:00') })
  })

  it('breach a ticket completed a minute late, decided at the due instant', () => {
    const v = evaluate({ priority: 'P2', created, response: '2026-07-13T10:01:00-04:00' }, '2026-07-14T00:00:00-04:00')
    expect(v.response).toMatchObject({ verdict: 'breached', elapsedMinutes: 61, decidedAt: t('2026-07-13T10:00:00-04:00') })
  })

  it('meet a ticket completed after hours with the clock at the target, however late in wall-clock time (issue 11 §3)', () => {
    // Due Monday 18:00 (the budget runs out at the window's end). Resolved at 19:00, or at Tuesday 08:00, the first
    // instant of the next window: elapsed is exactly 480 business minutes either way, so met.
    const created = '2026-07-13T10:00:00-04:00'
    for (const resolved of ['2026-07-13T19:00:00-04:00', '2026-07-14T08:00:00-04:00']) {
      const v = evaluate({ priority: 'P2', created, resolved }, '2026-07-15T00:00:00-04:00')
      expect(v.resolution).toMatchObject({ verdict: 'met', elapsedMinutes: 480, dueAt: t('2026-07-13T18:00:00-04:00'), decidedAt: t(resolved) })
    }
    // Open overnight it is pending, not breached, so no verdict turns from breached back to met as asOf moves on.
    expect(evaluate({ priority: 'P2', created }, '2026-07-13T18:30:00-04:00').resolution).toMatchObject({ verdict: 'pending', elapsedMinutes: 480 })
    expect(evaluate({ priority: 'P2', created }, '2026-07-14T08:00:00-04:00').resolution.verdict).toBe('pending')
    // A millisecond of business time later it is breached, decided at Tuesday 08:00.
    const late = evaluate({ priority: 'P2', created, resolved: '2026-07-14T08:00:00.001-04:00' }, '2026-07-15T00:00:00-04:00')
    expect(late.resolution).toMatchObject({ verdict: 'breached', decidedAt: t('2026-07-14T08:00:00-04:00') })
    expect(evaluate({ priority: 'P2', created }, '2026-07-14T08:01:00-04:00').resolution).toMatchObject({ verdict: 'breached', decidedAt: t('2026-07-14T08:00:00-04:00') })
  })

  it('meet a ticket resolved in a pause that began exactly when its budget ran out; breach it once the clock runs on', () => {
    // P2 Monday 10:00 + 240 business minutes = 14:00, then paused 14:00–16:00.
    const created = '2026-07-13T10:00:00-04:00'
    const pauses: Spec['pauses'] = [['2026-07-13T14:00:00-04:00', '2026-07-13T16:00:00-04:00']]
    const p2 = { ...DEMO_POLICY, targets: { ...DEMO_POLICY.targets, P2: { ...DEMO_POLICY.targets.P2, resolutionMinutes: 240 } } }
    const inPause = evaluate({ priority: 'P2', created, resolved: '2026-07-13T15:00:00-04:00', pauses }, '2026-07-14T00:00:00-04:00', p2)
    expect(inPause.resolution).toMatchObject({ verdict: 'met', elapsedMinutes: 240, dueAt: t('2026-07-13T14:00:00-04:00') })
    const after = evaluate({ priority: 'P2', created, resolved: '2026-07-13T16:30:00-04:00', pauses }, '2026-07-14T00:00:00-04:00', p2)
    expect(after.resolution).toMatchObject({ verdict: 'breached', elapsedMinutes: 270, decidedAt: t('2026-07-13T16:00:00-04:00') })
  })

  it('treat a completion recorded after asOf as not yet happened', () => {
    const spec: Spec = { priority: 'P2', created, response: '2026-07-13T09:30:00-04:00' }
    expect(evaluate(spec, '2026-07-13T09:20:00-04:00').response).toMatchObject({ verdict: 'pending', elapsedMinutes: 20 })
    expect(evaluate(spec, '2026-07-13T09:40:00-04:00').response).toMatchObject({ verdict: 'met', elapsedMinutes: 30 })
  })

  it('decide a late resolution crossing a quarter boundary at its due instant, in the earlier quarter', () => {
    // P3: 1440 business minutes from Monday 28 September 08:00 = Mon 600 + Tue 600 + Wed 240 → Wednesday 30 September 12:00.
    const v = evaluate({ priority: 'P3', created: '2026-09-28T08:00:00-04:00', resolved: '2026-10-02T10:00:00-04:00' }, '2026-10-05T00:00:00-04:00')
    // Resolved Friday 10:00: Monday to Thursday 4 × 600 plus Friday 120.
    expect(v.resolution).toMatchObject({ verdict: 'breached', elapsedMinutes: 4 * 600 + 120, decidedAt: t('2026-09-30T12:00:00-04:00') })
  })

  it('count a ticket created after asOf as not started', () => {
    const v = evaluate({ priority: 'P2', created }, '2026-07-13T08:00:00-04:00')
    expect(v.response).toMatchObject({ verdict: 'pending', elapsedMinutes: 0, dueAt: t('2026-07-13T10:00:00-04:00') })
  })

  it('keep fractional minutes unrounded (a response after 30 seconds is 0.5 min)', () => {
    const v = evaluate({ priority: 'P2', created, response: '2026-07-13T09:00:30-04:00' }, '2026-07-14T00:00:00-04:00')
    expect(v.response.elapsedMinutes).toBe(0.5)
  })

  it('report every field of both metrics', () => {
    // P3 resolution: 09–12 active (180), 12–13 paused, 13–18 (300), Tuesday (600), Wednesday 08:00–14:00 (360).
    const v = evaluate({ priority: 'P3', created, response: '2026-07-13T11:00:00-04:00', pauses: [['2026-07-13T12:00:00-04:00', '2026-07-13T13:00:00-04:00']] }, '2026-07-13T15:00:00-04:00')
    expect(v).toEqual({
      response: { verdict: 'met', dueAt: t('2026-07-13T13:00:00-04:00'), elapsedMinutes: 120, decidedAt: t('2026-07-13T11:00:00-04:00'), targetMinutes: 240, clock: 'business' },
      resolution: { verdict: 'pending', dueAt: t('2026-07-15T14:00:00-04:00'), elapsedMinutes: 300, pausedMinutes: 60, decidedAt: null, targetMinutes: 1440, clock: 'business', completionUnknown: false },
    })
  })

  it('refuse a priority the policy has no targets for', () => {
    expect(() => evaluateTicket(calendarFor(DEMO_POLICY), DEMO_POLICY, { ...ticket({ priority: 'P2', created }), priority: 'P9' as Priority }, t(created))).toThrow(RangeError)
  })
})


describe('a ticket finished at an unknown instant (issue 11 §4)', () => {
  it('is pending for good, never breached nor decided, however long ago it was created; a known completion wins', () => {
    const engine = new SlaEngine(DEMO_POLICY)
    const createdAt = Date.parse('2026-07-13T09:00:00-04:00')
    const later = Date.parse('2027-07-13T09:00:00-04:00')
    const closed = engine.evaluate({ priority: 'P2', createdAt, firstResponseAt: createdAt + 60_000, resolvedAt: null, pauses: [], completionUnknown: true }, later)
    expect(closed.resolution).toMatchObject({ verdict: 'pending', decidedAt: null, completionUnknown: true })
    const open = engine.evaluate({ priority: 'P2', createdAt, firstResponseAt: createdAt + 60_000, resolvedAt: null, pauses: [] }, later)
    expect(open.resolution).toMatchObject({ verdict: 'breached', completionUnknown: false })
    const resolved = engine.evaluate({ priority: 'P2', createdAt, firstResponseAt: createdAt + 60_000, resolvedAt: createdAt + 3_600_000, pauses: [], completionUnknown: true }, later)
    expect(resolved.resolution).toMatchObject({ verdict: 'met', completionUnknown: false })
  })
})
