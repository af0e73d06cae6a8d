import { namedCache } from '../cache/short-cache.ts'
import { db } from '../db/client.server.ts'
import type { Prisma } from '../db/generated/client.ts'
import { AppError } from '../errors.ts'
import type { Permission, Role } from './permissions.ts'
import { type Decision, type OrgScope, type PartnershipScope, decideOrganization, decidePartnership } from './policy.ts'

export type { OrgScope, PartnershipScope }

/** The partnerships a user may see: those where the user is a member of the MSP or of the client. */
export function visiblePartnershipsWhere(userId: string): Prisma.PartnershipWhereInput {
  return {
    OR: [{ mspOrg: { memberships: { some: { userId } } } }, { clientOrg: { memberships: { some: { userId } } } }],
  }
}

function unwrap<T>(decision: Decision<T>, what: string): T {
  if (decision.ok) return decision.scope
  if (decision.reason === 'NOT_FOUND') throw new AppError('NOT_FOUND', `${what} not found`)
  throw new AppError('FORBIDDEN', 'Your role does not allow this')
}

/** Resolves an unverified partnership slug from a request into a verified scope, or throws 404/403. */
// The rows a decision reads, cached for two seconds (membership changes in this process clear it at once).
const SCOPE_TTL_MS = 2_000
type ScopeRows = [Awaited<ReturnType<typeof loadPartnershipRows>>[0], Array<{ organizationId: string; role: Role }>]

async function loadPartnershipRows(userId: string, slug: string) {
  const prisma = await db()
  return Promise.all([
    prisma.partnership.findFirst({
      where: { slug, ...visiblePartnershipsWhere(userId) },
      select: { id: true, slug: true, mspOrgId: true, clientOrgId: true },
    }),
    prisma.membership.findMany({ where: { userId }, select: { organizationId: true, role: true } }),
  ])
}

export async function requirePartnershipScope(userId: string, slug: string, permission: Permission): Promise<PartnershipScope> {
  const [partnership, memberships] = await namedCache<ScopeRows>('scopes', SCOPE_TTL_MS).getOrCompute(`${userId}|${slug}`, () =>
    loadPartnershipRows(userId, slug),
  )
  return unwrap(decidePartnership(userId, partnership, memberships, permission), 'Partnership')
}

export async function requireOrgScope(userId: string, orgSlug: string, permission: Permission): Promise<OrgScope> {
  const prisma = await db()
  const [org, memberships] = await Promise.all([
    prisma.organization.findFirst({
      where: { slug: orgSlug, memberships: { some: { userId } } },
      select: { id: true, slug: true, kind: true },
    }),
    prisma.membership.findMany({ where: { userId }, select: { organizationId: true, role: true } }),
  ])
  return unwrap(decideOrganization(userId, org, memberships, permission), 'Organization')
}

/**
 * Operator commands (the `accord` CLI) act on a partnership by slug without a signed-in user: this builds a
 * scope with the MSP's admin rights. It skips the access policy, hence the name; never call it from a route.
 */
export async function unsafeOperatorScope(slug: string): Promise<PartnershipScope> {
  const p = await (await db()).partnership.findUnique({ where: { slug }, select: { id: true, slug: true, mspOrgId: true, clientOrgId: true } })
  if (!p) throw new AppError('BAD_REQUEST', `partnership: no partnership "${slug}"`, { fieldErrors: [{ field: 'partnership', message: 'No such partnership' }] })
  return { ...p, userId: 'operator', party: 'MSP', orgId: p.mspOrgId, role: 'MSP_ADMIN' }
}

/** As unsafeOperatorScope, for an organization (the CLI's `accord portfolio --msp S`): its admin's rights, no policy check. */
export async function unsafeOperatorOrgScope(slug: string): Promise<OrgScope> {
  const org = await (await db()).organization.findUnique({ where: { slug }, select: { id: true, slug: true, kind: true } })
  if (!org) throw new AppError('BAD_REQUEST', `org: no organization "${slug}"`, { fieldErrors: [{ field: 'org', message: 'No such organization' }] })
  return { userId: 'operator', orgId: org.id, orgSlug: org.slug, kind: org.kind, role: org.kind === 'MSP' ? 'MSP_ADMIN' : 'CLIENT_EXECUTIVE' }
}
