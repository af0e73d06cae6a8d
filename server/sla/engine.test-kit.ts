// Shared by the engine's example tests (engine.test.ts) and its property tests (engine.properties.test.ts).
import { calendarFor } from './calendar.ts'
import { type SlaTicket, evaluateTicket } from './engine.ts'
import { DEMO_POLICY, type Priority, type SlaPolicy } from './policy.ts'
// The demo policy: Mon–Fri 08:00–18:00 America/New_York, holidays 3 July and 25 December 2026.
// P1 30/240 min 24x7; P2 60/480, P3 240/1440, P4 480/3000 business minutes (response/resolution).

export const t = (iso: string) => Date.parse(iso)
export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export interface Spec {
  priority: Priority
  created: string
  response?: string
  resolved?: string
  pauses?: Array<[string, string | null]>
}
export const ticket = (s: Spec): SlaTicket => ({
  priority: s.priority,
  createdAt: t(s.created),
  firstResponseAt: s.response ? t(s.response) : null,
  resolvedAt: s.resolved ? t(s.resolved) : null,
  pauses: (s.pauses ?? []).map(([a, b]) => [t(a), b === null ? null : t(b)] as const),
})
export const evaluate = (s: Spec, asOf: string, policy: SlaPolicy = DEMO_POLICY) => evaluateTicket(calendarFor(policy), policy, ticket(s), t(asOf))

export const withHours = (hours: Partial<SlaPolicy['businessHours']>): SlaPolicy => ({ ...DEMO_POLICY, businessHours: { ...DEMO_POLICY.businessHours, ...hours } })
export const split = withHours(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['08:00', '12:00'], ['13:00', '17:00']]])))
export const sundays = withHours({ sun: [['08:00', '18:00']] })
