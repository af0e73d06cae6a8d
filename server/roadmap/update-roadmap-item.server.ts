import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { type Tx, db } from '../db/client.server.ts'
import type { RoadmapItem } from '../db/generated/client.ts'
import { AppError } from '../errors.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { notifyRoadmapApprovalRequested } from '../notifications/notify-roadmap-approval.server.ts'
import { describeFieldValue, fieldLabel } from '../workspace/field-labels.ts'
import { type VersionedPlan, applyVersionedUpdate, applyVersionedUpdateOutsideTransaction, toJsonValue } from '../workspace/versioned-update.server.ts'
import { assertLinksInPartnership } from './links.server.ts'
import { toColumns, toRoadmapDto } from './roadmap-item.mapper.ts'
import { BUDGET_FIELDS, SCOPE_FIELDS, ZUpdateRoadmapItemInput, canMove } from './roadmap.schemas.ts'

/**
 * Why an approval was reset, in words: which scope or budget fields changed from what to what, or the status move
 * (declining clears approvals, and so does proposing a declined item again), and by whom.
 */
export function approvalResetReason(current: RoadmapItem, changes: Record<string, unknown>, actor: Actor, now: Date): string | null {
  const statusMove = changes.status !== undefined && changes.status !== current.status && (changes.status === 'DECLINED' || (changes.status === 'PROPOSED' && current.status === 'DECLINED'))
  const touched = [...SCOPE_FIELDS, ...BUDGET_FIELDS, ...(statusMove ? ['status' as const] : [])].filter((f) => f in changes)
  if (touched.length === 0) return null
  const parts = touched.map((f) => {
    const label = fieldLabel('RoadmapItem', f)
    if (f === 'description' || f === 'businessOutcome') return `${label} edited`
    return `${label} ${describeFieldValue('RoadmapItem', f, toJsonValue(current[f as keyof RoadmapItem]))} → ${describeFieldValue('RoadmapItem', f, toJsonValue(changes[f]))}`
  })
  return `Approval reset: ${parts.join('; ')} (by ${actor.label}, ${now.toISOString().slice(0, 10)})`
}

/**
 * What decides a roadmap item's update wherever it is written: the status machine, and the approval reset after a
 * scope or budget change. `asks` hears whether the update asks the parties for approval (set by the attempt that
 * committed: derive runs again when a concurrent edit forces a retry).
 */
function roadmapPlan(scope: PartnershipScope, actor: Actor, id: string, baseVersion: number, changes: Record<string, unknown>, asks: (yes: boolean) => void): VersionedPlan<RoadmapItem> {
  return {
    scope,
    actor,
    entityType: 'RoadmapItem',
    id,
    baseVersion,
    changes: toColumns(changes),
    derive(current, applied) {
      asks(applied.status === 'PROPOSED' && current.status !== 'PROPOSED')
      if (applied.status !== undefined) {
        const to = applied.status as RoadmapItem['status']
        if (to === 'APPROVED' && current.status !== 'APPROVED') {
          throw new AppError('BAD_REQUEST', 'status: an item becomes APPROVED when both parties approve it', {
            fieldErrors: [{ field: 'status', message: 'Approve it instead: both parties must approve' }],
          })
        }
        if (!canMove(current.status, to)) {
          throw new AppError('BAD_REQUEST', `status: cannot move from ${current.status} to ${to}`, {
            fieldErrors: [{ field: 'status', message: `Cannot move from ${current.status} to ${to}` }],
          })
        }
      }
      if (!current.mspApprovedAt && !current.clientApprovedAt) return {}
      const reason = approvalResetReason(current, applied, actor, new Date())
      if (!reason) return {}
      // A declined item asks nobody to approve it; an edited approved one goes back to PROPOSED unless it is
      // being declined.
      if (applied.status !== 'DECLINED') asks(true)
      return {
        mspApprovedAt: null,
        mspApprovedBy: null,
        clientApprovedAt: null,
        clientApprovedBy: null,
        approvalResetReason: reason,
        ...(current.status === 'APPROVED' && applied.status !== 'DECLINED' ? { status: 'PROPOSED' } : {}),
      }
    },
    present: toRoadmapDto,
  }
}

/** `appUrl` null: ask no one for approval by mail (the demo seed). */
export async function updateRoadmapItem(scope: PartnershipScope, actor: Actor, input: unknown, appUrl: string | null = appBaseUrl()) {
  const { id, baseVersion, changes } = ZUpdateRoadmapItemInput.parse(input)
  const prisma = await db()
  let asksApproval = false
  // Outside the write's transaction, as the row is read (ADR 004 addendum): the check took no lock inside it either.
  await assertLinksInPartnership(prisma, scope, changes)
  const result = await applyVersionedUpdateOutsideTransaction<RoadmapItem>({
    ...roadmapPlan(scope, actor, id, baseVersion, changes, (yes) => (asksApproval = yes)),
    prisma,
    load: (t) => t.roadmapItem.findFirst({ where: { id, partnershipId: scope.id } }),
    writeReturning: async (t, expectedVersion, data) =>
      (await t.roadmapItem.updateManyAndReturn({ where: { id, partnershipId: scope.id, version: expectedVersion }, data }))[0] ?? null,
  })
  const item = toRoadmapDto(result.row)
  if (asksApproval && appUrl !== null) await notifyRoadmapApprovalRequested(scope, actor, item, appUrl)
  return { item, merged: result.merged, changedFields: result.changedFields }
}

/**
 * The same update inside the caller's transaction, for a caller that makes several steps one (closing an approved
 * item through IN_PROGRESS to DONE). It asks nobody for approval by mail: none of those steps does.
 */
export async function applyRoadmapItemUpdate(tx: Tx, scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id, baseVersion, changes } = ZUpdateRoadmapItemInput.parse(input)
  await assertLinksInPartnership(tx, scope, changes)
  const result = await applyVersionedUpdate<RoadmapItem>({
    ...roadmapPlan(scope, actor, id, baseVersion, changes, () => {}),
    tx,
    load: (t) => t.roadmapItem.findFirst({ where: { id, partnershipId: scope.id } }),
    write: async (t, expectedVersion, data) => (await t.roadmapItem.updateMany({ where: { id, partnershipId: scope.id, version: expectedVersion }, data })).count,
  })
  return { item: toRoadmapDto(result.row), merged: result.merged, changedFields: result.changedFields }
}
