import { describe, expect, it } from 'vitest'
import { safeRedirect } from './safe-redirect.ts'

describe('safeRedirect', () => {
  it('keeps same-site paths', () => expect(safeRedirect('/p/northwind-contoso?x=1')).toBe('/p/northwind-contoso?x=1'))
  it('refuses other sites', () => {
    expect(safeRedirect('//evil.example')).toBe('/')
    expect(safeRedirect('https://evil.example')).toBe('/')
    expect(safeRedirect('/\\evil.example')).toBe('/')
    expect(safeRedirect(null, '/home')).toBe('/home')
  })
})

describe('safeRedirect: encoded tricks (issue 13, D5)', () => {
  it.each(['/%09/evil.example', '/\t/evil.example', '/%0A', '/\n/evil.example', '/%2F/evil.example', '/%5Cevil.example', '/%E0%A4%A', '/\u0000x'])(
    'refuses %j',
    (to) => expect(safeRedirect(to)).toBe('/'),
  )
  it('keeps an encoded query value', () => expect(safeRedirect('/p/a?q=b%26c')).toBe('/p/a?q=b%26c'))
})
