import { describe, expect, it } from 'vitest'
import { changedFields } from './record-audit.server.ts'

describe('changedFields', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(changedFields({ role: 'VIEWER', name: 'A' }, { role: 'CLIENT_IT', name: 'A' })).toEqual({
      role: { before: 'VIEWER', after: 'CLIENT_IT' },
    })
  })
  it('treats a creation as every field going from null', () => {
    expect(changedFields(null, { email: 'x@y.z' })).toEqual({ email: { before: null, after: 'x@y.z' } })
  })
  it('compares dates by instant', () => {
    const d = '2026-01-01T00:00:00.000Z'
    expect(changedFields({ at: new Date(d) }, { at: new Date(d) })).toEqual({})
    expect(changedFields({ at: new Date(d) }, { at: null })).toEqual({ at: { before: d, after: null } })
  })
})
