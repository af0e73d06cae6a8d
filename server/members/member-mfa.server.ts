import type { OrgScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { recordAudit } from '../audit/record-audit.server.ts'
import { forgetMfaDue, removeMfa } from '../auth/mfa-enrolment.server.ts'
import { ZRemoveMemberMfaInput, ZSetMfaRequiredInput } from '../auth/mfa.schemas.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'

/** The organization's MFA rule and each member's MFA state, for its admins. */
export async function getOrgMfa(scope: OrgScope) {
  const prisma = await db()
  const org = await prisma.organization.findUniqueOrThrow({
    where: { id: scope.orgId },
    select: {
      slug: true,
      name: true,
      mfaRequired: true,
      memberships: { orderBy: { user: { name: 'asc' } }, select: { role: true, user: { select: { id: true, name: true, email: true, totp: { select: { confirmedAt: true } } } } } },
    },
  })
  return {
    org: { slug: org.slug, name: org.name },
    mfaRequired: org.mfaRequired,
    members: org.memberships.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      mfaEnabledAt: m.user.totp?.confirmedAt?.toISOString() ?? null,
    })),
  }
}

export async function setOrgMfaRequired(scope: OrgScope, actor: Actor, input: unknown) {
  const { required } = ZSetMfaRequiredInput.parse(input)
  const prisma = await db()
  await prisma.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: scope.orgId }, select: { mfaRequired: true } })
    await tx.organization.update({ where: { id: scope.orgId }, data: { mfaRequired: required } })
    await recordAudit(tx, { actor, action: 'organization.mfa-required', entityType: 'Organization', entityId: scope.orgId, organizationId: scope.orgId, before, after: { mfaRequired: required } })
  })
  forgetMfaDue()
  return { mfaRequired: required }
}

/**
 * An org admin removes a member's MFA (a lost phone, no recovery codes left). Only a member of the admin's own
 * organization: the membership is part of the look-up, so another organization's user is a 404.
 */
export async function removeMemberMfa(scope: OrgScope, actor: Actor, input: unknown) {
  const { userId } = ZRemoveMemberMfaInput.parse(input)
  const member = await (await db()).membership.findFirst({
    where: { organizationId: scope.orgId, userId },
    select: { user: { select: { totp: { select: { confirmedAt: true } } } } },
  })
  if (!member) throw new AppError('NOT_FOUND', 'Member not found')
  if (!member.user.totp?.confirmedAt) throw new AppError('CONFLICT', 'This member has no two-step sign-in to remove')
  await removeMfa(actor, userId, 'mfa.remove-by-admin', scope.orgId)
  return { ok: true as const }
}
