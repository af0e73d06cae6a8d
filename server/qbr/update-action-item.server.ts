import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { type Tx, db } from '../db/client.server.ts'
import { applyVersionedUpdate } from '../workspace/versioned-update.server.ts'
import { assertActionItemRefs } from './action-item-guards.server.ts'
import { assertNotClosed } from './qbr-guards.server.ts'
import { ACTION_ITEM_INCLUDE, type ActionItemRow, actionItemColumns, toActionItemDto } from './qbr.mapper.ts'
import { ZUpdateActionItemInput } from './qbr.schemas.ts'

/**
 * The versioned update of an action item. Its status and details stay editable after its QBR closes: the item is
 * followed up until done, and it is the same row in every QBR that reviews it. Deleting needs an open QBR.
 */
export async function applyActionItemUpdate(tx: Tx, scope: PartnershipScope, actor: Actor, id: string, baseVersion: number, changes: Record<string, unknown>, allowDeleted = false) {
  const item = await tx.qbrActionItem.findFirst({ where: { id, partnershipId: scope.id }, select: { qbrId: true, linkType: true, linkRef: true, qbr: { select: { status: true, quarter: true } } } })
  if (item) {
    if ('deletedAt' in changes) assertNotClosed(item.qbr, 'its action items stay on record (mark one DROPPED instead)')
    await assertActionItemRefs(tx, scope, item.qbrId, changes, item)
  }
  return applyVersionedUpdate<ActionItemRow>({
    tx,
    scope,
    actor,
    entityType: 'QbrActionItem',
    id,
    baseVersion,
    changes: actionItemColumns(changes),
    allowDeleted,
    load: (t) => t.qbrActionItem.findFirst({ where: { id, partnershipId: scope.id }, include: ACTION_ITEM_INCLUDE }),
    write: async (t, expectedVersion, data) => (await t.qbrActionItem.updateMany({ where: { id, partnershipId: scope.id, version: expectedVersion }, data })).count,
    present: toActionItemDto,
  })
}

export async function updateActionItem(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id, baseVersion, changes } = ZUpdateActionItemInput.parse(input)
  const result = await (await db()).$transaction((tx) => applyActionItemUpdate(tx, scope, actor, id, baseVersion, changes))
  return { item: toActionItemDto(result.row), merged: result.merged, changedFields: result.changedFields }
}
