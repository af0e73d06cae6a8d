import { z } from 'zod'
import { ROLES } from '../access/permissions.ts'
import { ZEmail } from '../auth/schemas.ts'

export const ZRole = z.enum(ROLES, { error: `Choose one of ${ROLES.join(', ')}` })

export const ZInviteMemberInput = z.object({ email: ZEmail, role: ZRole })
export type InviteMemberInput = z.infer<typeof ZInviteMemberInput>

export const ZRevokeInvitationInput = z.object({ invitationId: z.string().uuid({ error: 'Not an invitation id' }) })
export const ZUpdateMemberRoleInput = z.object({ userId: z.string().uuid({ error: 'Not a user id' }), role: ZRole })
export const ZRemoveMemberInput = z.object({ userId: z.string().uuid({ error: 'Not a user id' }) })

export const ZMember = z.object({ userId: z.string(), name: z.string(), email: z.string(), role: ZRole, since: z.string() })
export type MemberDto = z.infer<typeof ZMember>

export const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRole,
  expiresAt: z.string(),
  createdAt: z.string(),
  status: z.enum(['PENDING', 'EXPIRED', 'ACCEPTED', 'REVOKED']),
})
export type InvitationDto = z.infer<typeof ZInvitation>

export const INVITATION_DAYS = 7
