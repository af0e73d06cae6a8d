import { describe, expect, it } from 'vitest'
import { originAllowed } from './app.server.ts'

describe('originAllowed (CSRF)', () => {
  const host = 'accord.example:3000'
  it('lets safe methods through without an Origin', () => {
    expect(originAllowed('GET', { host }, 'http')).toBe(true)
  })
  it('accepts a post from our own origin', () => {
    expect(originAllowed('POST', { host, origin: 'http://accord.example:3000' }, 'http')).toBe(true)
  })
  it('refuses a post from a foreign origin, a missing one and the opaque "null"', () => {
    expect(originAllowed('POST', { host, origin: 'https://evil.example' }, 'http')).toBe(false)
    expect(originAllowed('POST', { host }, 'http')).toBe(false)
    expect(originAllowed('POST', { host, origin: 'null' }, 'http')).toBe(false)
  })
  it('refuses the right host over the wrong scheme', () => {
    expect(originAllowed('POST', { host, origin: 'https://accord.example:3000' }, 'http')).toBe(false)
  })
  it('accepts the configured public origin behind a proxy', () => {
    expect(originAllowed('POST', { host: '10.0.0.5:3000', origin: 'https://accord.example' }, 'http', 'https://accord.example/')).toBe(true)
  })
  it('exempts bearer-token calls', () => {
    expect(originAllowed('POST', { host, authorization: 'Bearer acc_x' }, 'http')).toBe(true)
  })
  it('does not exempt a malformed Authorization header, which authenticate() ignores in favour of the cookie (D13)', () => {
    for (const authorization of ['Bearer a b', 'Bearer', 'Bearer ', 'Basic abc', 'Bearerx acc_x']) {
      expect(originAllowed('POST', { host, authorization }, 'http')).toBe(false)
    }
  })
})
