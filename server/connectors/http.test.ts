import { describe, expect, it } from 'vitest'
import { nextLink } from './connectwise.ts'
import { backoffMs, retryAfterMs, sameOriginTarget, targetOf } from './http.ts'
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

describe('a URL read on a known origin without parsing it', () => {
  const known = targetOf(new URL('https://api-na.myconnectwise.net:8443/v4_6_release/apis/3.0/service/tickets?page=1'))

  it('gives what the URL parser gives for plain paths and queries', () => {
    for (const url of [
      'https://api-na.myconnectwise.net:8443/v4_6_release/apis/3.0/system/audittrail?type=Ticket&id=100001&pageSize=1000',
      'https://api-na.myconnectwise.net:8443/a//b/c~d_e-f.g/h?x=%20y&z=a/b?c:d@e',
      'https://api-na.myconnectwise.net:8443/',
      'https://api-na.myconnectwise.net:8443/a.b/c.',
    ]) {
      expect(sameOriginTarget(url, known)).toEqual(targetOf(new URL(url)))
    }
  })

  it('leaves to the parser anything it would rewrite, and every other origin', () => {
    for (const url of [
      'https://api-na.myconnectwise.net:8443/a/../b',
      'https://api-na.myconnectwise.net:8443/a/./b',
      'https://api-na.myconnectwise.net:8443/a/%2e%2E/b',
      'https://api-na.myconnectwise.net:8443/a b',
      'https://api-na.myconnectwise.net:8443/a\\b',
      'https://api-na.myconnectwise.net:8443/a?',
      'https://api-na.myconnectwise.net:8443/a?b=\'c\'',
      'https://api-na.myconnectwise.net:8443/a#b',
      'https://api-na.myconnectwise.net:8443/é',
      'https://api-na.myconnectwise.net:8443/a"b',
      'https://api-na.myconnectwise.net:8443@evil.example/a',
      'https://api-na.myconnectwise.net:84430/a',
      'https://api-na.myconnectwise.net:8443',
      'https://api-na.myconnectwise.net/a',
      'http://api-na.myconnectwise.net:8443/a',
    ]) {
      expect(sameOriginTarget(url, known)).toBeNull()
    }
    // What the parser does with the first of them: the fast path must not have sent it as written.
    expect(targetOf(new URL('https://api-na.myconnectwise.net:8443/a/../b')).path).toBe('/b')
  })
})
