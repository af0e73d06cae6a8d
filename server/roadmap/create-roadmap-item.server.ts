import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { notifyRoadmapApprovalRequested } from '../notifications/notify-roadmap-approval.server.ts'
import { recordCreation } from '../workspace/versioned-update.server.ts'
import { assertLinksInPartnership } from './links.server.ts'
import { toColumns, toRoadmapDto } from './roadmap-item.mapper.ts'
import { ZCreateRoadmapItemInput } from './roadmap.schemas.ts'

/** `appUrl` null: ask no one for approval by mail (the demo seed). */
export async function createRoadmapItem(scope: PartnershipScope, actor: Actor, input: unknown, appUrl: string | null = appBaseUrl()) {
  const { slug: _slug, ...fields } = ZCreateRoadmapItemInput.parse(input)
  if (fields.status && !['IDEA', 'PROPOSED'].includes(fields.status)) {
    throw new AppError('BAD_REQUEST', 'status: a new item starts as IDEA or PROPOSED', { fieldErrors: [{ field: 'status', message: 'Start as IDEA or PROPOSED' }] })
  }
  const prisma = await db()
  const row = await prisma.$transaction(async (tx) => {
    await assertLinksInPartnership(tx, scope, fields)
    const created = await tx.roadmapItem.create({
      data: { ...(toColumns(fields) as object), title: fields.title, partnershipId: scope.id, proposedBy: scope.party },
    })
    await recordCreation(tx, scope, actor, 'RoadmapItem', created.id, { ...toColumns(fields), proposedBy: scope.party })
    return created
  })
  const item = toRoadmapDto(row)
  if (item.status === 'PROPOSED' && appUrl !== null) await notifyRoadmapApprovalRequested(scope, actor, item, appUrl)
  return item
}
