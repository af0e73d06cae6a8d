import { type Permission, type Role, roleCan } from './permissions.ts'

// The access policy, pure: given a partnership and the caller's memberships, decide what the caller may do.
// The database side (policy.server.ts) only loads the rows; every decision is made here.
export type Party = 'MSP' | 'CLIENT'

export interface PartnershipRef {
  id: string
  slug: string
  mspOrgId: string
  clientOrgId: string
}

export interface MembershipRef {
  organizationId: string
  role: Role
}

export interface PartnershipScope extends PartnershipRef {
  userId: string
  party: Party
  /** The caller's own organization in this partnership. */
  orgId: string
  role: Role
}

export interface OrgScope {
  userId: string
  orgId: string
  orgSlug: string
  kind: Party
  role: Role
}

export type Decision<T> = { ok: true; scope: T } | { ok: false; reason: 'NOT_FOUND' | 'FORBIDDEN' }

/**
 * A partnership the caller is not a party to is NOT_FOUND (its existence is not revealed); a party without the
 * permission is FORBIDDEN. An MSP member sees only partnerships of its own MSP; a client member sees all of its
 * organization's partnerships, whichever MSP serves them.
 */
export function decidePartnership(
  userId: string,
  partnership: PartnershipRef | null,
  memberships: readonly MembershipRef[],
  permission: Permission,
): Decision<PartnershipScope> {
  if (!partnership) return { ok: false, reason: 'NOT_FOUND' }
  const msp = memberships.find((m) => m.organizationId === partnership.mspOrgId)
  const client = memberships.find((m) => m.organizationId === partnership.clientOrgId)
  const membership = msp ?? client
  if (!membership) return { ok: false, reason: 'NOT_FOUND' }
  if (!roleCan(membership.role, permission)) return { ok: false, reason: 'FORBIDDEN' }
  return {
    ok: true,
    scope: {
      ...partnership,
      userId,
      party: msp ? 'MSP' : 'CLIENT',
      orgId: membership.organizationId,
      role: membership.role,
    },
  }
}

export function decideOrganization(
  userId: string,
  org: { id: string; slug: string; kind: Party } | null,
  memberships: readonly MembershipRef[],
  permission: Permission,
): Decision<OrgScope> {
  if (!org) return { ok: false, reason: 'NOT_FOUND' }
  const membership = memberships.find((m) => m.organizationId === org.id)
  if (!membership) return { ok: false, reason: 'NOT_FOUND' }
  if (!roleCan(membership.role, permission)) return { ok: false, reason: 'FORBIDDEN' }
  return { ok: true, scope: { userId, orgId: org.id, orgSlug: org.slug, kind: org.kind, role: membership.role } }
}
