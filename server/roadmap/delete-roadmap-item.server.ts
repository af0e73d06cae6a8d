import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { RoadmapItem } from '../db/generated/client.ts'
import { applyVersionedUpdate } from '../workspace/versioned-update.server.ts'
import { ZVersionedRef } from '../workspace/workspace.schemas.ts'
import { toRoadmapDto } from './roadmap-item.mapper.ts'

/** Soft delete (and restore): the item keeps its history and comes back as it was. */
export async function setRoadmapItemDeleted(scope: PartnershipScope, actor: Actor, input: unknown, deleted: boolean) {
  const { id, baseVersion } = ZVersionedRef.parse(input)
  const prisma = await db()
  const result = await prisma.$transaction((tx) =>
    applyVersionedUpdate<RoadmapItem>({
      tx,
      scope,
      actor,
      entityType: 'RoadmapItem',
      id,
      baseVersion,
      allowDeleted: !deleted,
      changes: { deletedAt: deleted ? new Date() : null },
      load: (t) => t.roadmapItem.findFirst({ where: { id, partnershipId: scope.id } }),
      write: async (t, expectedVersion, data) =>
        (await t.roadmapItem.updateMany({ where: { id, partnershipId: scope.id, version: expectedVersion }, data })).count,
      present: toRoadmapDto,
    }),
  )
  return toRoadmapDto(result.row)
}
