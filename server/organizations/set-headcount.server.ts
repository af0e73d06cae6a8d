import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { bumpPartnership } from '../cache/short-cache.ts'
import { roleCan } from '../access/permissions.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { ZSetHeadcountInput } from './organization-headcount.schemas.ts'

/** The client organization's headcount, for incidents per 100 users (ADR 024). */
export async function getHeadcount(scope: OrgScope): Promise<{ org: { slug: string; name: string }; headcount: number | null; kind: 'MSP' | 'CLIENT'; canEdit: boolean }> {
  const org = await (await db()).organization.findUniqueOrThrow({ where: { id: scope.orgId }, select: { slug: true, name: true, headcount: true, kind: true } })
  return { org: { slug: org.slug, name: org.name }, headcount: org.headcount, kind: org.kind, canEdit: org.kind === 'CLIENT' && roleCan(scope.role, 'member.manage') }
}

/** A client admin sets the headcount; a stale `expected` is a 409, an MSP organization has none (400). */
export async function setHeadcount(scope: OrgScope, actor: Actor, input: unknown): Promise<{ headcount: number | null }> {
  const { headcount, expected } = ZSetHeadcountInput.parse(input)
  const prisma = await db()
  const partnerships = await prisma.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: scope.orgId }, select: { headcount: true, kind: true } })
    // An MSP organization has none: clearing it is a no-op, setting one a 400.
    if (before.kind !== 'CLIENT' && headcount === null) return null
    if (before.kind !== 'CLIENT') throw new AppError('BAD_REQUEST', 'headcount: only a client organization has one', { fieldErrors: [{ field: 'headcount', message: 'Only a client organization has a headcount' }] })
    // Compare-and-set in the write itself: two admins saving at once cannot both win.
    const { count } = await tx.organization.updateMany({ where: { id: scope.orgId, headcount: expected }, data: { headcount } })
    if (count === 0) throw new AppError('CONFLICT', `headcount: changed to ${before.headcount ?? 'none'} by someone else; reload and try again`)
    await recordAudit(tx, { actor, action: 'organization.headcount', entityType: 'Organization', entityId: scope.orgId, organizationId: scope.orgId, before: { headcount: before.headcount }, after: { headcount } })
    return tx.partnership.findMany({ where: { clientOrgId: scope.orgId }, select: { id: true } })
  })
  for (const p of partnerships ?? []) bumpPartnership(p.id)
  return { headcount }
}
