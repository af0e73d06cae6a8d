import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import type { Tx } from '../db/client.server.ts'
import type { Qbr } from '../db/generated/client.ts'
import { ACTION_REVIEW_KEY } from './agenda-template.ts'
import { OPEN_ACTION_STATUSES } from './qbr.schemas.ts'

/**
 * The closed loop: the open action items of `from` (raised there or carried into it) are carried into `to`'s
 * action items review. The same rows, not copies: a status set anywhere is the status everywhere.
 */
export async function carryOpenActionItems(tx: Tx, scope: PartnershipScope, actor: Actor, from: Pick<Qbr, 'id' | 'quarter'>, to: Pick<Qbr, 'id' | 'quarter'>): Promise<number> {
  const open = await tx.qbrActionItem.findMany({
    where: {
      partnershipId: scope.id,
      deletedAt: null,
      status: { in: [...OPEN_ACTION_STATUSES] },
      OR: [{ qbrId: from.id }, { carried: { some: { qbrId: from.id } } }],
      NOT: { carried: { some: { qbrId: to.id } } },
    },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  })
  if (open.length === 0) return 0
  const review = await tx.qbrAgendaItem.findFirst({ where: { qbrId: to.id, partnershipId: scope.id, templateKey: ACTION_REVIEW_KEY, deletedAt: null }, select: { id: true } })
  await tx.qbrActionCarry.createMany({
    data: open.map((a) => ({ partnershipId: scope.id, qbrId: to.id, actionItemId: a.id, agendaItemId: review?.id ?? null })),
  })
  await recordAudit(tx, {
    actor,
    action: 'qbr.carryActionItems',
    entityType: 'Qbr',
    entityId: to.id,
    partnershipId: scope.id,
    after: { from: from.quarter, actionItemIds: open.map((a) => a.id) },
  })
  return open.length
}

/** The partnership's QBR just before / after a quarter ("2026-Q3" strings sort in time order). */
export function neighbourQbr(tx: Tx, scope: PartnershipScope, quarter: string, side: 'previous' | 'next') {
  return tx.qbr.findFirst({
    where: { partnershipId: scope.id, deletedAt: null, quarter: side === 'previous' ? { lt: quarter } : { gt: quarter } },
    orderBy: { quarter: side === 'previous' ? 'desc' : 'asc' },
  })
}
