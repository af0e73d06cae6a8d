import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { recordCreation } from '../workspace/versioned-update.server.ts'
import { writeAgendaOrder } from './agenda-order.server.ts'
import { assertLink, assertNotClosed, lockQbr } from './qbr-guards.server.ts'
import { toAgendaDto } from './qbr.mapper.ts'
import { ZAddAgendaItemInput } from './qbr.schemas.ts'

/** Appends an item to the agenda of a QBR that is not closed. */
export async function addAgendaItem(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { slug: _slug, qbrId, ...fields } = ZAddAgendaItemInput.parse(input)
  const prisma = await db()
  const row = await prisma.$transaction(async (tx) => {
    await assertLink(tx, scope, fields.linkType, fields.linkRef)
    const qbr = await lockQbr(tx, scope, qbrId)
    assertNotClosed(qbr)
    const created = await tx.qbrAgendaItem.create({ data: { ...fields, partnershipId: scope.id, qbrId } })
    await recordCreation(tx, scope, actor, 'QbrAgendaItem', created.id, { ...fields, qbrId })
    await writeAgendaOrder(tx, scope, actor, qbr, qbr.version, [...qbr.agendaOrder, created.id])
    return created
  })
  return toAgendaDto(row)
}
