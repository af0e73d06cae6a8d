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

  it('metBy compares instants and knows when it cannot', () => {
    expect(metBy('2025-01-01T10:00:00.000Z', '2025-01-01T10:00:00.000Z')).toBe(true)
    expect(metBy('2025-01-01T10:00:01.000Z', '2025-01-01T10:00:00.000Z')).toBe(false)
    expect(metBy(null, '2025-01-01T10:00:00.000Z')).toBeNull()
  })
})
