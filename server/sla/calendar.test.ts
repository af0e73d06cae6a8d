import fc from 'fast-check'
import { IANAZone } from 'luxon'
import { describe, expect, it } from 'vitest'
import { BusinessCalendar, CALENDAR_FROM_MS, CALENDAR_TO_MS, type CalendarPolicy, calendarFor } from './calendar.ts'
import { DEMO_POLICY, WEEKDAYS, minutesOfDay } from './policy.ts'

const t = (iso: string) => Date.parse(iso)
const iso = (ms: number) => new Date(ms).toISOString()
const MINUTE = 60_000
const minutes = (ms: number) => ms / MINUTE

const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } as CalendarPolicy['businessHours']
const policy = (businessHours: Partial<CalendarPolicy['businessHours']>, holidays: string[] = []): CalendarPolicy => ({
  timezone: 'America/New_York',
  businessHours: { ...closed, ...businessHours },
  holidays,
})

describe('BusinessCalendar: the demo policy (Mon–Fri 08:00–18:00 New York, holidays 3 July and 25 December)', () => {
  const cal = new BusinessCalendar(DEMO_POLICY)

  it('counts only time inside the windows (Monday 17:00 → Tuesday 09:00 is 2 business hours)', () => {
    expect(minutes(cal.between(t('2026-07-13T17:00:00-04:00'), t('2026-07-14T09:00:00-04:00')))).toBe(120)
  })

  it('counts nothing over a weekend (Friday 18:00 → Monday 08:00)', () => {
    expect(cal.between(t('2026-07-10T18:00:00-04:00'), t('2026-07-13T08:00:00-04:00'))).toBe(0)
  })

  it('is 0 when the end is not after the start', () => {
    expect(cal.between(t('2026-07-13T12:00:00-04:00'), t('2026-07-13T10:00:00-04:00'))).toBe(0)
  })

  it('skips a holiday as a whole local date (Thursday 2 July 17:00 → Monday 6 July 09:00 is 2 hours)', () => {
    expect(minutes(cal.between(t('2026-07-02T17:00:00-04:00'), t('2026-07-06T09:00:00-04:00')))).toBe(120)
  })

  it('finds the instant N business minutes later across a night (Monday 17:30 + 60 min → Tuesday 08:30)', () => {
    expect(iso(cal.after(t('2026-07-13T17:30:00-04:00'), 60 * MINUTE))).toBe(iso(t('2026-07-14T08:30:00-04:00')))
  })

  it('ends at the window end when the budget runs out exactly there (Monday 17:00 + 60 min → Monday 18:00)', () => {
    expect(iso(cal.after(t('2026-07-13T17:00:00-04:00'), 60 * MINUTE))).toBe(iso(t('2026-07-13T18:00:00-04:00')))
  })

  it('starts counting at the next window when the start is outside hours (Saturday + 1 min → Monday 08:01)', () => {
    expect(iso(cal.after(t('2026-07-11T12:00:00-04:00'), MINUTE))).toBe(iso(t('2026-07-13T08:01:00-04:00')))
  })

  it('returns the start itself for a budget of 0', () => {
    expect(cal.after(t('2026-07-11T12:00:00-04:00'), 0)).toBe(t('2026-07-11T12:00:00-04:00'))
  })

  it('finds the earliest instant at a position: the end of the window that reaches it, not the next start', () => {
    const mondayEnd = cal.position(t('2026-07-13T18:00:00-04:00'))
    expect(cal.position(t('2026-07-14T07:59:00-04:00'))).toBe(mondayEnd)
    expect(iso(cal.instantAt(mondayEnd))).toBe(iso(t('2026-07-13T18:00:00-04:00')))
  })

  it('lists the windows overlapping a range, clipped to it', () => {
    const windows = cal.windowsBetween(t('2026-07-02T17:00:00-04:00'), t('2026-07-06T09:00:00-04:00'))
    expect(windows.map(([a, b]) => [iso(a), iso(b)])).toEqual([
      [iso(t('2026-07-02T17:00:00-04:00')), iso(t('2026-07-02T18:00:00-04:00'))],
      [iso(t('2026-07-06T08:00:00-04:00')), iso(t('2026-07-06T09:00:00-04:00'))],
    ])
    expect(cal.windowsBetween(t('2026-07-13T08:00:00-04:00'), t('2026-07-31T18:00:00-04:00'), 3)).toHaveLength(3)
  })

  it('runs a long budget years ahead (525,600 business minutes = 876 ten-hour days from Monday 5 January 2026 08:00)', () => {
    const start = t('2026-01-05T08:00:00-05:00')
    const due = cal.after(start, 525_600 * MINUTE)
    expect(minutes(cal.between(start, due))).toBe(525_600)
    expect(new Date(due).getUTCFullYear()).toBe(2029)
  })
})

describe('BusinessCalendar: wall-clock windows on daylight-saving days (New York: 8 March and 1 November 2026)', () => {
  const sunday = (windows: Array<[string, string]>) => new BusinessCalendar(policy({ sun: windows }))
  // Business minutes of a Sunday: from Saturday 19:00/20:00 to Monday 07:00/08:00 local, so only Sunday counts.
  const day = (cal: BusinessCalendar, date: string) => minutes(cal.between(t(`${date}T00:00:00Z`), t(`${date}T12:00:00Z`) + 86_400_000))

  it('keeps 08:00–18:00 at 10 real hours on the spring-forward day', () => {
    const cal = sunday([['08:00', '18:00']])
    expect(day(cal, '2026-03-08')).toBe(600)
    expect(iso(cal.after(t('2026-03-08T00:00:00-05:00'), 60 * MINUTE))).toBe(iso(t('2026-03-08T09:00:00-04:00')))
  })

  it('keeps 08:00–18:00 at 10 real hours on the fall-back day', () => {
    const cal = sunday([['08:00', '18:00']])
    expect(day(cal, '2026-11-01')).toBe(600)
    expect(iso(cal.after(t('2026-11-01T00:00:00-04:00'), 60 * MINUTE))).toBe(iso(t('2026-11-01T09:00:00-05:00')))
  })

  it('makes 00:00–24:00 23 real hours on the spring-forward day and 25 on the fall-back day', () => {
    const cal = sunday([['00:00', '24:00']])
    expect(day(cal, '2026-03-08')).toBe(23 * 60)
    expect(day(cal, '2026-11-01')).toBe(25 * 60)
  })

  it('counts a window containing the jump at its real length (01:00–05:00 is 3 hours in spring, 5 in autumn)', () => {
    const cal = sunday([['01:00', '05:00']])
    expect(day(cal, '2026-03-08')).toBe(180)
    expect(day(cal, '2026-11-01')).toBe(300)
  })

  it('opens a window whose start is skipped by spring-forward at the jump (02:30 → 03:00 EDT)', () => {
    const cal = sunday([['02:30', '04:00']])
    expect(cal.windowsBetween(t('2026-03-08T00:00:00-05:00'), t('2026-03-09T00:00:00-04:00')).map(([a, b]) => [iso(a), iso(b)])).toEqual([
      [iso(t('2026-03-08T03:00:00-04:00')), iso(t('2026-03-08T04:00:00-04:00'))],
    ])
  })

  it('drops a window lying wholly inside the skipped hour (02:00–02:45 on 8 March)', () => {
    const cal = sunday([['02:00', '02:45']])
    expect(day(cal, '2026-03-08')).toBe(0)
    expect(day(cal, '2026-03-15')).toBe(45)
  })

  it('reads a repeated fall-back time as its first occurrence (01:30 EDT, not 01:30 EST)', () => {
    const cal = sunday([['01:30', '03:00']])
    expect(cal.windowsBetween(t('2026-11-01T00:00:00-04:00'), t('2026-11-02T00:00:00-05:00')).map(([a, b]) => [iso(a), iso(b)])).toEqual([
      [iso(t('2026-11-01T01:30:00-04:00')), iso(t('2026-11-01T03:00:00-05:00'))],
    ])
  })

  it('ends a 24:00 window at the next local midnight', () => {
    const cal = new BusinessCalendar(policy({ fri: [['20:00', '24:00']] }))
    expect(cal.windowsBetween(t('2026-07-10T00:00:00-04:00'), t('2026-07-12T00:00:00-04:00')).map(([a, b]) => [iso(a), iso(b)])).toEqual([
      [iso(t('2026-07-10T20:00:00-04:00')), iso(t('2026-07-11T00:00:00-04:00'))],
    ])
  })
})

describe('BusinessCalendar: construction and range', () => {
  it('counts several windows a day and nothing between them', () => {
    const cal = new BusinessCalendar(policy({ mon: [['13:00', '17:00'], ['08:00', '12:00']] }))
    expect(minutes(cal.between(t('2026-07-13T11:30:00-04:00'), t('2026-07-13T13:30:00-04:00')))).toBe(60)
    expect(iso(cal.after(t('2026-07-13T11:00:00-04:00'), 60 * MINUTE))).toBe(iso(t('2026-07-13T12:00:00-04:00')))
  })

  it('keeps positions comparable after extending backwards and forwards', () => {
    const cal = new BusinessCalendar(DEMO_POLICY)
    const a = t('2026-07-13T09:00:00-04:00')
    const b = t('2026-07-14T09:00:00-04:00')
    const before = [cal.position(a), cal.position(b)]
    cal.position(t('2019-01-01T00:00:00Z'))
    cal.position(t('2033-01-01T00:00:00Z'))
    expect([cal.position(a), cal.position(b)]).toEqual(before)
    expect(minutes(before[1] - before[0])).toBe(600)
  })

  it('answers the same whichever range was compiled first', () => {
    const forward = new BusinessCalendar(DEMO_POLICY)
    const backward = new BusinessCalendar(DEMO_POLICY)
    forward.cover(t('2024-01-01T00:00:00Z'), t('2024-01-02T00:00:00Z'))
    backward.cover(t('2028-01-01T00:00:00Z'), t('2028-01-02T00:00:00Z'))
    const a = t('2026-02-27T15:00:00-05:00')
    const b = t('2026-03-09T10:00:00-04:00')
    expect(forward.between(a, b)).toBe(backward.between(a, b))
    expect(forward.after(a, 3000 * MINUTE)).toBe(backward.after(a, 3000 * MINUTE))
  })

  it('refuses to wait for business time under a policy with no windows, and non-finite instants', () => {
    const cal = new BusinessCalendar(policy({}))
    expect(cal.between(t('2026-07-13T00:00:00Z'), t('2026-07-20T00:00:00Z'))).toBe(0)
    expect(() => cal.after(t('2026-07-13T00:00:00Z'), MINUTE)).toThrow(/no business hours/)
    expect(() => new BusinessCalendar(DEMO_POLICY).position(Number.NaN)).toThrow(RangeError)
  })

  it('refuses an unknown timezone', () => {
    expect(() => new BusinessCalendar({ ...DEMO_POLICY, timezone: 'Mars/Olympus' })).toThrow(/Unknown timezone/)
  })

  it('is cached per policy object, and per calendar definition across equal policies', () => {
    expect(calendarFor(DEMO_POLICY)).toBe(calendarFor(DEMO_POLICY))
    expect(calendarFor(structuredClone(DEMO_POLICY))).toBe(calendarFor(DEMO_POLICY))
    expect(calendarFor({ ...DEMO_POLICY, holidays: [] })).not.toBe(calendarFor(DEMO_POLICY))
  })
})

/**
 * The slow, obviously right answer: walk minute by minute, read the local wall clock and ask whether that minute
 * lies in a window of its local date. It agrees with the compiled calendar whenever no window boundary falls
 * strictly inside a repeated fall-back hour (where "the first 01:30" and "a wall clock reading ≥ 01:30" differ).
 */
function bruteForceMinutes(p: CalendarPolicy, from: number, to: number): number {
  const zone = IANAZone.create(p.timezone)
  const holidays = new Set(p.holidays)
  let count = 0
  let offsetBlock = Number.NaN
  let offset = 0
  for (let m = from; m < to; m += MINUTE) {
    // Offsets change on quarter hours at the finest, so one lookup per quarter hour is exact.
    const block = Math.floor(m / (15 * MINUTE))
    if (block !== offsetBlock) {
      offsetBlock = block
      offset = zone.offset(m) * MINUTE
    }
    const wall = new Date(m + offset)
    if (holidays.has(wall.toISOString().slice(0, 10))) continue
    const windows = p.businessHours[WEEKDAYS[(wall.getUTCDay() + 6) % 7]]
    const minute = wall.getUTCHours() * 60 + wall.getUTCMinutes()
    if (windows.some(([a, b]) => minute >= minutesOfDay(a) && minute < minutesOfDay(b))) count++
  }
  return count
}

describe('BusinessCalendar: properties', () => {
  const policies: CalendarPolicy[] = [
    DEMO_POLICY,
    policy({ mon: [['08:00', '12:00'], ['13:00', '17:30']], wed: [['00:00', '24:00']], sat: [['09:15', '11:45']], sun: [['00:00', '06:00'], ['20:00', '24:00']] }, ['2026-03-09', '2026-11-02']),
    { ...DEMO_POLICY, timezone: 'Asia/Kolkata' },
    { timezone: 'Australia/Lord_Howe', businessHours: { ...closed, sun: [['00:00', '24:00']], mon: [['01:00', '04:00']] }, holidays: [] },
  ]
  // Minute-aligned pairs of instants within three days of a change: New York's (8 March, 1 November) and Lord
  // Howe's half-hour ones (5 April, 4 October).
  const change = fc.constantFrom('2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z').map(t)
  const offset = fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }).map((m) => m * MINUTE)
  const range = fc.tuple(change, offset, offset).map(([c, x, y]) => (x <= y ? [c + x, c + y] : [c + y, c + x]))
  const calendars = policies.map((p) => new BusinessCalendar(p))

  it('agrees with a minute-by-minute count of wall-clock time inside the windows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: policies.length - 1 }), range, (i, [a, b]) => {
        expect(minutes(calendars[i].between(a, b))).toBe(bruteForceMinutes(policies[i], a, b))
      }),
      { numRuns: 80 },
    )
  })

  it('after() lands where between() reaches the budget, and never earlier', () => {
    const cal = calendars[1]
    fc.assert(
      fc.property(range, fc.integer({ min: 1, max: 5000 * MINUTE }), ([a], ms) => {
        const due = cal.after(a, ms)
        expect(cal.between(a, due)).toBe(ms)
        expect(cal.between(a, due - 1)).toBeLessThan(ms)
      }),
    )
  })
})

// An as-of in 9999 compiled every business day up to it (5.6 s, ~100 MB kept by the cache): the calendar answers only
// for the years the inputs keep to, with a margin, and refuses beyond rather than compile.
describe('BusinessCalendar: bounded years', () => {
  it('refuses an instant past its years at once, compiling nothing', () => {
    const cal = new BusinessCalendar(DEMO_POLICY)
    const started = performance.now()
    expect(() => cal.position(t('9999-12-31T23:59:59Z'))).toThrow(/Outside the years a business calendar covers: 9999-12-31T23:59:59.000Z/)
    expect(() => cal.between(t('2026-07-13T09:00:00Z'), t('9999-12-31T23:59:59Z'))).toThrow(RangeError)
    expect(() => cal.position(t('0000-01-01T00:00:00Z'))).toThrow(/Outside the years a business calendar covers/)
    expect(() => cal.position(CALENDAR_TO_MS + 1)).toThrow(RangeError)
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('answers across its whole range, and still after a refusal', () => {
    const cal = new BusinessCalendar(DEMO_POLICY)
    expect(() => cal.position(t('9999-01-01T00:00:00Z'))).toThrow(RangeError)
    expect(minutes(cal.between(t('2100-12-31T09:00:00-05:00'), t('2100-12-31T10:00:00-05:00')))).toBe(60)
    expect(cal.between(CALENDAR_FROM_MS, CALENDAR_TO_MS)).toBeGreaterThan(0)
    expect(minutes(cal.between(t('2000-01-03T09:00:00-05:00'), t('2000-01-03T10:00:00-05:00')))).toBe(60)
  })

  it('refuses business time that would reach past its years instead of compiling towards it', () => {
    const cal = new BusinessCalendar(policy({ mon: [['08:00', '09:00']] }))
    const from = t('2100-12-27T08:00:00-05:00')
    // A year of this policy's business time from the last year accepted is due within the margin.
    expect(cal.after(from, 3128 * MINUTE)).toBeLessThan(t('2102-12-31T00:00:00Z'))
    expect(() => cal.after(from, 1_000_000 * MINUTE)).toThrow(/past the years a business calendar covers/)
    expect(() => cal.instantAt(cal.position(t('2000-01-03T08:00:00-05:00')) - 1_000_000 * MINUTE)).toThrow(/before the years/)
  })
})
