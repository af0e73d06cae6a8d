import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { ZRevokeInvitationInput } from './members.schemas.ts'

export async function revokeInvitation(scope: OrgScope, actor: Actor, input: unknown): Promise<void> {
  const { invitationId } = ZRevokeInvitationInput.parse(input)
  await (await db()).$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, organizationId: scope.orgId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    })
    if (count === 0) throw notFound('Invitation')
    await recordAudit(tx, {
      actor,
      action: 'invitation.revoke',
      entityType: 'Invitation',
      entityId: invitationId,
      organizationId: scope.orgId,
      before: { status: 'PENDING' },
      after: { status: 'REVOKED' },
    })
  })
}
