import { describe, expect, it } from 'vitest'
import { DEMO_POLICY, ZSlaPolicy } from './policy.ts'

const issues = (value: unknown) => {
  const r = ZSlaPolicy.safeParse(value)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('ZSlaPolicy', () => {
  it('accepts the documented example', () => {
    expect(issues(DEMO_POLICY)).toEqual([])
  })
  it('names overlapping windows', () => {
    expect(issues({ ...DEMO_POLICY, businessHours: { ...DEMO_POLICY.businessHours, mon: [['08:00', '12:00'], ['11:00', '18:00']] } })).toEqual([
      'businessHours.mon.1: Overlaps 08:00–12:00',
    ])
  })
  it('names an unknown timezone', () => {
    expect(issues({ ...DEMO_POLICY, timezone: 'Mars/Olympus' })).toEqual(['timezone: Unknown timezone: use an IANA name like America/New_York'])
  })
  it('names a priority without targets', () => {
    const { P3: _drop, ...targets } = DEMO_POLICY.targets
    expect(issues({ ...DEMO_POLICY, targets })).toContain('targets.P3: Invalid input: expected object, received undefined')
  })
  it('names a window that ends before it starts and a bad holiday', () => {
    expect(issues({ ...DEMO_POLICY, holidays: ['2026-13-01'], businessHours: { ...DEMO_POLICY.businessHours, tue: [['18:00', '08:00']] } })).toEqual([
      'businessHours.tue.0: A window must end after it starts',
      'holidays.0: Use YYYY-MM-DD',
    ])
  })
  it('refuses a business clock with no business hours at all', () => {
    const none = Object.fromEntries(Object.keys(DEMO_POLICY.businessHours).map((d) => [d, []]))
    expect(issues({ ...DEMO_POLICY, businessHours: none })).toContain('targets.P2.clock: A business clock needs business hours on at least one day')
  })
})
