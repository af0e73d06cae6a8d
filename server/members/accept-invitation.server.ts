import { recordAudit } from '../audit/record-audit.server.ts'
import { hashPassword } from '../auth/password.server.ts'
import { ZAcceptInvitationInput } from '../auth/schemas.ts'
import { assertPasswordsAllowed } from '../auth/sso/sso-only.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, fieldErrorsFromIssues } from '../errors.ts'
import { hashToken } from '../tokens/token-format.ts'
import { invitationStatus } from './list-org-members.server.ts'

/**
 * Accepts an invitation: a new address gets an account with the chosen password. For an address that already
 * has an account, the link alone is not enough (issue 13 §4): its holder must be signed in as that user — with
 * the password and, if on, the second factor — and the membership is then added. The link works once.
 */
export async function acceptInvitation(token: string, input: unknown, signedIn: { userId: string; email: string } | null, now = new Date()): Promise<{ userId: string }> {
  const prisma = await db()
  const invitation = await prisma.invitation.findUnique({ where: { tokenHash: hashToken(token) } })
  if (!invitation) throw new AppError('NOT_FOUND', 'This invitation link is not valid')
  const status = invitationStatus(invitation, now)
  if (status !== 'PENDING') {
    const why = { EXPIRED: 'has expired; ask for a new one', ACCEPTED: 'has already been used', REVOKED: 'was withdrawn' }[status]
    throw new AppError(status === 'EXPIRED' ? 'BAD_REQUEST' : 'CONFLICT', `This invitation ${why}`)
  }
  const existing = await prisma.user.findUnique({ where: { email: invitation.email } })

  let passwordHash: string | null = null
  let name: string | null = null
  if (existing) {
    if (!signedIn) throw new AppError('UNAUTHORIZED', `Sign in as ${invitation.email} to accept this invitation`)
    if (signedIn.userId !== existing.id) throw new AppError('FORBIDDEN', `This invitation is for ${invitation.email}: sign out, and sign in as that user to accept it`)
  } else {
    // An address of an SSO-only organization's domain gets no password: it accepts by signing in with SSO.
    await assertPasswordsAllowed({ email: invitation.email })
    const parsed = ZAcceptInvitationInput.safeParse(input)
    if (!parsed.success) throw new AppError('BAD_REQUEST', 'Check the highlighted fields', { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) })
    passwordHash = await hashPassword(parsed.data.password)
    name = parsed.data.name
  }

  return prisma.$transaction(async (tx) => {
    // Claim the invitation first: of two concurrent acceptances only one updates the row.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: now },
    })
    if (count === 0) throw new AppError('CONFLICT', 'This invitation has already been used')
    const user = existing ?? (await tx.user.create({ data: { email: invitation.email, name: name!, passwordHash } }))
    await tx.membership.upsert({
      where: { organizationId_userId: { organizationId: invitation.organizationId, userId: user.id } },
      create: { organizationId: invitation.organizationId, userId: user.id, role: invitation.role },
      update: {},
    })
    await recordAudit(tx, {
      actor: { userId: user.id, label: `${user.name} <${user.email}>` },
      action: 'invitation.accept',
      entityType: 'Membership',
      entityId: user.id,
      organizationId: invitation.organizationId,
      after: { email: user.email, role: invitation.role },
    })
    return { userId: user.id }
  })
}
