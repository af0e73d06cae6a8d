// Vendor timestamps: with Z or an offset, without a zone (UTC by every vendor's contract), with 1 to 7 fraction
// digits (Halo sends .NET's 7), and Halo's 1900-01-01 for "no date".
import { RecordError } from './record.ts'

const PLAIN_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/
const VENDOR_INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i

/** ISO UTC string with milliseconds, or null for empty / "no date" values. Throws RecordError if unreadable. */
export function vendorInstant(value: unknown, field: string): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value !== 'string') throw new RecordError(`${field}: not a timestamp (${JSON.stringify(value)})`)
  // The usual form (ConnectWise's, 40,000 of them in a sync of 10,000 tickets with their audit trails) is read
  // without cutting it into parts: the same instant, the same "no date" rule (any date up to 1901-01-01).
  if (PLAIN_UTC.test(value)) {
    if (value < '1901-01-02') return null
    // Every field in range (a day past the 28th may roll over into the next month: left to Date.parse): the instant
    // written back is the same text with milliseconds. 30,000 audit dates in a sync's histories are read so.
    if (plainInRange(value)) return value.length === 20 ? `${value.slice(0, 19)}.000Z` : value
    const ms = Date.parse(value)
    if (!Number.isNaN(ms)) return new Date(ms).toISOString()
  }
  const match = VENDOR_INSTANT.exec(value.trim())
  if (!match) throw new RecordError(`${field}: not a timestamp (${JSON.stringify(value.slice(0, 40))})`)
  const [, date, time, fraction, zone] = match
  if (date.startsWith('1900-01-01') || date <= '1901-01-01') return null
  const millis = (fraction ?? '').padEnd(3, '0').slice(0, 3)
  const offset = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
  const ms = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}.${millis}${offset}`)
  if (Number.isNaN(ms)) throw new RecordError(`${field}: not a timestamp (${JSON.stringify(value.slice(0, 40))})`)
  return new Date(ms).toISOString()
}

/** Two digits at `at` as a number (the caller checked they are digits). */
const two = (text: string, at: number) => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48

function plainInRange(value: string): boolean {
  const month = two(value, 5)
  const day = two(value, 8)
  return month >= 1 && month <= 12 && day >= 1 && day <= 28 && two(value, 11) <= 23 && two(value, 14) <= 59 && two(value, 17) <= 59
}

/** Met when it happened by the due time; null when either is unknown. */
export function metBy(actual: string | null, due: string | null): boolean | null {
  if (!actual || !due) return null
  return actual <= due
}
