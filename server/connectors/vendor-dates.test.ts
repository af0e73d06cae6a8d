import { describe, expect, it } from 'vitest'
import { metBy, vendorInstant } from './vendor-dates.ts'

describe('vendorInstant', () => {
  it('reads every shape the three PSAs send as UTC', () => {
    expect(vendorInstant('2025-02-04T16:05:12Z', 'f')).toBe('2025-02-04T16:05:12.000Z')
    expect(vendorInstant('2026-06-01T09:00:00', 'f')).toBe('2026-06-01T09:00:00.000Z') // no zone: UTC
    expect(vendorInstant('2023-06-29T10:16:08.8378294Z', 'f')).toBe('2023-06-29T10:16:08.837Z') // 7 digits
    expect(vendorInstant('2025-02-03T14:22:40.07Z', 'f')).toBe('2025-02-03T14:22:40.070Z')
    expect(vendorInstant('2025-02-03T14:22:40.113', 'f')).toBe('2025-02-03T14:22:40.113Z') // an SDK without Z
    expect(vendorInstant('2025-02-03T16:22:40+02:00', 'f')).toBe('2025-02-03T14:22:40.000Z')
    expect(vendorInstant('2025-02-03T16:22:40+0200', 'f')).toBe('2025-02-03T14:22:40.000Z')
    expect(vendorInstant('2025-02-03 14:22', 'f')).toBe('2025-02-03T14:22:00.000Z')
  })

  it('treats Halo’s 1900-01-01 and empty values as no date', () => {
    expect(vendorInstant('1900-01-01T00:00:00', 'f')).toBeNull()
    expect(vendorInstant('1900-01-01T00:00:00Z', 'f')).toBeNull()
    expect(vendorInstant(null, 'f')).toBeNull()
    expect(vendorInstant(undefined, 'f')).toBeNull()
    expect(vendorInstant('', 'f')).toBeNull()
  })

  it('names the field of an unreadable value', () => {
    expect(() => vendorInstant('yesterday', 'dateEntered')).toThrow('dateEntered: not a timestamp ("yesterday")')
    expect(() => vendorInstant(12345, 'createDate')).toThrow('createDate: not a timestamp (12345)')
    expect(() => vendorInstant('2025-13-45T00:00:00Z', 'x')).toThrow('x: not a timestamp')
  })

  it('reads the plain UTC form as Date.parse reads it, rollovers and refusals included', () => {
    const slow = (v: string) => {
      const ms = Date.parse(v)
      return Number.isNaN(ms) ? 'throws' : new Date(ms).toISOString()
    }
    const read = (v: string) => {
      try {
        return vendorInstant(v, 'f')
      } catch {
        return 'throws'
      }
    }
    const pad = (n: number) => String(n).padStart(2, '0')
    for (const year of ['2024', '2026', '9999'])
      for (const month of [0, 1, 2, 4, 12, 13])
        for (const day of [0, 1, 28, 29, 30, 31, 32])
          for (const [h, m, sec] of [[0, 0, 0], [23, 59, 59], [24, 0, 0], [23, 60, 0], [23, 0, 60], [99, 99, 99]])
            for (const ms of ['', '.000', '.123'])
              expect(read(`${year}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(m)}:${pad(sec)}${ms}Z`), `${year}-${month}-${day} ${h}:${m}:${sec}${ms}`).toBe(
                slow(`${year}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(m)}:${pad(sec)}${ms}Z`),
              )
  })

  it('metBy compares instants and knows when it cannot', () => {
    expect(metBy('2025-01-01T10:00:00.000Z', '2025-01-01T10:00:00.000Z')).toBe(true)
    expect(metBy('2025-01-01T10:00:01.000Z', '2025-01-01T10:00:00.000Z')).toBe(false)
    expect(metBy(null, '2025-01-01T10:00:00.000Z')).toBeNull()
  })
})
