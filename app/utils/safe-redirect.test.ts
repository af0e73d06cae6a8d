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
