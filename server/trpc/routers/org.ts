import { z } from 'zod'
import { roleCan } from '../../access/permissions.ts'
import { ZAuditPage, ZListAuditEventsInput, listOrgAuditEvents } from '../../audit/list-audit-events.server.ts'
import { inviteMember } from '../../members/invite-member.server.ts'
import { listOrgMembers } from '../../members/list-org-members.server.ts'
import {
  ZInvitation,
  ZInviteMemberInput,
  ZMember,
  ZRemoveMemberInput,
  ZRevokeInvitationInput,
  ZUpdateMemberRoleInput,
} from '../../members/members.schemas.ts'
import { getOrgMfa, removeMemberMfa, setOrgMfaRequired } from '../../members/member-mfa.server.ts'
import { ZRemoveMemberMfaInput, ZSetMfaRequiredInput } from '../../auth/mfa.schemas.ts'
import { revokeInvitation } from '../../members/revoke-invitation.server.ts'
import { removeMember, updateMemberRole } from '../../members/update-member-role.server.ts'
import { listOutbox } from '../../notifications/list-outbox.server.ts'
import { ZListOutboxInput, ZOutboxMessage } from '../../notifications/notifications.schemas.ts'
import { ZSlug } from '../../partnerships/partnerships.schemas.ts'
import { ZSetHeadcountInput } from '../../organizations/organization-headcount.schemas.ts'
import { getHeadcount, setHeadcount } from '../../organizations/set-headcount.server.ts'
import { orgProcedure, router } from '../init.ts'

const ZOrgInput = z.object({ org: ZSlug })

export const orgRouter = router({
  members: orgProcedure('member.read')
    .input(ZOrgInput)
    .output(
      z.object({
        org: z.object({ slug: z.string(), name: z.string(), kind: z.enum(['MSP', 'CLIENT']) }),
        members: z.array(ZMember),
        invitations: z.array(ZInvitation),
      }),
    )
    .query(({ ctx }) => listOrgMembers(ctx.scope, { includeInvitations: roleCan(ctx.scope.role, 'member.invite') })),
  invite: orgProcedure('member.invite')
    .input(ZOrgInput.extend(ZInviteMemberInput.shape))
    .output(z.object({ invitationId: z.string(), email: z.string(), expiresAt: z.string(), link: z.string() }))
    .mutation(({ ctx, input }) => inviteMember(ctx.scope, ctx.actor, input, ctx.appUrl)),
  revokeInvitation: orgProcedure('member.invite')
    .input(ZOrgInput.extend(ZRevokeInvitationInput.shape))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.scope, ctx.actor, input)),
  updateMemberRole: orgProcedure('member.manage')
    .input(ZOrgInput.extend(ZUpdateMemberRoleInput.shape))
    .mutation(({ ctx, input }) => updateMemberRole(ctx.scope, ctx.actor, input)),
  removeMember: orgProcedure('member.manage')
    .input(ZOrgInput.extend(ZRemoveMemberInput.shape))
    .mutation(({ ctx, input }) => removeMember(ctx.scope, ctx.actor, input)),
  // Two-step sign-in: the organization's rule and its members' state, for its admins (ADR 017).
  mfa: orgProcedure('member.manage').input(ZOrgInput).query(({ ctx }) => getOrgMfa(ctx.scope)),
  setMfaRequired: orgProcedure('member.manage')
    .input(ZOrgInput.extend(ZSetMfaRequiredInput.shape))
    .mutation(({ ctx, input }) => setOrgMfaRequired(ctx.scope, ctx.actor, input)),
  removeMemberMfa: orgProcedure('member.manage')
    .input(ZOrgInput.extend(ZRemoveMemberMfaInput.shape))
    .mutation(({ ctx, input }) => removeMemberMfa(ctx.scope, ctx.actor, input)),
  // The client's headcount (incidents per 100 users, ADR 024): read by its members, set by its admins.
  headcount: orgProcedure('member.read').input(ZOrgInput).query(({ ctx }) => getHeadcount(ctx.scope)),
  setHeadcount: orgProcedure('member.manage')
    .input(ZOrgInput.extend(ZSetHeadcountInput.shape))
    .mutation(({ ctx, input }) => setHeadcount(ctx.scope, ctx.actor, input)),
  audit: orgProcedure('audit.read')
    .input(ZOrgInput.extend(ZListAuditEventsInput.shape))
    .output(ZAuditPage)
    .query(({ ctx, input }) => listOrgAuditEvents(ctx.scope, input)),
  // The development outbox and failed deliveries, for the organization's admins (mail to its members only).
  outbox: orgProcedure('member.manage')
    .input(ZOrgInput.extend(ZListOutboxInput.shape))
    .output(z.array(ZOutboxMessage))
    .query(({ ctx, input }) => listOutbox(ctx.scope, input)),
})
