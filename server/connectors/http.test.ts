import { describe, expect, it } from 'vitest'
import { nextLink } from './connectwise.ts'
import { backoffMs, retryAfterMs } from './http.ts'
import { csatFromScale } from './record.ts'
import { after, compareIds } from './cursor.ts'

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('7')).toBe(7000)
    expect(retryAfterMs('0.5')).toBe(500)
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('2026-10-21T07:28:00Z'))).toBe(30_000)
    expect(retryAfterMs(null)).toBeNull()
    expect(retryAfterMs('soon')).toBeNull()
  })

  it('backs off exponentially with full jitter under a cap', () => {
    const options = { minDelayMs: 100, maxDelayMs: 1000 }
    expect([0, 1, 2, 3, 4].map((n) => backoffMs(n, options, () => 1))).toEqual([100, 200, 400, 800, 1000])
    expect(backoffMs(3, options, () => 0.5)).toBe(400)
    expect(backoffMs(3, options, () => 0)).toBe(0)
  })
})

describe('ConnectWise Link header', () => {
  it('finds rel="next" among the links, in any order', () => {
    expect(nextLink('<https://x/a?page=1>; rel="first", <https://x/a?page=3>; rel="next", <https://x/a?page=9>; rel="last"')).toBe('https://x/a?page=3')
    expect(nextLink('<https://x/a?page=1>; rel="first"')).toBeNull()
    expect(nextLink(null)).toBeNull()
  })
})

describe('helpers', () => {
  it('csatFromScale puts any survey scale on 1..5', () => {
    expect([0, 2.5, 5].map((s) => csatFromScale(s, 5))).toEqual([1, 3, 5])
    expect([0, 5, 10, 12].map((s) => csatFromScale(s, 10))).toEqual([1, 3, 5, 5])
  })

  it('compareIds orders numeric ids as numbers for the cursor tie-breaker', () => {
    expect(compareIds('99', '100')).toBeLessThan(0)
    expect(compareIds('100', '100')).toBe(0)
    expect(compareIds('b', 'a')).toBeGreaterThan(0)
    expect(after('2025-01-01T00:00:00.000Z', '100', '2025-01-01T00:00:00.000Z', '99')).toBe(true)
    expect(after('2025-01-01T00:00:00.000Z', '99', '2025-01-01T00:00:00.000Z', '99')).toBe(false)
    expect(after('2024-12-31T00:00:00.000Z', '500', '2025-01-01T00:00:00.000Z', '99')).toBe(false)
    expect(after('2024-12-31T00:00:00.000Z', '1', null, null)).toBe(true)
  })
})
