import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { recordCreation } from '../workspace/versioned-update.server.ts'
import { assertAgendaItem, assertNotClosed, findQbr } from './qbr-guards.server.ts'
import { toDecisionDto } from './qbr.mapper.ts'
import { ZAddDecisionInput } from './qbr.schemas.ts'

export async function addDecision(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { slug: _slug, qbrId, ...fields } = ZAddDecisionInput.parse(input)
  const row = await (await db()).$transaction(async (tx) => {
    assertNotClosed(await findQbr(tx, scope, qbrId))
    await assertAgendaItem(tx, scope, qbrId, fields.agendaItemId)
    const created = await tx.qbrDecision.create({ data: { ...fields, partnershipId: scope.id, qbrId } })
    await recordCreation(tx, scope, actor, 'QbrDecision', created.id, { ...fields, qbrId })
    return created
  })
  return toDecisionDto(row)
}
