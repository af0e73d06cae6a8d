// Properties of the SLA engine over random policies, tickets and instants, and batch evaluation against one at a time.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { calendarFor } from './calendar.ts'
import { SlaEngine, type SlaTicket, type TicketVerdict, VERDICTS, createVerdictTable, engineFor, evaluateBatch, evaluateColumns, evaluateTicket, evaluateTickets, verdictAt } from './engine.ts'
import { DAY, HOUR, split, sundays, t, ticket } from './engine.test-kit.ts'
import { DEMO_POLICY, type Priority, type SlaPolicy, ZSlaPolicy } from './policy.ts'

// Random tickets over 2026 (both daylight-saving changes included), with up to three pauses in any order.
const START = t('2026-01-01T00:00:00-05:00')
const priority = fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4')
const policies = fc.constantFrom(DEMO_POLICY, split, sundays)
const pauseArb = (open: boolean) =>
  fc.tuple(fc.integer({ min: -2 * HOUR, max: 6 * DAY }), open ? fc.option(fc.integer({ min: 0, max: 3 * DAY }), { nil: null }) : fc.integer({ min: 0, max: 3 * DAY }))
const ticketArb = (open = true) =>
  fc
    .record({
      priority,
      created: fc.integer({ min: 0, max: 365 * DAY }),
      response: fc.option(fc.integer({ min: 0, max: 4 * DAY }), { nil: null }),
      resolved: fc.option(fc.integer({ min: 0, max: 12 * DAY }), { nil: null }),
      pauses: fc.array(pauseArb(open), { maxLength: 3 }),
    })
    .map(
      (r): SlaTicket => ({
        priority: r.priority,
        createdAt: START + r.created,
        firstResponseAt: r.response === null ? null : START + r.created + r.response,
        resolvedAt: r.resolved === null ? null : START + r.created + r.resolved,
        pauses: r.pauses.map(([a, len]) => [START + r.created + a, len === null ? null : START + r.created + a + len] as const),
      }),
    )
const run = (policy: SlaPolicy, x: SlaTicket, asOf: number) => evaluateTicket(calendarFor(policy), policy, x, asOf)
const VERDICT_RANK = { pending: 0, met: 1, breached: 1 }

describe('properties', () => {
  it('elapsed time never decreases as asOf moves later', () => {
    fc.assert(
      fc.property(policies, ticketArb(), fc.integer({ min: 0, max: 15 * DAY }), fc.integer({ min: 0, max: 5 * DAY }), (policy, x, a, step) => {
        const early = run(policy, x, x.createdAt + a)
        const late = run(policy, x, x.createdAt + a + step)
        expect(late.response.elapsedMinutes).toBeGreaterThanOrEqual(early.response.elapsedMinutes)
        expect(late.resolution.elapsedMinutes).toBeGreaterThanOrEqual(early.resolution.elapsedMinutes)
      }),
    )
  })

  it('elapsed time never decreases as the completion moves later', () => {
    fc.assert(
      fc.property(policies, ticketArb(), fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 0, max: 5 * DAY }), (policy, x, r, step) => {
        const asOf = x.createdAt + 30 * DAY
        const early = run(policy, { ...x, firstResponseAt: x.createdAt + r, resolvedAt: x.createdAt + r }, asOf)
        const late = run(policy, { ...x, firstResponseAt: x.createdAt + r + step, resolvedAt: x.createdAt + r + step }, asOf)
        expect(late.response.elapsedMinutes).toBeGreaterThanOrEqual(early.response.elapsedMinutes)
        expect(late.resolution.elapsedMinutes).toBeGreaterThanOrEqual(early.resolution.elapsedMinutes)
      }),
    )
  })

  it('adding a pause never increases elapsed resolution time', () => {
    fc.assert(
      fc.property(policies, ticketArb(), pauseArb(true), fc.integer({ min: 0, max: 20 * DAY }), (policy, x, [a, len], asOfOffset) => {
        const extra = [x.createdAt + a, len === null ? null : x.createdAt + a + len] as const
        const asOf = x.createdAt + asOfOffset
        const without = run(policy, x, asOf)
        const withPause = run(policy, { ...x, pauses: [...x.pauses, extra] }, asOf)
        expect(withPause.resolution.elapsedMinutes).toBeLessThanOrEqual(without.resolution.elapsedMinutes)
        expect(withPause.resolution.pausedMinutes).toBeGreaterThanOrEqual(without.resolution.pausedMinutes)
      }),
    )
  })

  it('the elapsed clock reaches the target exactly at dueAt, and not a millisecond before', () => {
    fc.assert(
      fc.property(policies, ticketArb(false), (policy, x) => {
        const open = { ...x, firstResponseAt: null, resolvedAt: null }
        const v = run(policy, open, x.createdAt + 60 * DAY)
        for (const metric of ['response', 'resolution'] as const) {
          const due = v[metric].dueAt!
          expect(Math.abs(run(policy, open, due)[metric].elapsedMinutes - v[metric].targetMinutes)).toBeLessThan(1e-6)
          expect(run(policy, open, due - 1)[metric].elapsedMinutes).toBeLessThan(v[metric].targetMinutes)
        }
      }),
    )
  })

  it('a decided verdict never changes as asOf moves later', () => {
    fc.assert(
      fc.property(policies, ticketArb(), fc.integer({ min: 0, max: 15 * DAY }), fc.integer({ min: 1, max: 10 * DAY }), (policy, x, a, step) => {
        const early = run(policy, x, x.createdAt + a)
        const late = run(policy, x, x.createdAt + a + step)
        for (const metric of ['response', 'resolution'] as const) {
          if (early[metric].verdict !== 'pending') {
            expect(late[metric].verdict).toBe(early[metric].verdict)
            expect(late[metric].decidedAt).toBe(early[metric].decidedAt)
          }
          expect(VERDICT_RANK[late[metric].verdict]).toBeGreaterThanOrEqual(VERDICT_RANK[early[metric].verdict])
        }
      }),
    )
  })

  it('one verdict rule: met ⇔ completed with elapsed ≤ target; breached ⇔ elapsed > target (issue 11 §3)', () => {
    fc.assert(
      fc.property(policies, ticketArb(), fc.integer({ min: 0, max: 20 * DAY }), (policy, x, a) => {
        const asOf = x.createdAt + a
        const v = run(policy, x, asOf)
        const completed = { response: x.firstResponseAt !== null && x.firstResponseAt <= asOf, resolution: x.resolvedAt !== null && x.resolvedAt <= asOf }
        for (const metric of ['response', 'resolution'] as const) {
          const m = v[metric]
          expect(m.verdict === 'met').toBe(completed[metric] && m.elapsedMinutes <= m.targetMinutes)
          expect(m.verdict === 'breached').toBe(m.elapsedMinutes > m.targetMinutes)
          if (m.verdict === 'met') expect(m.decidedAt).toBe(metric === 'response' ? x.firstResponseAt : x.resolvedAt)
          if (m.verdict === 'breached') {
            // Dated at the breach instant: at or after the due instant, and the clock still at the target there.
            expect(m.decidedAt!).toBeGreaterThanOrEqual(m.dueAt!)
            expect(m.decidedAt!).toBeLessThan(asOf)
            const open = { ...x, firstResponseAt: null, resolvedAt: null }
            expect(run(policy, open, m.decidedAt!)[metric].verdict).toBe('pending')
            expect(run(policy, open, m.decidedAt! + 1)[metric].verdict).toBe('breached')
          }
        }
      }),
    )
  })

  it('one verdict rule holds for random policies, targets and instants', () => {
    const windowArb = fc.tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 48 })).map(([a, len]) => [a * 30, Math.min(1440, a * 30 + len * 30)] as const)
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
    const dayArb = fc.option(windowArb, { nil: null }).map((w) => (w ? [[hhmm(w[0]), hhmm(w[1])] as [string, string]] : []))
    const policyArb = fc
      .record({
        timezone: fc.constantFrom('America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'),
        days: fc.array(dayArb, { minLength: 7, maxLength: 7 }),
        response: fc.integer({ min: 1, max: 3000 }),
        extra: fc.integer({ min: 0, max: 6000 }),
        clock: fc.constantFrom('24x7' as const, 'business' as const),
      })
      .filter((r) => r.days.some((d) => d.length > 0))
      .map((r): SlaPolicy => {
        const target = { responseMinutes: r.response, resolutionMinutes: r.response + r.extra, clock: r.clock }
        return {
          ...DEMO_POLICY,
          timezone: r.timezone,
          businessHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d, i) => [d, r.days[i]])) as SlaPolicy['businessHours'],
          targets: { P1: target, P2: target, P3: target, P4: target },
        }
      })
      // Only policies the policy bounds accept (at least an hour a week, targets within a year of business time).
      .filter((policy) => ZSlaPolicy.safeParse(policy).success)
    fc.assert(
      fc.property(policyArb, ticketArb(), fc.integer({ min: 0, max: 20 * DAY }), (policy, x, a) => {
        const asOf = x.createdAt + a
        const v = run(policy, x, asOf)
        const completed = { response: x.firstResponseAt !== null && x.firstResponseAt <= asOf, resolution: x.resolvedAt !== null && x.resolvedAt <= asOf }
        for (const metric of ['response', 'resolution'] as const) {
          const m = v[metric]
          expect(m.verdict === 'met').toBe(completed[metric] && m.elapsedMinutes <= m.targetMinutes)
          expect(m.verdict === 'breached').toBe(m.elapsedMinutes > m.targetMinutes)
        }
      }),
      { numRuns: 150 },
    )
  }, 60_000)
})

describe('batches', () => {
  const tickets = fc.sample(ticketArb(), { numRuns: 300, seed: 42 })
  const asOf = START + 200 * DAY
  const calendar = calendarFor(DEMO_POLICY)

  it('evaluateBatch writes the same verdicts as evaluateTicket, one row per ticket', () => {
    const table = evaluateBatch(calendar, DEMO_POLICY, tickets, asOf)
    expect(table.length).toBe(tickets.length)
    tickets.forEach((x, i) => expect(verdictAt(table, i, DEMO_POLICY, x.priority)).toEqual(evaluateTicket(calendar, DEMO_POLICY, x, asOf)))
    expect(VERDICTS[table.resolutionVerdict[0]]).toBe(evaluateTicket(calendar, DEMO_POLICY, tickets[0], asOf).resolution.verdict)
  })

  it('evaluateColumns writes the same table as evaluateBatch from the same tickets as columns (NaN for none)', () => {
    const columns = {
      length: tickets.length,
      priority: tickets.map((x) => x.priority),
      createdAt: Float64Array.from(tickets, (x) => x.createdAt),
      firstResponseAt: Float64Array.from(tickets, (x) => x.firstResponseAt ?? Number.NaN),
      resolvedAt: Float64Array.from(tickets, (x) => x.resolvedAt ?? Number.NaN),
      pauses: tickets.map((x) => (x.pauses.length ? x.pauses : null)),
    }
    expect(tickets.some((x) => x.pauses.length > 0) && tickets.some((x) => x.resolvedAt === null)).toBe(true)
    expect(evaluateColumns(calendar, DEMO_POLICY, columns, asOf)).toEqual(evaluateBatch(calendar, DEMO_POLICY, tickets, asOf))
    expect(() => evaluateColumns(calendar, DEMO_POLICY, columns, asOf, createVerdictTable(5))).toThrow(RangeError)
  })

  it('evaluateBatch reuses a large enough table and refuses a small one', () => {
    const table = createVerdictTable(tickets.length)
    expect(evaluateBatch(calendar, DEMO_POLICY, tickets.slice(0, 10), asOf, table)).toBe(table)
    expect(table.length).toBe(10)
    expect(() => evaluateBatch(calendar, DEMO_POLICY, tickets, asOf, createVerdictTable(5))).toThrow(RangeError)
  })

  it('evaluateTickets and the SlaEngine facade agree with evaluateTicket', () => {
    const expected: TicketVerdict[] = tickets.map((x) => evaluateTicket(calendar, DEMO_POLICY, x, asOf))
    expect(evaluateTickets(calendar, DEMO_POLICY, tickets, asOf)).toEqual(expected)
    const engine = new SlaEngine(DEMO_POLICY)
    expect(engine.evaluateAll(tickets, asOf)).toEqual(expected)
    expect(engine.evaluate(tickets[0], asOf)).toEqual(expected[0])
    expect(engine.calendar).toBe(calendar)
    expect(engineFor(DEMO_POLICY)).toBe(engineFor(DEMO_POLICY))
    expect(engine.clockBetween('24x7', t('2026-07-13T09:00:00-04:00'), t('2026-07-14T09:00:00-04:00'))).toBe(DAY)
    expect(engine.clockBetween('business', t('2026-07-13T09:00:00-04:00'), t('2026-07-14T09:00:00-04:00'))).toBe(10 * HOUR)
  })
})
