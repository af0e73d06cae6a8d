import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { type Tx, db } from '../db/client.server.ts'
import type { QbrAgendaItem } from '../db/generated/client.ts'
import { applyVersionedUpdate } from '../workspace/versioned-update.server.ts'
import { assertLink, assertNotClosed, findQbr } from './qbr-guards.server.ts'
import { toAgendaDto } from './qbr.mapper.ts'
import { type LinkType, ZUpdateAgendaItemInput } from './qbr.schemas.ts'

/** The versioned update of one agenda item (title, time box, presenter, link, minutes); refused once the QBR is closed. */
export async function applyAgendaItemUpdate(tx: Tx, scope: PartnershipScope, actor: Actor, id: string, baseVersion: number, changes: Record<string, unknown>, allowDeleted = false) {
  const item = await tx.qbrAgendaItem.findFirst({ where: { id, partnershipId: scope.id }, select: { qbrId: true, linkType: true, linkRef: true } })
  if (item) {
    assertNotClosed(await findQbr(tx, scope, item.qbrId))
    if ('linkType' in changes || 'linkRef' in changes) {
      const linkType = ('linkType' in changes ? changes.linkType : item.linkType) as LinkType | null
      await assertLink(tx, scope, linkType, ('linkRef' in changes ? changes.linkRef : item.linkRef) as string | null)
    }
  }
  return applyVersionedUpdate<QbrAgendaItem>({
    tx,
    scope,
    actor,
    entityType: 'QbrAgendaItem',
    id,
    baseVersion,
    changes,
    allowDeleted,
    load: (t) => t.qbrAgendaItem.findFirst({ where: { id, partnershipId: scope.id } }),
    write: async (t, expectedVersion, data) => (await t.qbrAgendaItem.updateMany({ where: { id, partnershipId: scope.id, version: expectedVersion }, data })).count,
    present: toAgendaDto,
  })
}

export async function updateAgendaItem(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id, baseVersion, changes } = ZUpdateAgendaItemInput.parse(input)
  const result = await (await db()).$transaction((tx) => applyAgendaItemUpdate(tx, scope, actor, id, baseVersion, changes))
  return { item: toAgendaDto(result.row), merged: result.merged, changedFields: result.changedFields }
}
