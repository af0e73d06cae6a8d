import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { updateActionItem } from '../qbr/update-action-item.server.ts'
import { updateRoadmapItem } from '../roadmap/update-roadmap-item.server.ts'
import { ZCloseLinkedItemInput } from './writeback.schemas.ts'

/**
 * The PSA closed the ticket: the person who accepts the offer closes the item, through the item's own versioned
 * update (a stale baseVersion is a 409, as for any edit). An approved roadmap item goes through IN_PROGRESS to DONE.
 */
export async function closeLinkedItem(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { linkId, baseVersion } = ZCloseLinkedItemInput.parse(input)
  const prisma = await db()
  const link = await prisma.psaTicketLink.findFirst({ where: { id: linkId, partnershipId: scope.id } })
  if (!link) throw new AppError('NOT_FOUND', 'linkId: no such PSA ticket in this partnership')
  if (!link.psaClosed) throw new AppError('BAD_REQUEST', `linkId: PSA ticket ${link.ticketNumber ?? ''} is not closed`.replace('  ', ' '), { fieldErrors: [{ field: 'linkId', message: 'Not closed in the PSA' }] })
  if (link.itemKind === 'ACTION_ITEM') {
    const result = await updateActionItem(scope, actor, { slug: scope.slug, id: link.itemId, baseVersion, changes: { status: 'DONE' } })
    return { itemKind: link.itemKind, status: result.item.status }
  }
  let version = baseVersion
  const item = await prisma.roadmapItem.findFirst({ where: { id: link.itemId, partnershipId: scope.id }, select: { status: true } })
  if (item?.status === 'APPROVED') version = (await updateRoadmapItem(scope, actor, { slug: scope.slug, id: link.itemId, baseVersion, changes: { status: 'IN_PROGRESS' } }, null)).item.version
  const result = await updateRoadmapItem(scope, actor, { slug: scope.slug, id: link.itemId, baseVersion: version, changes: { status: 'DONE' } }, null)
  return { itemKind: link.itemKind, status: result.item.status }
}
