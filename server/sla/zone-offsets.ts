import { IANAZone } from 'luxon'

// A timezone's UTC offsets as a table of transitions, built a UTC year at a time and shared by every calendar in
// that zone. Asking the platform for an offset (Intl, through luxon) costs microseconds, and a calendar needs two
// per business day it compiles; the table answers from memory after about a hundred lookups per zone and year.
//
// A year is sampled weekly and each change of offset between two samples is bisected to the millisecond. That
// finds every transition unless two fall within one week of each other, which no zone has done in decades.

const DAY_MS = 86_400_000
const SAMPLE_MS = 7 * DAY_MS

interface YearTable {
  /** Instants from which offsets[i + 1] applies (ascending). */
  changes: number[]
  /** offsets[0] applies from the start of the year; in ms. */
  offsets: number[]
}

export class ZoneOffsets {
  private readonly zone: IANAZone
  private readonly years = new Map<number, YearTable>()

  constructor(readonly name: string) {
    if (!IANAZone.isValidZone(name)) throw new RangeError(`Unknown timezone: ${name}`)
    this.zone = IANAZone.create(name)
  }

  /** The zone's UTC offset at instant t, in ms (local = t + offset). */
  offsetMs(t: number): number {
    const year = new Date(t).getUTCFullYear()
    let table = this.years.get(year)
    if (!table) {
      table = this.build(year)
      this.years.set(year, table)
    }
    const { changes, offsets } = table
    let i = 0
    while (i < changes.length && changes[i] <= t) i++
    return offsets[i]
  }

  private platformOffset(t: number): number {
    return this.zone.offset(t) * 60_000
  }

  private build(year: number): YearTable {
    const start = Date.UTC(year, 0, 1)
    const end = Date.UTC(year + 1, 0, 1)
    const changes: number[] = []
    const offsets = [this.platformOffset(start)]
    let before = start
    let offset = offsets[0]
    while (before < end) {
      const after = Math.min(end - 1, before + SAMPLE_MS)
      const next = this.platformOffset(after)
      if (next !== offset) {
        // The first instant with the new offset lies in (before, after].
        let lo = before
        let hi = after
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2)
          if (this.platformOffset(mid) === offset) lo = mid
          else hi = mid
        }
        changes.push(hi)
        offsets.push(next)
        offset = next
      }
      if (after === end - 1) break
      before = after
    }
    return { changes, offsets }
  }
}

const zones = new Map<string, ZoneOffsets>()

/** The shared offset table of a zone. */
export function zoneOffsets(name: string): ZoneOffsets {
  let z = zones.get(name)
  if (!z) {
    z = new ZoneOffsets(name)
    zones.set(name, z)
  }
  return z
}
