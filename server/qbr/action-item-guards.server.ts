import type { PartnershipScope } from '../access/policy.server.ts'
import type { Tx } from '../db/client.server.ts'
import { badRequest } from '../errors.ts'
import { assertAgendaItem, assertLink } from './qbr-guards.server.ts'

/** An action item's owner (if a member) belongs to either party; its link and agenda item are in scope. */
export async function assertActionItemRefs(
  tx: Tx,
  scope: PartnershipScope,
  qbrId: string,
  fields: { ownerUserId?: string | null; agendaItemId?: string | null; linkType?: unknown; linkRef?: string | null },
  current?: { linkType: string | null; linkRef: string | null },
): Promise<void> {
  if (fields.ownerUserId) {
    const member = await tx.membership.count({ where: { userId: fields.ownerUserId, organizationId: { in: [scope.mspOrgId, scope.clientOrgId] } } })
    if (!member) throw badRequest('ownerUserId', 'Not a member of either party')
  }
  await assertAgendaItem(tx, scope, qbrId, fields.agendaItemId)
  if ('linkType' in fields || 'linkRef' in fields) {
    const linkType = ('linkType' in fields ? fields.linkType : current?.linkType) as Parameters<typeof assertLink>[2]
    const linkRef = 'linkRef' in fields ? fields.linkRef : current?.linkRef
    await assertLink(tx, scope, linkType ?? null, linkRef ?? null)
  }
}
