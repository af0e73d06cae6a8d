import { type Role, roleCan, rolesForKind } from '../access/permissions.ts'
import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { type Tx, db } from '../db/client.server.ts'
import { AppError, notFound } from '../errors.ts'
import { ZRemoveMemberInput, ZUpdateMemberRoleInput } from './members.schemas.ts'

const ADMIN_ROLES: readonly Role[] = ['MSP_ADMIN', 'CLIENT_EXECUTIVE']

/**
 * Member changes in one organization happen one at a time (a row lock on the organization), and the caller's own
 * right is checked again inside: two admins demoting each other at once must not leave the organization with none.
 */
async function lockForMemberChange(tx: Tx, scope: OrgScope): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Organization" WHERE "id" = ${scope.orgId} FOR UPDATE`
  const me = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: scope.orgId, userId: scope.userId } } })
  if (!me) throw notFound('Organization')
  if (!roleCan(me.role, 'member.manage')) throw new AppError('FORBIDDEN', 'Your role does not allow this')
}

// An organization always keeps someone who can invite and manage members.
async function assertAdminRemains(tx: Tx, orgId: string, changingUserId: string): Promise<void> {
  const admins = await tx.membership.count({
    where: { organizationId: orgId, role: { in: [...ADMIN_ROLES] }, userId: { not: changingUserId } },
  })
  if (admins === 0) throw new AppError('CONFLICT', 'The organization must keep at least one admin')
}

export async function updateMemberRole(scope: OrgScope, actor: Actor, input: unknown): Promise<void> {
  const { userId, role } = ZUpdateMemberRoleInput.parse(input)
  if (!rolesForKind(scope.kind).includes(role)) {
    throw new AppError('BAD_REQUEST', `role: ${role} is not a role in an ${scope.kind} organization`, {
      fieldErrors: [{ field: 'role', message: `Choose one of ${rolesForKind(scope.kind).join(', ')}` }],
    })
  }
  await (await db()).$transaction(async (tx) => {
    await lockForMemberChange(tx, scope)
    const membership = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: scope.orgId, userId } } })
    if (!membership) throw notFound('Member')
    if (membership.role === role) return
    if (ADMIN_ROLES.includes(membership.role) && !ADMIN_ROLES.includes(role)) await assertAdminRemains(tx, scope.orgId, userId)
    await tx.membership.update({ where: { id: membership.id }, data: { role } })
    await recordAudit(tx, {
      actor,
      action: 'member.update',
      entityType: 'Membership',
      entityId: userId,
      organizationId: scope.orgId,
      before: { role: membership.role },
      after: { role },
    })
  })
}

export async function removeMember(scope: OrgScope, actor: Actor, input: unknown): Promise<void> {
  const { userId } = ZRemoveMemberInput.parse(input)
  await (await db()).$transaction(async (tx) => {
    await lockForMemberChange(tx, scope)
    const membership = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: scope.orgId, userId } },
      include: { user: { select: { email: true } } },
    })
    if (!membership) throw notFound('Member')
    if (ADMIN_ROLES.includes(membership.role)) await assertAdminRemains(tx, scope.orgId, userId)
    await tx.membership.delete({ where: { id: membership.id } })
    await recordAudit(tx, {
      actor,
      action: 'member.remove',
      entityType: 'Membership',
      entityId: userId,
      organizationId: scope.orgId,
      before: { email: membership.user.email, role: membership.role },
      after: null,
    })
  })
}
