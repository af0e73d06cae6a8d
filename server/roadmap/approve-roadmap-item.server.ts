import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { RoadmapItem } from '../db/generated/client.ts'
import { AppError } from '../errors.ts'
import { enqueueWebhookEvents, kickWebhookDeliveries } from '../webhooks/enqueue-webhook-event.server.ts'
import { applyVersionedUpdate } from '../workspace/versioned-update.server.ts'
import { toRoadmapDto } from './roadmap-item.mapper.ts'
import { ZApproveRoadmapItemInput } from './roadmap.schemas.ts'

/**
 * One party's approval (the MSP's account manager or admin, the client's executive). When both have approved a
 * PROPOSED item, it becomes APPROVED. The approval is versioned and in the history, but unlike an edit it is never
 * merged: an approval sent on an older version is refused with what changed since, so nobody approves a budget
 * they never saw.
 */
export async function approveRoadmapItem(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id, baseVersion } = ZApproveRoadmapItemInput.parse(input)
  const prisma = await db()
  let webhooks = 0
  const result = await prisma.$transaction(async (tx) => {
    const now = new Date()
    const side = scope.party === 'MSP' ? 'msp' : 'client'
    let becameApproved = false
    const updated = await applyVersionedUpdate<RoadmapItem>({
      tx,
      scope,
      actor,
      entityType: 'RoadmapItem',
      id,
      baseVersion,
      requireCurrent: { message: 'Not approved: review the item again before approving.' },
      changes: { [`${side}ApprovedAt`]: now, [`${side}ApprovedBy`]: actor.label },
      load: (t) => t.roadmapItem.findFirst({ where: { id, partnershipId: scope.id } }),
      write: async (t, expectedVersion, data) =>
        (await t.roadmapItem.updateMany({ where: { id, partnershipId: scope.id, version: expectedVersion }, data })).count,
      derive(current) {
        if (!['PROPOSED', 'APPROVED', 'IN_PROGRESS'].includes(current.status)) {
          throw new AppError('BAD_REQUEST', `status: a ${current.status} item cannot be approved; propose it first`, {
            fieldErrors: [{ field: 'status', message: 'Propose it first' }],
          })
        }
        if (current[`${side}ApprovedAt`]) throw new AppError('CONFLICT', 'Your party has already approved this item')
        const otherApproved = side === 'msp' ? current.clientApprovedAt : current.mspApprovedAt
        becameApproved = Boolean(otherApproved && current.status === 'PROPOSED')
        return becameApproved ? { status: 'APPROVED', approvalResetReason: null } : {}
      },
      present: toRoadmapDto,
    })
    // The webhook's deliveries are queued in the approval's own transaction (ADR 028).
    if (becameApproved) webhooks = await enqueueWebhookEvents(tx, scope.id, [{ event: 'roadmap.approved', data: { item: roadmapWebhookData(updated.row) } }], now)
    return updated
  })
  if (webhooks > 0) await kickWebhookDeliveries()
  return toRoadmapDto(result.row)
}

function roadmapWebhookData(row: RoadmapItem) {
  return { id: row.id, title: row.title, status: row.status, targetQuarter: row.targetQuarter, mspApprovedAt: row.mspApprovedAt?.toISOString() ?? null, clientApprovedAt: row.clientApprovedAt?.toISOString() ?? null }
}
