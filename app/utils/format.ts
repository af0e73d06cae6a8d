export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '—' : `${x.toFixed(digits)}%`)

/** Minutes as "2 h 05 min" or "3 d 4 h" for a reader, not a machine. */
export function duration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—'
  const m = Math.round(minutes)
  if (m < 60) return `${m} min`
  if (m < 24 * 60) return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`
  return `${Math.floor(m / 1440)} d ${Math.floor((m % 1440) / 60)} h`
}

/** An instant shown in a timezone, e.g. "Mon 13 Jul 2026, 15:00". */
export function inZone(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—'
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
}

export function quarterOf(date = new Date()): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`
}

export function shiftQuarter(quarter: string, by: number): string {
  const [y, q] = quarter.split('-Q').map(Number)
  const i = y * 4 + (q - 1) + by
  return `${Math.floor(i / 4)}-Q${(i % 4) + 1}`
}
