import { randomBytes } from 'node:crypto'
import { rolesForKind } from '../access/permissions.ts'
import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { sendEmail } from '../../emails/send-email.server.ts'
import { invitationEmail } from '../../emails/templates/invitation.tsx'
import { hashToken } from '../tokens/token-format.ts'
import { INVITATION_DAYS, ZInviteMemberInput } from './members.schemas.ts'

export interface InviteResult {
  invitationId: string
  email: string
  expiresAt: string
  /** The acceptance link; shown to the inviter (and sent by email). */
  link: string
}

export async function inviteMember(scope: OrgScope, actor: Actor, input: unknown, appUrl: string, now = new Date()): Promise<InviteResult> {
  const { email, role } = ZInviteMemberInput.parse(input)
  if (!rolesForKind(scope.kind).includes(role)) {
    throw new AppError('BAD_REQUEST', `role: ${role} is not a role in an ${scope.kind} organization`, {
      fieldErrors: [{ field: 'role', message: `Choose one of ${rolesForKind(scope.kind).join(', ')}` }],
    })
  }
  const prisma = await db()
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000)
  const { invitation, orgName } = await prisma.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { organizationId: scope.orgId, user: { email } } })
    if (member) {
      throw new AppError('CONFLICT', `${email} is already a member`, { fieldErrors: [{ field: 'email', message: 'Already a member' }] })
    }
    // A new invitation replaces any pending one for the same address: only the newest link works.
    await tx.invitation.updateMany({
      where: { organizationId: scope.orgId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    })
    const created = await tx.invitation.create({
      data: { organizationId: scope.orgId, email, role, tokenHash: hashToken(token), invitedById: actor.userId, expiresAt },
    })
    await recordAudit(tx, {
      actor,
      action: 'invitation.create',
      entityType: 'Invitation',
      entityId: created.id,
      organizationId: scope.orgId,
      after: { email, role, expiresAt },
    })
    const org = await tx.organization.findUniqueOrThrow({ where: { id: scope.orgId }, select: { name: true } })
    return { invitation: created, orgName: org.name }
  })
  const link = `${appUrl.replace(/\/$/, '')}/invitations/${token}`
  // After the commit: the mail leaves only for an invitation that exists. A delivery failure is recorded in the
  // outbox and does not fail the invitation (the link is returned to the inviter either way).
  const rendered = await invitationEmail({ orgName, inviterName: actor.label, role, link, expiresAt })
  await sendEmail({ ...rendered, to: email, kind: 'INVITATION', context: { organizationId: scope.orgId } })
  return { invitationId: invitation.id, email, expiresAt: expiresAt.toISOString(), link }
}
