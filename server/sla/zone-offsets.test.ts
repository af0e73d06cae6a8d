import fc from 'fast-check'
import { IANAZone } from 'luxon'
import { describe, expect, it } from 'vitest'
import { ZoneOffsets } from './zone-offsets.ts'

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago', 'Africa/Casablanca', 'Pacific/Chatham', 'UTC']

describe('ZoneOffsets', () => {
  it('agrees with the platform at random instants, 1970–2100', () => {
    const tables = new Map(ZONES.map((z) => [z, new ZoneOffsets(z)]))
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (zone, t) => {
        expect(tables.get(zone)!.offsetMs(t)).toBe(IANAZone.create(zone).offset(t) * 60_000)
      }),
      { numRuns: 2000 },
    )
  })

  it('switches at the exact millisecond of a transition (New York, 8 March 2026 07:00 UTC)', () => {
    const ny = new ZoneOffsets('America/New_York')
    const jump = Date.parse('2026-03-08T07:00:00Z')
    expect(ny.offsetMs(jump - 1)).toBe(-5 * 3_600_000)
    expect(ny.offsetMs(jump)).toBe(-4 * 3_600_000)
  })

  it('refuses an unknown zone', () => {
    expect(() => new ZoneOffsets('Mars/Olympus')).toThrow(RangeError)
  })
})
