import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { ACTION_ITEM_INCLUDE, toActionItemDto } from './qbr.mapper.ts'
import { OPEN_ACTION_STATUSES, ZListActionItemsInput } from './qbr.schemas.ts'

/** The partnership's action items across all QBRs (by default the open ones), earliest due first. */
export async function listActionItems(scope: PartnershipScope, input: unknown) {
  const { open } = ZListActionItemsInput.parse(input)
  const rows = await (await db()).qbrActionItem.findMany({
    where: { partnershipId: scope.id, deletedAt: null, qbr: { deletedAt: null }, ...(open ? { status: { in: [...OPEN_ACTION_STATUSES] } } : {}) },
    include: ACTION_ITEM_INCLUDE,
    orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
  })
  return rows.map(toActionItemDto)
}
