import { describe, expect, it } from 'vitest'
import { instantToWallTime, isTimeZone, isWallTime, wallTimeToInstant } from './zoned-time.ts'

describe('wall-clock times in a zone', () => {
  it('follow the zone’s offset on that date (summer and winter time)', () => {
    expect(wallTimeToInstant('2026-07-15T10:00', 'Europe/Berlin').toISOString()).toBe('2026-07-15T08:00:00.000Z')
    expect(wallTimeToInstant('2026-12-15T10:00', 'Europe/Berlin').toISOString()).toBe('2026-12-15T09:00:00.000Z')
    expect(wallTimeToInstant('2026-07-15T10:00', 'America/New_York').toISOString()).toBe('2026-07-15T14:00:00.000Z')
    expect(wallTimeToInstant('2026-07-15T10:00', 'Asia/Kolkata').toISOString()).toBe('2026-07-15T04:30:00.000Z')
    expect(wallTimeToInstant('2026-07-15T10:00', 'UTC').toISOString()).toBe('2026-07-15T10:00:00.000Z')
  })

  it('read back as the same wall time', () => {
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Tokyo']) {
      for (const wall of ['2026-03-01T09:30', '2026-06-30T23:45', '2026-10-15T00:00']) {
        expect(instantToWallTime(wallTimeToInstant(wall, zone), zone), `${wall} ${zone}`).toBe(wall)
      }
    }
  })

  it('move a time skipped by the spring change forward, and take the first of a repeated hour', () => {
    // Berlin skips 02:00–03:00 on 2026-03-29 and repeats 02:00–03:00 on 2026-10-25.
    expect(wallTimeToInstant('2026-03-29T02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z')
    expect(wallTimeToInstant('2026-10-25T02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z')
  })

  it('validate zones and times', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
    expect(isWallTime('2026-02-28T10:00')).toBe(true)
    expect(isWallTime('2026-02-30T10:00')).toBe(false)
    expect(isWallTime('2026-02-28T24:00')).toBe(false)
    expect(isWallTime('2026-02-28 10:00')).toBe(false)
  })
})
