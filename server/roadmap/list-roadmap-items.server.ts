import type { PartnershipScope } from '../access/policy.server.ts'
import { WORKSPACE_READ_TTL_MS, cachedPartnershipRead } from '../cache/short-cache.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { toRoadmapDto } from './roadmap-item.mapper.ts'
import { ZListRoadmapInput } from './roadmap.schemas.ts'

export async function listRoadmapItems(scope: PartnershipScope, input: unknown) {
  const { includeDeleted, quarter } = ZListRoadmapInput.parse(input)
  return cachedPartnershipRead('roadmap.list', scope.id, `${includeDeleted}|${quarter ?? ''}`, WORKSPACE_READ_TTL_MS, () => readRoadmapItems(scope, includeDeleted, quarter))
}

async function readRoadmapItems(scope: PartnershipScope, includeDeleted: boolean, quarter: string | undefined) {
  const rows = await (await db()).roadmapItem.findMany({
    where: { partnershipId: scope.id, ...(includeDeleted ? {} : { deletedAt: null }), ...(quarter ? { targetQuarter: quarter } : {}) },
    orderBy: [{ targetQuarter: { sort: 'asc', nulls: 'last' } }, { priority: 'desc' }, { createdAt: 'asc' }],
  })
  return rows.map(toRoadmapDto)
}

export async function getRoadmapItem(scope: PartnershipScope, id: string) {
  const row = await (await db()).roadmapItem.findFirst({ where: { id, partnershipId: scope.id } })
  if (!row) throw notFound('Roadmap item')
  return toRoadmapDto(row)
}
