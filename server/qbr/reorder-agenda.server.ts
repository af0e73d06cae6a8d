import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { badRequest } from '../errors.ts'
import { writeAgendaOrder } from './agenda-order.server.ts'
import { assertNotClosed, lockQbr } from './qbr-guards.server.ts'
import { toQbrDto } from './qbr.mapper.ts'
import { ZReorderAgendaInput } from './qbr.schemas.ts'

/**
 * A new order for the whole agenda, based on the QBR version the user saw. If someone else changed the agenda
 * since (reordered, added or removed an item), it is a 409 with the current order, never a silent overwrite.
 */
export async function reorderAgenda(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id, baseVersion, order } = ZReorderAgendaInput.parse(input)
  const prisma = await db()
  const result = await prisma.$transaction(async (tx) => {
    const qbr = await lockQbr(tx, scope, id)
    assertNotClosed(qbr)
    if (new Set(order).size !== order.length) throw badRequest('order', 'An item appears twice')
    // The same items as the agenda the user saw: checked against the current one unless the versioned update
    // below finds the order changed since (then the 409 says so with the current order).
    if (baseVersion === qbr.version && [...order].sort().join() !== [...qbr.agendaOrder].sort().join()) {
      throw badRequest('order', 'List every agenda item exactly once')
    }
    const r = await writeAgendaOrder(tx, scope, actor, qbr, baseVersion, order)
    if ([...order].sort().join() !== [...qbr.agendaOrder].sort().join()) throw badRequest('order', 'List every agenda item exactly once')
    return r
  })
  return { item: toQbrDto(result.row), merged: result.merged, changedFields: result.changedFields }
}
