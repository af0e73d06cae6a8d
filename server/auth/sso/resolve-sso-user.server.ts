import type { Actor } from '../../audit/record-audit.server.ts'
import { recordAudit } from '../../audit/record-audit.server.ts'
import { db } from '../../db/client.server.ts'
import type { Role } from '../../db/generated/client.ts'
import { AppError } from '../../errors.ts'

export interface VerifiedIdentity {
  email: string
  name: string | null
  issuer: string
  subject: string
}

interface Connection {
  organizationId: string
  unknownUserPolicy: 'REFUSE' | 'PROVISION'
  provisionRole: Role | null
}

const ssoActor = (identity: VerifiedIdentity): Actor => ({ userId: null, label: `SSO <${identity.email}>` })

/**
 * Who a verified address of a verified domain is in the organization: its member; else the holder of a pending
 * invitation (accepted now, with the invited role); else, if the organization provisions, a new member with the
 * chosen role; else refused. The user row is shared across organizations, keyed by email, and created without a
 * password when new.
 */
export async function resolveSsoUser(connection: Connection, identity: VerifiedIdentity, now = new Date()): Promise<{ userId: string; how: string }> {
  const prisma = await db()
  const orgId = connection.organizationId
  const result = await prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: identity.email }, select: { id: true, memberships: { where: { organizationId: orgId }, select: { id: true } } } })
    if (existing && existing.memberships.length > 0) return { userId: existing.id, how: 'member' }

    const invitation = await tx.invitation.findFirst({
      where: { organizationId: orgId, email: identity.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: 'desc' },
    })
    const role = invitation?.role ?? (connection.unknownUserPolicy === 'PROVISION' ? connection.provisionRole : null)
    if (!role) return { userId: '', how: 'refused' }

    const user = existing ?? (await tx.user.create({ data: { email: identity.email, name: identity.name?.trim().slice(0, 120) || identity.email.split('@')[0], passwordHash: null } }))
    if (invitation) await tx.invitation.update({ where: { id: invitation.id, organizationId: orgId }, data: { acceptedAt: now } })
    const membership = await tx.membership.create({ data: { organizationId: orgId, userId: user.id, role } })
    await recordAudit(tx, {
      actor: ssoActor(identity),
      action: invitation ? 'sso.invitation.accept' : 'sso.provision',
      entityType: 'Membership',
      entityId: membership.id,
      organizationId: orgId,
      after: { email: identity.email, role },
    })
    return { userId: user.id, how: invitation ? 'invitation' : 'provisioned' }
  })
  const audit = (action: string, entityId: string, actor: Actor, after: Record<string, unknown>) =>
    prisma.$transaction((tx) => recordAudit(tx, { actor, action, entityType: 'User', entityId, organizationId: orgId, after }))
  if (result.how === 'refused') {
    await audit('sso.signIn.refused', identity.email, ssoActor(identity), { email: identity.email, reason: 'no membership or invitation' })
    throw new AppError('FORBIDDEN', `${identity.email} has no Accord account in this organization. Ask one of its administrators for an invitation.`)
  }
  await audit('sso.signIn', result.userId, { userId: result.userId, label: `SSO <${identity.email}>` }, { email: identity.email, issuer: identity.issuer, subject: identity.subject, via: result.how })
  return result
}
