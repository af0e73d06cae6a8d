// A report formats hundreds of thousands of instants. Two costs dominate the obvious ways: Date objects, and the
// strings built by concatenation, which V8 keeps as trees of pieces (one object each) until they are read. One
// String.fromCharCode call makes one flat string; the date part's characters are worked out once per UTC day.
const DAY_MS = 86_400_000
const dayChars = new Map<number, number[]>()
const ZERO = 48

function dayOf(day: number): number[] {
  let chars = dayChars.get(day)
  if (chars === undefined) {
    chars = Array.from(new Date(day * DAY_MS).toISOString().slice(0, 11), (c) => c.charCodeAt(0))
    if (dayChars.size > 20_000) dayChars.clear()
    dayChars.set(day, chars)
  }
  return chars
}

/** Date.prototype.toISOString for epoch ms (years 0000–9999), faster in bulk. */
export function isoInstant(value: number): string {
  const ms = Math.floor(value)
  const day = Math.floor(ms / DAY_MS)
  const d = dayOf(day)
  let rest = ms - day * DAY_MS
  const h = Math.floor(rest / 3_600_000)
  rest -= h * 3_600_000
  const m = Math.floor(rest / 60_000)
  rest -= m * 60_000
  const s = Math.floor(rest / 1000)
  const f = rest - s * 1000
  return String.fromCharCode(
    d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10],
    ZERO + Math.floor(h / 10), ZERO + (h % 10), 58,
    ZERO + Math.floor(m / 10), ZERO + (m % 10), 58,
    ZERO + Math.floor(s / 10), ZERO + (s % 10), 46,
    ZERO + Math.floor(f / 100), ZERO + (Math.floor(f / 10) % 10), ZERO + (f % 10), 90,
  )
}
