import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import type { Tx } from '../db/client.server.ts'
import type { Qbr } from '../db/generated/client.ts'
import { applyVersionedUpdate } from '../workspace/versioned-update.server.ts'
import { toQbrDto } from './qbr.mapper.ts'

/**
 * Rewrites the QBR's agenda order as a versioned change of its `agendaOrder` field. Callers hold the QBR's row
 * lock (lockQbr), so `baseVersion` is the current version unless the caller reorders on an older view.
 */
export function writeAgendaOrder(tx: Tx, scope: PartnershipScope, actor: Actor, qbr: Qbr, baseVersion: number, order: string[]) {
  return applyVersionedUpdate<Qbr>({
    tx,
    scope,
    actor,
    entityType: 'Qbr',
    id: qbr.id,
    baseVersion,
    changes: { agendaOrder: order },
    load: (t) => t.qbr.findFirst({ where: { id: qbr.id, partnershipId: scope.id } }),
    write: async (t, expectedVersion, data) => (await t.qbr.updateMany({ where: { id: qbr.id, partnershipId: scope.id, version: expectedVersion }, data })).count,
    present: toQbrDto,
  })
}
