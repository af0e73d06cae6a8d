import { DateTime } from 'luxon'
import { type SlaPolicy, WEEKDAYS, minutesOfDay } from './policy.ts'

// The business calendar, compiled once per policy: business windows as UTC instants (epoch ms) with prefix sums,
// so that "business time between two instants" and "the instant N business minutes after another" are binary
// searches. The timezone library is used only here, once per local date; the per-ticket work is arithmetic.
// Windows are wall-clock times in the policy timezone, so a day on which daylight saving changes keeps its local
// windows (08:00–18:00 stays 08:00–18:00 local; the hours in between are whatever that day really has).

const DAY_MS = 86_400_000
const MARGIN_DAYS = 400

export class BusinessCalendar {
  private starts = new Float64Array(0)
  private ends = new Float64Array(0)
  /** Business ms before window i. */
  private cum = new Float64Array(0)
  private fromMs = Number.POSITIVE_INFINITY
  private toMs = Number.NEGATIVE_INFINITY
  private readonly holidays: Set<string>
  private readonly days: Array<Array<[number, number]>>

  constructor(private readonly policy: Pick<SlaPolicy, 'timezone' | 'businessHours' | 'holidays'>) {
    this.holidays = new Set(policy.holidays)
    // luxon weekday: 1 = Monday … 7 = Sunday
    this.days = WEEKDAYS.map((d) => policy.businessHours[d].map(([a, b]) => [minutesOfDay(a), minutesOfDay(b)] as [number, number]))
  }

  get hasWindows(): boolean {
    return this.days.some((d) => d.length > 0)
  }

  /** Makes sure [a, b] (epoch ms) lies inside the compiled range, with a wide margin either side. */
  cover(a: number, b: number): void {
    if (a >= this.fromMs && b <= this.toMs) return
    const from = Math.min(a, this.fromMs) - MARGIN_DAYS * DAY_MS
    const to = Math.max(b, this.toMs) + MARGIN_DAYS * DAY_MS
    this.compile(from, to)
  }

  private compile(fromMs: number, toMs: number): void {
    const zone = this.policy.timezone
    let day = DateTime.fromMillis(fromMs, { zone }).startOf('day')
    const last = DateTime.fromMillis(toMs, { zone }).startOf('day')
    const starts: number[] = []
    const ends: number[] = []
    while (day <= last) {
      const iso = day.toISODate()!
      if (!this.holidays.has(iso)) {
        for (const [a, b] of this.days[day.weekday - 1]) {
          const start = at(day, a)
          const end = at(day, b)
          if (end > start) {
            starts.push(start)
            ends.push(end)
          }
        }
      }
      day = day.plus({ days: 1 })
    }
    this.starts = Float64Array.from(starts)
    this.ends = Float64Array.from(ends)
    this.cum = new Float64Array(starts.length + 1)
    for (let i = 0; i < starts.length; i++) this.cum[i + 1] = this.cum[i] + (ends[i] - starts[i])
    this.fromMs = fromMs
    this.toMs = toMs
  }

  /** Business ms from the start of the compiled range up to t. */
  private position(t: number): number {
    const starts = this.starts
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (starts[mid] <= t) lo = mid + 1
      else hi = mid
    }
    const i = lo - 1 // last window starting at or before t
    if (i < 0) return 0
    const end = this.ends[i]
    return this.cum[i] + (t < end ? t - starts[i] : end - starts[i])
  }

  /** Business ms between a and b (0 when b ≤ a). */
  between(a: number, b: number): number {
    if (b <= a) return 0
    this.cover(a, b)
    return this.position(b) - this.position(a)
  }

  /**
   * The earliest instant at which `ms` business ms have passed since `from` (ms > 0). Budget that runs out exactly
   * at the end of a window is due at that window's end, not at the start of the next one.
   */
  after(from: number, ms: number): number {
    this.cover(from, from)
    for (;;) {
      const target = this.position(from) + ms
      const cum = this.cum
      const n = this.starts.length
      if (target <= cum[n]) {
        let lo = 0
        let hi = n - 1
        // first window whose cumulative end reaches the target
        while (lo < hi) {
          const mid = (lo + hi) >>> 1
          if (cum[mid + 1] >= target) hi = mid
          else lo = mid + 1
        }
        return this.starts[lo] + (target - cum[lo])
      }
      if (!this.hasWindows) throw new Error('The policy has no business hours')
      this.compile(this.fromMs, this.toMs + MARGIN_DAYS * DAY_MS)
    }
  }
}

function at(day: DateTime, minutes: number): number {
  if (minutes === 1440) return day.plus({ days: 1 }).startOf('day').toMillis()
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 }).toMillis()
}
