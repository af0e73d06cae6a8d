// The as-of thresholds against the engine (ADR 022 addendum): for random tickets, policies, pauses and as-of
// instants, the verdict, decided instant and at-risk flag read by comparison equal the engine's, exactly.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { atRiskClocks } from '../at-risk.ts'
import { calendarFor } from '../calendar.ts'
import { type SlaTicket, evaluateBatch, evaluateTicket } from '../engine.ts'
import { DAY, HOUR, MINUTE, split, sundays, t } from '../engine.test-kit.ts'
import { DEMO_POLICY, type Priority, type SlaPolicy } from '../policy.ts'
import { type ClockThresholds, asOfThresholds, atRiskBudgetMs } from './as-of-thresholds.ts'

const START = t('2026-01-01T00:00:00-05:00')
// Whole and fractional minutes, some the length of a business window (600 = 08:00–18:00, 240 = 08:00–12:00).
const minutes = fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.constantFrom(0.1, 0.7, 1 / 3, 59.99, 100 / 3, 240, 480, 600, 1200, 0.5))
const targets = fc.record({ responseMinutes: minutes, resolutionMinutes: minutes, clock: fc.constantFrom<'24x7' | 'business'>('24x7', 'business') })
const policyArb = fc
  .tuple(fc.constantFrom(DEMO_POLICY, split, sundays), targets, targets, fc.oneof(fc.constantFrom(0.75, 0.5, 0.05, 0.99, 0.9), fc.double({ min: 0.05, max: 0.99, noNaN: true })))
  .map(([base, a, b, share]): SlaPolicy => ({ ...base, targets: { ...base.targets, P1: a, P2: b }, atRiskShare: share }))
// Created on the hour half the time (a budget of whole windows then runs out exactly at a window's end).
const ticketArb = fc
  .record({
    priority: fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4'),
    created: fc.oneof(fc.integer({ min: 0, max: 365 * DAY }), fc.integer({ min: 0, max: 365 * 24 }).map((h) => h * HOUR)),
    response: fc.option(fc.integer({ min: -HOUR, max: 4 * DAY }), { nil: null }),
    resolved: fc.option(fc.integer({ min: -HOUR, max: 12 * DAY }), { nil: null }),
    pauses: fc.array(fc.tuple(fc.integer({ min: -2 * HOUR, max: 6 * DAY }), fc.option(fc.integer({ min: -HOUR, max: 3 * DAY }), { nil: null })), { maxLength: 3 }),
    unknown: fc.boolean(),
  })
  .map(
    (r): SlaTicket => ({
      priority: r.priority,
      createdAt: START + r.created,
      firstResponseAt: r.response === null ? null : START + r.created + r.response,
      resolvedAt: r.resolved === null ? null : START + r.created + r.resolved,
      pauses: r.pauses.map(([a, len]) => [START + r.created + a, len === null ? null : START + r.created + a + len] as const),
      completionUnknown: r.unknown,
    }),
  )

/** A clock as of asOf by comparison with its thresholds. */
function byThresholds(c: ClockThresholds, completion: number | null, asOf: number) {
  const done = completion !== null && completion <= asOf
  const end = done ? completion : asOf
  if (end >= c.breachFrom) return { verdict: 'breached', decidedAt: c.breachDecided, atRisk: false }
  if (done) return { verdict: 'met', decidedAt: completion, atRisk: false }
  return { verdict: 'pending', decidedAt: null, atRisk: asOf >= c.atRiskFrom }
}

function check(policy: SlaPolicy, x: SlaTicket, asOf: number) {
  const calendar = calendarFor(policy)
  const th = asOfThresholds(calendar, policy, x)
  const v = evaluateTicket(calendar, policy, x, asOf)
  const risk = atRiskClocks(evaluateBatch(calendar, policy, [x], asOf), [x.priority], policy)
  const r = byThresholds(th.response, x.firstResponseAt, asOf)
  const s = byThresholds(th.resolution, x.resolvedAt, asOf)
  expect({ verdict: r.verdict, decidedAt: r.decidedAt, atRisk: r.atRisk }).toEqual({ verdict: v.response.verdict, decidedAt: v.response.decidedAt, atRisk: risk.some((c) => c.metric === 'response') })
  expect({ verdict: s.verdict, decidedAt: s.decidedAt, atRisk: s.atRisk }).toEqual({ verdict: v.resolution.verdict, decidedAt: v.resolution.decidedAt, atRisk: risk.some((c) => c.metric === 'resolution') })
}

/** As-of instants worth trying: random ones and those next to each instant the engine or the thresholds name. */
function instants(policy: SlaPolicy, x: SlaTicket, offset: number): number[] {
  const calendar = calendarFor(policy)
  const th = asOfThresholds(calendar, policy, x)
  const late = evaluateTicket(calendar, policy, x, x.createdAt + 40 * DAY)
  const named = [
    th.response.breachFrom, th.response.atRiskFrom, th.response.breachDecided, th.resolution.breachFrom, th.resolution.atRiskFrom, th.resolution.breachDecided,
    late.response.dueAt, late.resolution.dueAt, late.response.decidedAt, late.resolution.decidedAt, x.firstResponseAt, x.resolvedAt,
    ...x.pauses.flatMap(([a, b]) => [a, b]),
  ].filter((n): n is number => n !== null && Number.isFinite(n))
  const out = [x.createdAt + offset, x.createdAt - 1, x.createdAt, x.createdAt + 40 * DAY]
  for (const n of named) for (const d of [-1, 0, 1]) out.push(Math.floor(n) + d, Math.ceil(n) + d)
  return out
}

describe('as-of thresholds', () => {
  it('give the engine’s verdict, decided instant and at-risk flag at every as-of (random tickets, policies, pauses)', () => {
    fc.assert(
      fc.property(policyArb, ticketArb, fc.integer({ min: 0, max: 20 * DAY }), (policy, x, offset) => {
        for (const asOf of instants(policy, x, offset)) check(policy, x, asOf)
      }),
      { numRuns: 400 },
    )
  })

  it('a budget that runs out exactly at a window’s end: breached only after the next window opens', () => {
    // Demo hours 08:00–18:00 New York; a 600-minute business resolution created Monday 08:00 runs out at 18:00.
    const policy: SlaPolicy = { ...DEMO_POLICY, targets: { ...DEMO_POLICY.targets, P3: { responseMinutes: 600, resolutionMinutes: 600, clock: 'business' } } }
    const x: SlaTicket = { priority: 'P3', createdAt: t('2026-03-02T08:00:00-05:00'), firstResponseAt: null, resolvedAt: null, pauses: [] }
    const th = asOfThresholds(calendarFor(policy), policy, x)
    expect(th.resolution.breachFrom).toBe(t('2026-03-03T08:00:00.001-05:00'))
    expect(th.resolution.breachDecided).toBe(t('2026-03-03T08:00:00-05:00'))
    expect(th.resolution.atRiskFrom).toBe(t('2026-03-02T15:30:00-05:00'))
    for (const asOf of [t('2026-03-02T18:00:00-05:00'), t('2026-03-02T23:00:00-05:00'), t('2026-03-03T08:00:00-05:00'), t('2026-03-03T08:00:00.001-05:00')]) check(policy, x, asOf)
    // Resolved at 18:00 exactly, or the next morning before any business time passed: met.
    check(policy, { ...x, resolvedAt: t('2026-03-02T18:00:00-05:00') }, t('2026-03-04T00:00:00-05:00'))
    check(policy, { ...x, resolvedAt: t('2026-03-03T08:00:00-05:00') }, t('2026-03-04T00:00:00-05:00'))
  })

  it('a clock held by an open pause: at risk or not by what it had used when the pause began, never breached', () => {
    const policy: SlaPolicy = { ...DEMO_POLICY, targets: { ...DEMO_POLICY.targets, P1: { responseMinutes: 30, resolutionMinutes: 240, clock: '24x7' } } }
    const created = t('2026-05-04T10:00:00Z')
    for (const usedMinutes of [179, 180, 181, 240, 241]) {
      const x: SlaTicket = { priority: 'P1', createdAt: created, firstResponseAt: created + MINUTE, resolvedAt: null, pauses: [[created + usedMinutes * MINUTE, null]] }
      const th = asOfThresholds(calendarFor(policy), policy, x)
      expect(th.resolution.breachFrom === Number.POSITIVE_INFINITY).toBe(usedMinutes <= 240)
      for (const later of [0, 1, HOUR, 30 * DAY]) check(policy, x, created + usedMinutes * MINUTE + later)
    }
  })

  it('the at-risk budget is the least whole ms that passes the float test', () => {
    fc.assert(
      fc.property(minutes, fc.double({ min: 0.05, max: 0.99, noNaN: true }), (m, share) => {
        const k = atRiskBudgetMs(m, share)
        expect(k / MINUTE / m >= share).toBe(true)
        expect((k - 1) / MINUTE / m >= share).toBe(false)
      }),
    )
  })
})
