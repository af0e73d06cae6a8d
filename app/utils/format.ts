// How figures read, for the pages and the QBR pack alike (the pack imports this file too): percentages, numbers,
// changes, durations on either SLA clock, and dates in one format per locale. Pure.

/** The locale of dates when the reader's is unknown (the pack, a request without Accept-Language). */
export const DEFAULT_LOCALE = 'en-GB'
/** The locales pages format dates and numbers in; a reader's Accept-Language is matched against these. */
export const SUPPORTED_LOCALES = ['en-GB', 'en-US', 'en', 'de', 'fr', 'nl', 'es', 'it', 'pl', 'pt', 'sv', 'da', 'nb', 'fi']

// Intl formatters are costly to build and a pack formats thousands of figures: one per option set.
const numberFormats = new Map<string, Intl.NumberFormat>()
function numberFormat(digits: number, locale: string): Intl.NumberFormat {
  const key = `${locale}|${digits}`
  let f = numberFormats.get(key)
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })))
  return f
}

/**
 * x rounded to `digits` decimals, with a negative value that rounds to zero made zero: "−0.0" tells the reader
 * of a loss that did not happen.
 */
function rounded(x: number, digits: number): number {
  const r = Math.round(x * 10 ** digits) / 10 ** digits
  return r === 0 ? 0 : r
}

// Numbers take the reader's locale (its decimal and group separators); the pack and a page without one use
// DEFAULT_LOCALE. The percent sign follows the figure, and money is the currency code before the figure, the same
// in every locale, so a CIO reading two partnerships' budgets side by side never meets two currency styles.
export const pct = (x: number | null | undefined, digits = 1, locale = DEFAULT_LOCALE) =>
  x === null || x === undefined ? '—' : `${numberFormat(digits, locale).format(rounded(x, digits))}%`
export const num = (x: number | null | undefined, digits = 0, locale = DEFAULT_LOCALE) =>
  x === null || x === undefined ? '—' : numberFormat(digits, locale).format(rounded(x, digits))
export const money = (x: number, currency: string, locale = DEFAULT_LOCALE) => `${currency} ${num(x, 0, locale)}`

/**
 * A change with its sign: "+2.5", "−0.3", and "0.0" with no sign when it rounds to nothing. The minus is U+2212,
 * as in print.
 */
export function signed(d: number, digits = 0, locale = DEFAULT_LOCALE): string {
  const r = rounded(d, digits)
  const text = numberFormat(digits, locale).format(Math.abs(r))
  return r > 0 ? `+${text}` : r < 0 ? `−${text}` : text
}

export type SlaClock = '24x7' | 'business'

/**
 * Minutes as a reader counts them on the clock they run on. A business-hours clock counts business hours, so it is
 * written in them ("50 business h", "7 business h 30 min"): "2 d 2 h" would read as 50 calendar hours. A 24×7
 * clock uses days, hours and minutes ("2 d 2 h 05 min"), dropping only parts that are zero, never rounding them
 * away. Fractions of a minute round to the nearest minute (see breachedDuration for elapsed time of a breach).
 */
export function duration(minutes: number | null | undefined, clock: SlaClock = '24x7'): string {
  if (minutes === null || minutes === undefined) return '—'
  return spell(Math.round(minutes), clock)
}

/**
 * Elapsed time of a clock that breached its target: rounded up to the minute, so a ticket 20 seconds over a
 * 4-hour target reads "4 h 01 min", never the target itself.
 */
export function breachedDuration(minutes: number, clock: SlaClock = '24x7'): string {
  return spell(Math.ceil(minutes - 1e-9), clock)
}

function spell(m: number, clock: SlaClock): string {
  if (m < 0) return `−${spell(-m, clock)}`
  const mm = m % 60
  if (clock === 'business') {
    const h = Math.floor(m / 60)
    if (h === 0) return `${mm} business min`
    return mm ? `${h} business h ${String(mm).padStart(2, '0')} min` : `${h} business h`
  }
  if (m < 60) return `${m} min`
  const d = Math.floor(m / 1440)
  const h = Math.floor((m % 1440) / 60)
  const parts = [d ? `${d} d` : '', h || (d && mm) ? `${h} h` : '', mm ? `${String(mm).padStart(2, '0')} min` : '']
  return parts.filter(Boolean).join(' ')
}

/** The name of a clock as the policy page and the pack write it. */
export const clockLabel = (clock: SlaClock | string) => (clock === 'business' ? 'business hours' : '24×7')

/**
 * The reader's locale from an Accept-Language header: the first listed that we format dates for (by language when
 * the region is not one we know), else DEFAULT_LOCALE.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): string {
  const wanted = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) }
    })
    .filter((w) => w.tag && w.tag !== '*' && w.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const { tag } of wanted) {
    const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase())
    if (exact) return exact
    const language = tag.split('-')[0].toLowerCase()
    if (SUPPORTED_LOCALES.includes(language)) return language === 'en' ? DEFAULT_LOCALE : language
  }
  return DEFAULT_LOCALE
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()
function dateFormat(locale: string, timeZone: string, withTime: boolean, withZone = false): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}|${withZone}`
  let f = dateFormats.get(key)
  if (!f) {
    // One date format per locale, everywhere: the day as a number, the month abbreviated, the year in full.
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
      ...(withZone ? { timeZoneName: 'short' } : {}),
    })
    dateFormats.set(key, f)
  }
  return f
}

/** A calendar day, e.g. "5 Oct 2026" (en-GB), "Oct 5, 2026" (en-US), "5. Okt. 2026" (de). */
export function formatDate(iso: string | Date | null | undefined, locale = DEFAULT_LOCALE, timeZone = 'UTC'): string {
  if (!iso) return '—'
  return dateFormat(locale, timeZone, false).format(typeof iso === 'string' ? new Date(iso) : iso)
}

/** A day with its time, e.g. "5 Oct 2026, 14:00"; `zone` adds the zone's abbreviation. */
export function formatDateTime(iso: string | Date | null | undefined, locale = DEFAULT_LOCALE, timeZone = 'UTC', zone = false): string {
  if (!iso) return '—'
  return dateFormat(locale, timeZone, true, zone).format(typeof iso === 'string' ? new Date(iso) : iso)
}

/** An instant shown in a timezone, e.g. "5 Oct 2026, 15:00". */
export function inZone(iso: string | null | undefined, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatDateTime(iso, locale, timeZone)
}

export function quarterOf(date = new Date()): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`
}

export function shiftQuarter(quarter: string, by: number): string {
  const [y, q] = quarter.split('-Q').map(Number)
  const i = y * 4 + (q - 1) + by
  return `${Math.floor(i / 4)}-Q${(i % 4) + 1}`
}
