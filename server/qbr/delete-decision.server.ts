import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { ZVersionedRef } from '../workspace/workspace.schemas.ts'
import { toDecisionDto } from './qbr.mapper.ts'
import { applyDecisionUpdate } from './update-decision.server.ts'

/** Soft delete (and restore) of a decision while the QBR is open. */
export async function setDecisionDeleted(scope: PartnershipScope, actor: Actor, input: unknown, deleted: boolean) {
  const { id, baseVersion } = ZVersionedRef.parse(input)
  const result = await (await db()).$transaction((tx) => applyDecisionUpdate(tx, scope, actor, id, baseVersion, { deletedAt: deleted ? new Date() : null }, !deleted))
  return toDecisionDto(result.row)
}
