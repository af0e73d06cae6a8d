import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoInstant } from './iso.ts'

describe('isoInstant', () => {
  it('formats exactly as Date.prototype.toISOString for any instant from 1970 to 2100', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => isoInstant(ms) === new Date(ms).toISOString()))
    expect(isoInstant(Date.parse('2026-07-13T09:05:03.007Z'))).toBe('2026-07-13T09:05:03.007Z')
  })
})
