import { IANAZone } from 'luxon'
import { type SlaPolicy, WEEKDAYS, minutesOfDay } from './policy.ts'
import { type ZoneOffsets, zoneOffsets } from './zone-offsets.ts'
import { END_INSTANT_MS, MIN_INSTANT_MS } from '../validation/bounds.ts'

// The business calendar of a policy, compiled to instants. Business windows become a sorted array of disjoint
// [start, end) intervals in epoch ms, with a running total of business ms (the "position" of each window start),
// so "business time between a and b" is two binary searches and "the instant N business ms after a" is one more.
// The timezone database is consulted only through a shared table of each zone's transitions (zone-offsets.ts), while
// compiling a range of local dates; per-ticket work is arithmetic.
//
// Windows are wall-clock times in the policy timezone. A boundary is the first instant at which the local clock
// reads that time: on the fall-back day 01:30 is the first 01:30 (daylight time); a time skipped by spring-forward
// is the instant of the jump. So 08:00–18:00 on either change day is 10 real hours, while 00:00–24:00 is 23 or 25.
// Holidays remove whole local dates.
//
// Positions are stable for the calendar's lifetime: extending backwards gives earlier windows smaller (possibly
// negative) positions rather than renumbering, so positions read before and after an extension stay comparable.

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000
/**
 * Local dates compiled either side of the first instant asked about: enough for most tickets' clocks, cheap enough for
 * the first evaluation of a policy to stay within a few ms. Later extensions grow geometrically up to a year.
 */
const FIRST_DAYS = 92
const MAX_GROWTH_DAYS = 366
// A local date's windows lie within [UTC midnight − 14 h, next UTC midnight + 12 h] (offsets run from −12:00 to +14:00).
const EARLIEST_OFFSET_MS = -12 * 3_600_000
const LATEST_OFFSET_MS = 14 * 3_600_000
// The instants a calendar answers for: the years every input keeps to (server/validation/bounds.ts) and five more
// either side, room for a due instant a year of business time after the last of them. Beyond, it refuses rather
// than compile every day up to the instant: an as-of in 9999 took 5.6 s and ~100 MB, kept by the cache below.
const MARGIN_MS = 5 * 366 * DAY_MS
export const CALENDAR_FROM_MS = MIN_INSTANT_MS - MARGIN_MS
export const CALENDAR_TO_MS = END_INSTANT_MS + MARGIN_MS
// The local dates compiled at most: enough for every instant of [CALENDAR_FROM_MS, CALENDAR_TO_MS] to be exact.
const FIRST_DAY = Math.floor(CALENDAR_FROM_MS / DAY_MS) - 1
const LAST_DAY = Math.ceil(CALENDAR_TO_MS / DAY_MS) + 1

export type CalendarPolicy = Pick<SlaPolicy, 'timezone' | 'businessHours' | 'holidays'>

export class BusinessCalendar {
  readonly timezone: string
  /** Whether any weekday has a window; without one, no amount of business time ever passes. */
  readonly hasWindows: boolean

  private starts = new Float64Array(0)
  private ends = new Float64Array(0)
  /** pos[i]: business ms elapsed at starts[i]; pos[n]: at ends[n − 1]. Length n + 1. */
  private pos = new Float64Array(1)
  private n = 0
  /** Compiled local dates, as day numbers (days since 1970-01-01), inclusive. */
  private firstDay = 0
  private lastDay = -1
  /** Instants whose position is exact: every window that could precede them within the range is compiled. */
  private safeFrom = Number.POSITIVE_INFINITY
  private safeTo = Number.NEGATIVE_INFINITY

  private readonly zone: ZoneOffsets
  /** The position of the last instantAt and the window it fell in. */
  private lastP = Number.NaN
  private lastWindow = 0
  /** Windows per weekday (0 = Monday) in minutes of the local day, sorted. */
  private readonly weekly: ReadonlyArray<ReadonlyArray<readonly [number, number]>>
  private readonly holidays: ReadonlySet<number>
  /** Business ms in a week without holidays, in wall-clock time. */
  private readonly weeklyMs: number

  constructor(policy: CalendarPolicy) {
    if (!IANAZone.isValidZone(policy.timezone)) throw new RangeError(`Unknown timezone: ${policy.timezone}`)
    this.timezone = policy.timezone
    this.zone = zoneOffsets(policy.timezone)
    this.weekly = WEEKDAYS.map((d) =>
      policy.businessHours[d].map(([a, b]) => [minutesOfDay(a), minutesOfDay(b)] as const).sort((x, y) => x[0] - y[0]),
    )
    this.hasWindows = this.weekly.some((d) => d.length > 0)
    this.weeklyMs = this.weekly.reduce((sum, d) => sum + d.reduce((x, [a, b]) => x + (b - a) * MINUTE_MS, 0), 0)
    this.holidays = new Set(policy.holidays.map((iso) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS))
  }

  /** Compiles the calendar for [a, b] now rather than on first use (optional: every query extends it as needed). */
  cover(a: number, b: number): void {
    this.ensure(a)
    this.ensure(b)
  }

  /**
   * Business ms elapsed at instant t, counted from an arbitrary origin fixed for this calendar. Only differences
   * between positions mean anything.
   */
  position(t: number): number {
    if (!(t >= this.safeFrom && t <= this.safeTo)) this.extendTo(t)
    const starts = this.starts
    let lo = 0
    let hi = this.n
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (starts[mid] <= t) lo = mid + 1
      else hi = mid
    }
    if (lo === 0) return this.pos[0]
    const i = lo - 1
    const end = this.ends[i]
    return this.pos[i] + ((t < end ? t : end) - starts[i])
  }

  /**
   * The earliest instant whose position is at least p. When p is reached exactly at the end of a window, that is the
   * window's end, not the start of the next one.
   */
  instantAt(p: number): number {
    if (p > this.pos[this.n] || p <= this.pos[0]) this.reach(p)
    const pos = this.pos
    let lo = 0
    let hi = this.n - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (pos[mid + 1] >= p) hi = mid
      else lo = mid + 1
    }
    this.lastP = p
    this.lastWindow = lo
    return this.starts[lo] + (p - pos[lo])
  }

  /**
   * The last instant whose position is at most p: the instant after which more than p has passed. Equal to
   * instantAt(p) inside a window; when p is reached exactly at a window's end, the start of the next window.
   */
  lastInstantAt(p: number): number {
    if (p >= this.pos[this.n] || p < this.pos[0]) this.reach(p, true)
    const pos = this.pos
    // The engine asks for the due instant first: reuse its search (valid while no compile has moved the arrays).
    if (p === this.lastP && this.lastWindow + 1 < this.n && pos[this.lastWindow] <= p) {
      const i = this.lastWindow
      return pos[i + 1] === p ? this.starts[i + 1] : this.starts[i] + (p - pos[i])
    }
    let lo = 0
    let hi = this.n - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (pos[mid + 1] > p) hi = mid
      else lo = mid + 1
    }
    return this.starts[lo] + (p - pos[lo])
  }

  /** Business ms between a and b (0 when b ≤ a). */
  between(a: number, b: number): number {
    if (b <= a) return 0
    return this.position(b) - this.position(a)
  }

  /** The earliest instant at which `ms` business ms have passed since `from` (`from` itself when ms ≤ 0). */
  after(from: number, ms: number): number {
    if (!(ms > 0)) return from
    return this.instantAt(this.position(from) + ms)
  }

  /** The business windows overlapping [a, b], clipped to it, at most `limit` of them (for explaining a clock). */
  windowsBetween(a: number, b: number, limit = 500): Array<[number, number]> {
    const out: Array<[number, number]> = []
    if (b <= a) return out
    this.cover(a, b)
    let lo = 0
    let hi = this.n
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.ends[mid] <= a) lo = mid + 1
      else hi = mid
    }
    for (let i = lo; i < this.n && this.starts[i] < b && out.length < limit; i++) {
      out.push([Math.max(a, this.starts[i]), Math.min(b, this.ends[i])])
    }
    return out
  }

  private ensure(t: number): void {
    if (!(t >= this.safeFrom && t <= this.safeTo)) this.extendTo(t)
  }

  private extendTo(t: number): void {
    if (!Number.isFinite(t)) throw new RangeError(`Not an instant: ${t}`)
    if (t < CALENDAR_FROM_MS || t > CALENDAR_TO_MS) throw new RangeError(`Outside the years a business calendar covers: ${new Date(t).toISOString()}`)
    const day = Math.floor(t / DAY_MS)
    if (this.lastDay < this.firstDay) this.compile(day - FIRST_DAYS, day + FIRST_DAYS)
    else if (t > this.safeTo) this.compile(this.lastDay + 1, Math.max(day + FIRST_DAYS, this.lastDay + this.growth()))
    else this.compile(Math.min(day - FIRST_DAYS, this.firstDay - this.growth()), this.firstDay - 1)
  }

  /**
   * Extends the range until position p falls strictly inside it (or, with `past`, until a window ends beyond it and
   * one starts at or before it).
   */
  private reach(p: number, past = false): void {
    if (!Number.isFinite(p)) throw new RangeError(`Not a position: ${p}`)
    if (!this.hasWindows) throw new RangeError('The policy has no business hours: business time never passes')
    if (this.lastDay < this.firstDay) throw new RangeError('instantAt takes a position read from this calendar')
    // Jump straight to the dates that hold p, sized from the business time of a nominal week, instead of a chunk
    // at a time: one compile (one copy of the arrays) however far p lies. Holidays and daylight-saving days can
    // leave it a little short; the next round then covers the rest.
    while (past ? p >= this.pos[this.n] : p > this.pos[this.n]) {
      if (this.lastDay >= LAST_DAY) throw new RangeError('That much business time reaches past the years a business calendar covers')
      this.compile(this.lastDay + 1, this.lastDay + this.daysFor(p - this.pos[this.n]))
    }
    while (past ? p < this.pos[0] : p <= this.pos[0]) {
      if (this.firstDay <= FIRST_DAY) throw new RangeError('That much business time reaches before the years a business calendar covers')
      this.compile(this.firstDay - this.daysFor(this.pos[0] - p), this.firstDay - 1)
    }
  }

  /** Local dates that hold at least `ms` of business time in nominal weeks, plus a margin, and at least a growth step. */
  private daysFor(ms: number): number {
    const weeks = Math.ceil(ms / this.weeklyMs) + 1
    return Math.max(this.growth(), weeks * 7 + 7)
  }

  /** The next extension's length: as long as what is compiled (capped), so n extensions cost O(n) copying in all. */
  private growth(): number {
    return Math.min(MAX_GROWTH_DAYS, Math.max(FIRST_DAYS, this.lastDay - this.firstDay + 1))
  }

  /** Compiles local dates [from, to] (day numbers), adjacent to the compiled range on one side or the first ones. */
  private compile(from: number, to: number): void {
    from = Math.max(from, FIRST_DAY)
    to = Math.min(to, LAST_DAY)
    const addStarts: number[] = []
    const addEnds: number[] = []
    for (let day = from; day <= to; day++) {
      if (this.holidays.has(day)) continue
      const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7
      const windows = this.weekly[weekday]
      if (windows.length === 0) continue
      const midnight = day * DAY_MS
      // One offset for the whole day unless a transition falls near it (two lookups instead of two per boundary).
      const offsetMs = this.offsetMs(midnight - LATEST_OFFSET_MS - 3_600_000)
      const steady = offsetMs === this.offsetMs(midnight + DAY_MS - EARLIEST_OFFSET_MS + 3_600_000)
      for (const [a, b] of windows) {
        const start = steady ? midnight + a * MINUTE_MS - offsetMs : this.wallToInstant(midnight + a * MINUTE_MS)
        const end = steady ? midnight + b * MINUTE_MS - offsetMs : this.wallToInstant(midnight + b * MINUTE_MS)
        if (end > start) {
          addStarts.push(start)
          addEnds.push(end)
        }
      }
    }

    const k = addStarts.length
    const n = this.n
    const starts = new Float64Array(n + k)
    const ends = new Float64Array(n + k)
    const pos = new Float64Array(n + k + 1)
    const prepend = this.lastDay >= this.firstDay && to < this.firstDay
    if (prepend) {
      let added = 0
      for (let i = 0; i < k; i++) added += addEnds[i] - addStarts[i]
      pos[0] = this.pos[0] - added
      for (let i = 0; i < k; i++) {
        starts[i] = addStarts[i]
        ends[i] = addEnds[i]
        pos[i + 1] = pos[i] + (addEnds[i] - addStarts[i])
      }
      starts.set(this.starts, k)
      ends.set(this.ends, k)
      pos.set(this.pos, k)
      this.firstDay = from
    } else {
      starts.set(this.starts)
      ends.set(this.ends)
      pos.set(this.pos)
      for (let i = 0; i < k; i++) {
        starts[n + i] = addStarts[i]
        ends[n + i] = addEnds[i]
        pos[n + i + 1] = pos[n + i] + (addEnds[i] - addStarts[i])
      }
      if (this.lastDay < this.firstDay) this.firstDay = from
      this.lastDay = to
    }
    this.starts = starts
    this.ends = ends
    this.pos = pos
    this.lastP = Number.NaN
    this.n = n + k
    this.safeFrom = this.firstDay * DAY_MS - EARLIEST_OFFSET_MS
    this.safeTo = (this.lastDay + 1) * DAY_MS - LATEST_OFFSET_MS
  }

  private offsetMs(t: number): number {
    return this.zone.offsetMs(t)
  }

  /**
   * The first instant at which the local clock reads `wall` (local time written as if it were UTC), or, when
   * `wall` is skipped by a forward jump, the instant of the jump.
   */
  private wallToInstant(wall: number): number {
    const early = wall - this.offsetMs(wall - DAY_MS)
    const late = wall - this.offsetMs(wall + DAY_MS)
    const first = Math.min(early, late)
    const second = Math.max(early, late)
    if (first + this.offsetMs(first) === wall) return first
    if (second + this.offsetMs(second) === wall) return second
    // In the gap: before the jump the clock reads less than `wall`, from the jump on more.
    let lo = first
    let hi = second
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2)
      if (mid + this.offsetMs(mid) > wall) hi = mid
      else lo = mid
    }
    return hi
  }
}

const byPolicy = new WeakMap<object, BusinessCalendar>()
const byDefinition = new Map<string, BusinessCalendar>()
const MAX_CACHED_DEFINITIONS = 64

/**
 * The calendar of a policy, shared by every caller with the same policy object or the same calendar fields (a
 * policy re-read from the database per request still finds the calendar compiled by the previous request).
 */
export function calendarFor(policy: CalendarPolicy): BusinessCalendar {
  let calendar = byPolicy.get(policy)
  if (calendar) return calendar
  const key = JSON.stringify([policy.timezone, WEEKDAYS.map((d) => policy.businessHours[d]), policy.holidays])
  calendar = byDefinition.get(key)
  if (calendar) {
    // Refresh its place in the least-recently-used order.
    byDefinition.delete(key)
  } else {
    calendar = new BusinessCalendar(policy)
    if (byDefinition.size >= MAX_CACHED_DEFINITIONS) byDefinition.delete(byDefinition.keys().next().value!)
  }
  byDefinition.set(key, calendar)
  byPolicy.set(policy, calendar)
  return calendar
}
