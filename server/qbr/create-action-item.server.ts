import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { recordCreation } from '../workspace/versioned-update.server.ts'
import { assertActionItemRefs } from './action-item-guards.server.ts'
import { assertNotClosed, findQbr } from './qbr-guards.server.ts'
import { ACTION_ITEM_INCLUDE, actionItemColumns, toActionItemDto } from './qbr.mapper.ts'
import { ZCreateActionItemInput } from './qbr.schemas.ts'

/** An action item raised in a QBR that is not closed yet. */
export async function createActionItem(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { slug: _slug, qbrId, ...fields } = ZCreateActionItemInput.parse(input)
  const row = await (await db()).$transaction(async (tx) => {
    assertNotClosed(await findQbr(tx, scope, qbrId), 'raise new action items in the next QBR')
    await assertActionItemRefs(tx, scope, qbrId, fields)
    const columns = actionItemColumns(fields)
    const created = await tx.qbrActionItem.create({
      data: { ...(columns as object), title: fields.title, owner: fields.owner, party: fields.party, partnershipId: scope.id, qbrId },
      include: ACTION_ITEM_INCLUDE,
    })
    await recordCreation(tx, scope, actor, 'QbrActionItem', created.id, { ...columns, qbrId })
    return created
  })
  return toActionItemDto(row)
}
