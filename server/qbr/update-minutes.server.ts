import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { toAgendaDto } from './qbr.mapper.ts'
import { ZUpdateMinutesInput } from './qbr.schemas.ts'
import { applyAgendaItemUpdate } from './update-agenda-item.server.ts'

/** The minutes of one agenda item: co-edited like any field (409 with both texts when two people wrote at once). */
export async function updateMinutes(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id, baseVersion, minutes } = ZUpdateMinutesInput.parse(input)
  const result = await (await db()).$transaction((tx) => applyAgendaItemUpdate(tx, scope, actor, id, baseVersion, { minutes }))
  return { item: toAgendaDto(result.row), merged: result.merged, changedFields: result.changedFields }
}
