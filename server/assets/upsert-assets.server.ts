import type { Tx } from '../db/client.server.ts'
import { toAssetColumns } from './asset.mapper.ts'
import type { AssetInput } from './assets.schemas.ts'

export interface AssetCounts {
  inserted: number
  updated: number
  unchanged: number
}

/**
 * Upserts one batch by (partnership, source, externalId) inside the caller's transaction: a row whose content hash
 * is unchanged is not written, so re-importing a file or re-syncing the PSA is a no-op.
 */
export async function upsertAssetBatch(tx: Tx, partnershipId: string, source: string, batch: readonly AssetInput[]): Promise<AssetCounts> {
  const counts: AssetCounts = { inserted: 0, updated: 0, unchanged: 0 }
  if (!batch.length) return counts
  const existing = await tx.asset.findMany({
    where: { partnershipId, source, externalId: { in: batch.map((a) => a.externalId) } },
    select: { id: true, externalId: true, contentHash: true },
  })
  const byExternal = new Map(existing.map((e) => [e.externalId, e]))
  const fresh = []
  for (const input of batch) {
    const { columns, contentHash } = toAssetColumns(input)
    const found = byExternal.get(input.externalId)
    if (!found) fresh.push({ ...columns, contentHash, partnershipId, source, externalId: input.externalId })
    else if (found.contentHash === contentHash) counts.unchanged++
    else {
      await tx.asset.update({ where: { id: found.id, partnershipId }, data: { ...columns, contentHash } })
      counts.updated++
    }
  }
  if (fresh.length) counts.inserted = (await tx.asset.createMany({ data: fresh, skipDuplicates: true })).count
  return counts
}
