import type { OrgScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import type { InvitationDto, MemberDto } from './members.schemas.ts'

export function invitationStatus(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationDto['status'] {
  if (i.acceptedAt) return 'ACCEPTED'
  if (i.revokedAt) return 'REVOKED'
  return i.expiresAt <= now ? 'EXPIRED' : 'PENDING'
}

export function toMemberDto(m: { role: MemberDto['role']; createdAt: Date; user: { id: string; name: string; email: string } }): MemberDto {
  return { userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, since: m.createdAt.toISOString() }
}

/** The organization, its members and (for those who may invite) its invitations. */
export async function listOrgMembers(scope: OrgScope, options: { includeInvitations: boolean }) {
  const prisma = await db()
  const org = await prisma.organization.findUniqueOrThrow({
    where: { id: scope.orgId },
    select: {
      slug: true,
      name: true,
      kind: true,
      memberships: { orderBy: { user: { name: 'asc' } }, include: { user: { select: { id: true, name: true, email: true } } } },
      invitations: options.includeInvitations
        ? { where: { acceptedAt: null, revokedAt: null }, orderBy: { createdAt: 'desc' } }
        : false,
    },
  })
  return {
    org: { slug: org.slug, name: org.name, kind: org.kind },
    members: org.memberships.map(toMemberDto),
    invitations: (org.invitations ?? []).map(
      (i): InvitationDto => ({
        id: i.id,
        email: i.email,
        role: i.role,
        createdAt: i.createdAt.toISOString(),
        expiresAt: i.expiresAt.toISOString(),
        status: invitationStatus(i),
      }),
    ),
  }
}
