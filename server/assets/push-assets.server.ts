import { z } from 'zod'
import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { ZAssetInput } from './assets.schemas.ts'
import { upsertAssetBatch } from './upsert-assets.server.ts'

export const ZUpsertAssetsInput = z.object({
  slug: ZSlug,
  assets: z
    .array(ZAssetInput)
    .min(1, { error: 'At least one asset' })
    .max(1000, { error: 'At most 1,000 assets per call' })
    .refine((a) => new Set(a.map((x) => x.externalId)).size === a.length, { error: 'An externalId appears twice' }),
})

/** Machine clients (RMM exports, scripts) push assets as JSON; same upsert as the CSV, source `api`. */
export async function pushAssets(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { assets } = ZUpsertAssetsInput.parse(input)
  return (await db()).$transaction(async (tx) => {
    const counts = await upsertAssetBatch(tx, scope.id, 'api', assets)
    if (counts.inserted + counts.updated) await recordAudit(tx, { actor, action: 'asset.upsert', entityType: 'Asset', entityId: scope.id, partnershipId: scope.id, after: { ...counts } })
    return counts
  })
}
