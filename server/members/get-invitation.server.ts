import { db } from '../db/client.server.ts'
import { hashToken } from '../tokens/token-format.ts'
import { invitationStatus } from './list-org-members.server.ts'

/** What the acceptance page shows for an invitation link; null when the link matches no invitation. */
export async function getInvitationByToken(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
  const prisma = await db()
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { name: true, kind: true } } },
  })
  if (!invitation) return null
  const existingUser = await prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } })
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    orgName: invitation.organization.name,
    orgKind: invitation.organization.kind,
    expiresAt: invitation.expiresAt.toISOString(),
    status: invitationStatus(invitation, now),
    existingUser: existingUser !== null,
  }
}
