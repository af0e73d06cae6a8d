import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { updateActionItem } from '../qbr/update-action-item.server.ts'
import { applyRoadmapItemUpdate } from '../roadmap/update-roadmap-item.server.ts'
import { ZCloseLinkedItemInput } from './writeback.schemas.ts'

/**
 * The PSA closed the ticket: the person who accepts the offer closes the item, through the item's own versioned
 * update (a stale baseVersion is a 409, as for any edit). An approved roadmap item goes through IN_PROGRESS to DONE,
 * both steps or neither.
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
  // One transaction: a failed second step (an error, or the state machine refusing) must not leave the item half
  // closed, IN_PROGRESS while the caller hears of a failure. Its first step's write holds the row until the commit,
  // so no concurrent edit can come between the two.
  const result = await prisma.$transaction(async (tx) => {
    const item = await tx.roadmapItem.findFirst({ where: { id: link.itemId, partnershipId: scope.id }, select: { status: true } })
    let version = baseVersion
    if (item?.status === 'APPROVED') version = (await applyRoadmapItemUpdate(tx, scope, actor, { slug: scope.slug, id: link.itemId, baseVersion, changes: { status: 'IN_PROGRESS' } })).item.version
    return applyRoadmapItemUpdate(tx, scope, actor, { slug: scope.slug, id: link.itemId, baseVersion: version, changes: { status: 'DONE' } })
  })
  return { itemKind: link.itemKind, status: result.item.status }
}
