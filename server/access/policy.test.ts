import { describe, expect, it } from 'vitest'
import { PERMISSIONS, ROLES, roleCan } from './permissions.ts'
import { decideOrganization, decidePartnership } from './policy.ts'

const northwindContoso = { id: 'p1', slug: 'northwind-contoso', mspOrgId: 'northwind', clientOrgId: 'contoso' }

describe('decidePartnership', () => {
  it('gives an MSP member the MSP party with its role', () => {
    const d = decidePartnership('u', northwindContoso, [{ organizationId: 'northwind', role: 'ACCOUNT_MANAGER' }], 'partnership.read')
    expect(d).toEqual({ ok: true, scope: expect.objectContaining({ party: 'MSP', orgId: 'northwind', role: 'ACCOUNT_MANAGER', id: 'p1' }) })
  })

  it('gives a client member the CLIENT party', () => {
    const d = decidePartnership('u', northwindContoso, [{ organizationId: 'contoso', role: 'CLIENT_IT' }], 'partnership.read')
    expect(d).toEqual({ ok: true, scope: expect.objectContaining({ party: 'CLIENT', orgId: 'contoso' }) })
  })

  it('hides the partnership from another MSP serving the same client', () => {
    const d = decidePartnership('u', northwindContoso, [{ organizationId: 'tailspin', role: 'MSP_ADMIN' }], 'partnership.read')
    expect(d).toEqual({ ok: false, reason: 'NOT_FOUND' })
  })

  it('hides the partnership from another client of the same MSP', () => {
    const d = decidePartnership('u', northwindContoso, [{ organizationId: 'fabrikam', role: 'CLIENT_EXECUTIVE' }], 'partnership.read')
    expect(d).toEqual({ ok: false, reason: 'NOT_FOUND' })
  })

  it('answers NOT_FOUND for a missing partnership, the same as for a hidden one', () => {
    expect(decidePartnership('u', null, [{ organizationId: 'northwind', role: 'MSP_ADMIN' }], 'partnership.read')).toEqual({
      ok: false,
      reason: 'NOT_FOUND',
    })
  })

  it('forbids a party whose role lacks the permission', () => {
    const d = decidePartnership('u', northwindContoso, [{ organizationId: 'contoso', role: 'VIEWER' }], 'audit.read')
    expect(d).toEqual({ ok: false, reason: 'FORBIDDEN' })
  })
})

describe('decideOrganization', () => {
  const org = { id: 'northwind', slug: 'northwind', kind: 'MSP' as const }
  it('lets an admin invite and stops an account manager', () => {
    expect(decideOrganization('u', org, [{ organizationId: 'northwind', role: 'MSP_ADMIN' }], 'member.invite').ok).toBe(true)
    expect(decideOrganization('u', org, [{ organizationId: 'northwind', role: 'ACCOUNT_MANAGER' }], 'member.invite')).toEqual({
      ok: false,
      reason: 'FORBIDDEN',
    })
  })
  it('hides an organization the user does not belong to', () => {
    expect(decideOrganization('u', org, [{ organizationId: 'tailspin', role: 'MSP_ADMIN' }], 'member.read')).toEqual({
      ok: false,
      reason: 'NOT_FOUND',
    })
  })
})

describe('the permission registry', () => {
  it('lets only MSP_ADMIN and CLIENT_EXECUTIVE invite members', () => {
    expect(ROLES.filter((r) => roleCan(r, 'member.invite'))).toEqual(['MSP_ADMIN', 'CLIENT_EXECUTIVE'])
  })
  it('grants every role partnership.read and names only registered permissions', () => {
    for (const role of ROLES) expect(roleCan(role, 'partnership.read')).toBe(true)
    expect(PERMISSIONS.length).toBe(new Set(PERMISSIONS).size)
  })
})
