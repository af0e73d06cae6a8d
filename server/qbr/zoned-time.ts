// Meetings are planned in wall-clock time in a named zone ("10:00 in Berlin"); the instant follows from the zone's
// rules on that date. Pure: no I/O.

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The zone's offset from UTC in minutes at an instant. */
function offsetMinutes(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant))
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000)
}

/**
 * The instant of a wall-clock time ("2026-09-15T10:00") in a zone. A time skipped by a DST change moves forward
 * by the gap; a time that occurs twice is taken at its first occurrence.
 */
export function wallTimeToInstant(wall: string, zone: string): Date {
  const m = WALL.exec(wall)
  if (!m) throw new RangeError(`not a wall-clock time: ${wall}`)
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))
  // The offsets a day either side bound the ones that can apply; try each, earliest first.
  const offsets = new Set([naive - 86_400_000, naive, naive + 86_400_000].map((t) => offsetMinutes(t, zone)))
  const candidates = [...offsets].map((o) => naive - o * 60_000).sort((a, b) => a - b)
  for (const c of candidates) if (instantToWallTime(new Date(c), zone) === wall) return new Date(c)
  // A skipped time: the offset before the change, which lands after the gap.
  return new Date(candidates[candidates.length - 1])
}

export function instantToWallTime(instant: Date, zone: string): string {
  const local = instant.getTime() + offsetMinutes(instant.getTime(), zone) * 60_000
  return new Date(local).toISOString().slice(0, 16)
}

/** A real calendar date and time (rejects 2026-02-30T10:00 and 24:00). */
export function isWallTime(value: string): boolean {
  const m = WALL.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])))
  return d.toISOString().slice(0, 16) === value
}
