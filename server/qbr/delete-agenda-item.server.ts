import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { ZVersionedRef } from '../workspace/workspace.schemas.ts'
import { writeAgendaOrder } from './agenda-order.server.ts'
import { lockQbr } from './qbr-guards.server.ts'
import { toAgendaDto } from './qbr.mapper.ts'
import { applyAgendaItemUpdate } from './update-agenda-item.server.ts'

/** Soft delete (and restore) of an agenda item: it leaves (or rejoins, at the end) the agenda order. */
export async function setAgendaItemDeleted(scope: PartnershipScope, actor: Actor, input: unknown, deleted: boolean) {
  const { id, baseVersion } = ZVersionedRef.parse(input)
  const prisma = await db()
  const result = await prisma.$transaction(async (tx) => {
    const item = await tx.qbrAgendaItem.findFirst({ where: { id, partnershipId: scope.id }, select: { qbrId: true } })
    if (!item) throw notFound('Agenda item')
    const qbr = await lockQbr(tx, scope, item.qbrId)
    const r = await applyAgendaItemUpdate(tx, scope, actor, id, baseVersion, { deletedAt: deleted ? new Date() : null }, !deleted)
    const order = deleted ? qbr.agendaOrder.filter((x) => x !== id) : [...qbr.agendaOrder.filter((x) => x !== id), id]
    await writeAgendaOrder(tx, scope, actor, qbr, qbr.version, order)
    return r
  })
  return toAgendaDto(result.row)
}
