import { describe, expect, it } from 'vitest'
import { DEMO_POLICY, ZSlaPolicy } from './policy.ts'

const issues = (value: unknown) => {
  const r = ZSlaPolicy.safeParse(value)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}
const hours = (h: Record<string, unknown>) => ({ ...DEMO_POLICY, businessHours: { ...DEMO_POLICY.businessHours, ...h } })
const target = (priority: string, t: Record<string, unknown>) => ({
  ...DEMO_POLICY,
  targets: { ...DEMO_POLICY.targets, [priority]: { ...DEMO_POLICY.targets.P2, ...t } },
})

/** The example policy exactly as documented for the API. */
const DOCUMENTED = JSON.parse(`{ "name": "Standard", "timezone": "America/New_York",
  "businessHours": { "mon": [["08:00","18:00"]], "tue": [["08:00","18:00"]], "wed": [["08:00","18:00"]],
                     "thu": [["08:00","18:00"]], "fri": [["08:00","18:00"]], "sat": [], "sun": [] },
  "holidays": ["2026-07-03", "2026-12-25"],
  "pauseStatuses": ["Waiting on customer"],
  "targets": { "P1": { "responseMinutes": 30,  "resolutionMinutes": 240,  "clock": "24x7" },
               "P2": { "responseMinutes": 60,  "resolutionMinutes": 480,  "clock": "business" },
               "P3": { "responseMinutes": 240, "resolutionMinutes": 1440, "clock": "business" },
               "P4": { "responseMinutes": 480, "resolutionMinutes": 3000, "clock": "business" } } }`)

describe('ZSlaPolicy', () => {
  it('accepts the documented example, which is DEMO_POLICY without its metric targets', () => {
    const { metricTargets, ...rest } = DEMO_POLICY
    expect(ZSlaPolicy.parse(DOCUMENTED)).toEqual({ ...rest, metricTargets: [] })
    expect(issues(DEMO_POLICY)).toEqual([])
    expect(metricTargets).toEqual([{ metric: 'uptime', op: '>=', value: 99.9, period: 'month' }])
  })

  it('accepts several windows a day, touching windows and a window ending at 24:00', () => {
    expect(issues(hours({ mon: [['13:00', '17:00'], ['08:00', '12:00']], tue: [['08:00', '12:00'], ['12:00', '24:00']], sat: [['00:00', '24:00']] }))).toEqual([])
  })

  it('names an overlapping window by its day and index', () => {
    expect(issues(hours({ mon: [['08:00', '12:00'], ['11:00', '18:00']] }))).toEqual(['businessHours.mon.1: Overlaps 08:00–12:00'])
  })

  it('names the later window of an overlap whatever the order they are listed in', () => {
    expect(issues(hours({ wed: [['11:00', '18:00'], ['08:00', '12:00']] }))).toEqual(['businessHours.wed.0: Overlaps 08:00–12:00'])
  })

  it('names a window that does not end after it starts', () => {
    expect(issues(hours({ tue: [['18:00', '08:00']], thu: [['09:00', '09:00']] }))).toEqual([
      'businessHours.tue.0: A window must end after it starts',
      'businessHours.thu.0: A window must end after it starts',
    ])
  })

  it('names a time outside 00:00–24:00', () => {
    expect(issues(hours({ fri: [['08:00', '24:30']] }))).toEqual(['businessHours.fri.0.1: Use HH:MM from 00:00 to 24:00'])
    expect(issues(hours({ fri: [['8:00', '18:00']] }))).toEqual(['businessHours.fri.0.0: Use HH:MM from 00:00 to 24:00'])
  })

  it('names a missing weekday', () => {
    const { sun: _sun, ...days } = DEMO_POLICY.businessHours
    expect(issues({ ...DEMO_POLICY, businessHours: days })).toEqual(['businessHours.sun: Invalid input: expected array, received undefined'])
  })

  it('names an unknown timezone', () => {
    expect(issues({ ...DEMO_POLICY, timezone: 'Mars/Olympus' })).toEqual(['timezone: Unknown timezone: use an IANA name like America/New_York'])
  })

  it('names a priority without targets', () => {
    const { P3: _drop, ...targets } = DEMO_POLICY.targets
    expect(issues({ ...DEMO_POLICY, targets })).toEqual(['targets.P3: Invalid input: expected object, received undefined'])
  })

  it('names non-positive minutes', () => {
    expect(issues(target('P2', { responseMinutes: 0 }))).toEqual(['targets.P2.responseMinutes: Must be more than 0'])
    expect(issues(target('P4', { resolutionMinutes: -15 }))).toEqual(['targets.P4.resolutionMinutes: Must be more than 0'])
  })

  it('names an unknown clock', () => {
    expect(issues(target('P1', { clock: '9x5' }))).toEqual(['targets.P1.clock: Use "24x7" or "business"'])
  })

  it('names a holiday that is not a real date', () => {
    expect(issues({ ...DEMO_POLICY, holidays: ['2026-12-25', '2026-02-30', '2026-7-3'] })).toEqual(['holidays.1: Use YYYY-MM-DD', 'holidays.2: Use YYYY-MM-DD'])
  })

  it('refuses a business clock with no business hours at all', () => {
    const none = Object.fromEntries(Object.keys(DEMO_POLICY.businessHours).map((d) => [d, []]))
    expect(issues({ ...DEMO_POLICY, businessHours: none })).toEqual(
      ['P2', 'P3', 'P4'].map((p) => `targets.${p}.clock: A business clock needs business hours on at least one day`),
    )
  })

  describe('bounds (issue 13 D2)', () => {
    const empty = Object.fromEntries(Object.keys(DEMO_POLICY.businessHours).map((d) => [d, []]))
    const mondayOnly = (window: [string, string]) => ({ ...empty, mon: [window] })
    const allBusiness = (responseMinutes: number, resolutionMinutes: number) =>
      Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { responseMinutes, resolutionMinutes, clock: 'business' }]))

    it('refuses less than 1 business hour a week for a business clock (the 59 s explainTicket policy)', () => {
      const probe = { ...DEMO_POLICY, businessHours: mondayOnly(['08:00', '08:01']), targets: allBusiness(525_600, 525_600) }
      expect(issues(probe)).toEqual(['businessHours: At least 1 business hour a week (these windows add up to 1 minutes)'])
      expect(issues({ ...probe, businessHours: mondayOnly(['08:00', '08:59']), targets: allBusiness(60, 60) })).toEqual([
        'businessHours: At least 1 business hour a week (these windows add up to 59 minutes)',
      ])
    })

    it('accepts exactly 1 business hour a week with targets of a year of it (52 1/7 weeks × 60 = 3128 minutes)', () => {
      expect(issues({ ...DEMO_POLICY, businessHours: mondayOnly(['08:00', '09:00']), targets: allBusiness(3128, 3128) })).toEqual([])
    })

    it('names a business target above a year of the policy’s business time', () => {
      const over = { ...DEMO_POLICY, businessHours: mondayOnly(['08:00', '09:00']), targets: { ...DEMO_POLICY.targets, P3: { responseMinutes: 60, resolutionMinutes: 3129, clock: 'business' } } }
      expect(issues(over)).toEqual(["targets.P3.resolutionMinutes: At most a year of this policy's business time (3128 business minutes)"])
      // The demo hours (50 h a week) allow 156,428 business minutes; a 24x7 target stays capped at 525,600.
      expect(issues(target('P2', { resolutionMinutes: 156_428 }))).toEqual([])
      expect(issues(target('P2', { resolutionMinutes: 156_429 }))).toEqual(["targets.P2.resolutionMinutes: At most a year of this policy's business time (156428 business minutes)"])
      expect(issues(target('P1', { clock: '24x7', resolutionMinutes: 525_600 }))).toEqual([])
    })

    it('names a response target above the resolution target', () => {
      expect(issues(target('P2', { responseMinutes: 481, resolutionMinutes: 480 }))).toEqual(['targets.P2.responseMinutes: Must not exceed the resolution target'])
      expect(issues(target('P2', { responseMinutes: 480, resolutionMinutes: 480 }))).toEqual([])
    })

    it('keeps a 24x7-only policy valid without business hours', () => {
      const targets = Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { responseMinutes: 30, resolutionMinutes: 240, clock: '24x7' }]))
      expect(issues({ ...DEMO_POLICY, businessHours: empty, targets })).toEqual([])
    })

    it('reads the at-risk share with its default and names one out of range', () => {
      expect(ZSlaPolicy.parse(DOCUMENTED).atRiskShare).toBe(0.75)
      expect(issues({ ...DEMO_POLICY, atRiskShare: 1 })).toEqual(['atRiskShare: At most 0.99 (1 is the breach itself)'])
      expect(issues({ ...DEMO_POLICY, atRiskRecipients: ['alex@northwind.example', 'not an address'] })).toEqual(['atRiskRecipients.1: An e-mail address'])
    })
  })

  it('reads metric targets with defaults, any metric with its unit, and names what is missing', () => {
    expect(ZSlaPolicy.parse({ ...DOCUMENTED, metricTargets: [{ metric: 'backup_success', value: 98 }] }).metricTargets).toEqual([
      { metric: 'backup_success', op: '>=', value: 98, period: 'month' },
    ])
    expect(issues({ ...DEMO_POLICY, metricTargets: [{ metric: 'patch_compliance', op: '>=', value: 95, period: 'quarter' }, { metric: 'mttr', value: 1 }] })).toEqual([
      'metricTargets.1.unit: Give the unit of mttr (%, min, h, count…)',
    ])
    expect(ZSlaPolicy.parse({ ...DOCUMENTED, metricTargets: [{ metric: 'mttr', unit: 'min', op: '<=', value: 240 }] }).metricTargets).toEqual([
      { metric: 'mttr', unit: 'min', op: '<=', value: 240, period: 'month' },
    ])
    expect(issues({ ...DEMO_POLICY, metricTargets: [{ metric: 'uptime', value: 120 }, { metric: 'Bad Name', unit: 'x', value: 1 }] })).toEqual([
      'metricTargets.0.value: A percentage from 0 to 100',
      'metricTargets.1.metric: A short lower-case name like uptime or mean_time_to_patch_days',
    ])
  })
})
