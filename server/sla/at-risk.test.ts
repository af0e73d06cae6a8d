import { describe, expect, it } from 'vitest'
import { atRiskClocks } from './at-risk.ts'
import { calendarFor } from './calendar.ts'
import { type SlaTicket, evaluateBatch } from './engine.ts'
import { DEMO_POLICY } from './policy.ts'

// DEMO_POLICY: America/New_York, Mon–Fri 08:00–18:00; P2 60/480 business minutes, P1 30/240 on the 24x7 clock.
const t = (local: string) => Date.parse(`2026-07-13T${local}:00-04:00`)
const p2 = (created: string, extra: Partial<SlaTicket> = {}): SlaTicket => ({ priority: 'P2', createdAt: t(created), firstResponseAt: null, resolvedAt: null, pauses: [], ...extra })

function atRisk(tickets: SlaTicket[], asOf: string, share = 0.75) {
  const policy = { ...DEMO_POLICY, atRiskShare: share }
  const table = evaluateBatch(calendarFor(policy), policy, tickets, t(asOf))
  return atRiskClocks(
    table,
    tickets.map((x) => x.priority),
    policy,
  )
}

describe('atRiskClocks', () => {
  it('takes a pending clock from the instant it has used the share of its budget, not a minute before', () => {
    expect(atRisk([p2('09:00')], '09:44')).toEqual([])
    expect(atRisk([p2('09:00')], '09:45')).toEqual([{ row: 0, metric: 'response', usedShare: 0.75, dueAt: t('10:00'), elapsedMinutes: 45, targetMinutes: 60 }])
  })

  it('drops a clock once it is decided, met or breached', () => {
    expect(atRisk([p2('09:00', { firstResponseAt: t('09:50') })], '09:55')).toEqual([])
    expect(atRisk([p2('09:00')], '10:01')).toEqual([])
  })

  it('honours the policy’s share and sorts soonest due first, held clocks last', () => {
    const tickets = [
      p2('08:00', { firstResponseAt: t('08:10') }), // resolution 480 from 08:00, due 16:00; at 13:00, 300 used (62.5%)
      p2('09:00', { firstResponseAt: t('09:05'), pauses: [[t('12:00'), null]] }), // held at 180 of 480 (37.5%)
      p2('12:40'), // response 20 of 60 (33%), due 13:40
    ]
    expect(atRisk(tickets, '13:00', 0.3).map((c) => [c.row, c.metric, c.dueAt])).toEqual([
      [2, 'response', t('13:40')],
      [0, 'resolution', t('16:00')],
      [1, 'resolution', null],
    ])
    expect(atRisk(tickets, '13:00', 0.6).map((c) => [c.row, c.metric])).toEqual([[0, 'resolution']])
  })
})
