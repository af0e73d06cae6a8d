import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { type Tx, db } from '../db/client.server.ts'
import type { QbrDecision } from '../db/generated/client.ts'
import { applyVersionedUpdate } from '../workspace/versioned-update.server.ts'
import { assertAgendaItem, assertNotClosed, findQbr } from './qbr-guards.server.ts'
import { toDecisionDto } from './qbr.mapper.ts'
import { ZUpdateDecisionInput } from './qbr.schemas.ts'

export async function applyDecisionUpdate(tx: Tx, scope: PartnershipScope, actor: Actor, id: string, baseVersion: number, changes: Record<string, unknown>, allowDeleted = false) {
  const decision = await tx.qbrDecision.findFirst({ where: { id, partnershipId: scope.id }, select: { qbrId: true } })
  if (decision) {
    assertNotClosed(await findQbr(tx, scope, decision.qbrId))
    await assertAgendaItem(tx, scope, decision.qbrId, changes.agendaItemId as string | null | undefined)
  }
  return applyVersionedUpdate<QbrDecision>({
    tx,
    scope,
    actor,
    entityType: 'QbrDecision',
    id,
    baseVersion,
    changes,
    allowDeleted,
    load: (t) => t.qbrDecision.findFirst({ where: { id, partnershipId: scope.id } }),
    write: async (t, expectedVersion, data) => (await t.qbrDecision.updateMany({ where: { id, partnershipId: scope.id, version: expectedVersion }, data })).count,
    present: toDecisionDto,
  })
}

export async function updateDecision(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id, baseVersion, changes } = ZUpdateDecisionInput.parse(input)
  const result = await (await db()).$transaction((tx) => applyDecisionUpdate(tx, scope, actor, id, baseVersion, changes))
  return { item: toDecisionDto(result.row), merged: result.merged, changedFields: result.changedFields }
}
