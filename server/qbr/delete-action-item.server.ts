import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { ZVersionedRef } from '../workspace/workspace.schemas.ts'
import { toActionItemDto } from './qbr.mapper.ts'
import { applyActionItemUpdate } from './update-action-item.server.ts'

/** Soft delete (and restore) of an action item raised by mistake, while its QBR is open. */
export async function setActionItemDeleted(scope: PartnershipScope, actor: Actor, input: unknown, deleted: boolean) {
  const { id, baseVersion } = ZVersionedRef.parse(input)
  const result = await (await db()).$transaction((tx) => applyActionItemUpdate(tx, scope, actor, id, baseVersion, { deletedAt: deleted ? new Date() : null }, !deleted))
  return toActionItemDto(result.row)
}
