import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { toAssetDto } from './asset.mapper.ts'
import { ZListAssetsInput } from './assets.schemas.ts'

export async function listAssets(scope: PartnershipScope, input: unknown) {
  const { limit } = ZListAssetsInput.parse(input)
  const prisma = await db()
  const where = { partnershipId: scope.id, retired: false }
  const [rows, total] = await Promise.all([
    prisma.asset.findMany({ where, orderBy: [{ warrantyEnd: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }, { id: 'asc' }], take: limit }),
    prisma.asset.count({ where }),
  ])
  return { total, assets: rows.map(toAssetDto) }
}
