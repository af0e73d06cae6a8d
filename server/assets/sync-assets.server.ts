// The PSA's configuration items, read in full on every sync run after the tickets (a client has hundreds, not
// hundreds of thousands) and upserted by (partnership, kind, id): an unchanged item costs a read, not a write.
import { db } from '../db/client.server.ts'
import type { AssetSource, VendorAsset } from '../connectors/types.ts'
import { type AssetInput, ZAssetInput } from './assets.schemas.ts'
import { upsertAssetBatch } from './upsert-assets.server.ts'

export interface AssetSyncSettings {
  companies: ReadonlySet<string>
  /** Replacement cost by lower-cased type, in major units. */
  costs: Record<string, number>
  currency: string
}

export function assetInputOf(a: VendorAsset, settings: AssetSyncSettings) {
  return ZAssetInput.safeParse({
    externalId: a.externalId,
    name: a.name.slice(0, 200),
    type: a.type.slice(0, 80),
    model: a.model.slice(0, 200),
    serial: a.serial.slice(0, 200),
    assignedUser: a.assignedUser.slice(0, 200),
    site: a.site.slice(0, 200),
    purchaseDate: a.purchaseDate,
    // A warranty recorded as ending before the purchase is a data-entry slip: kept, the purchase date dropped.
    warrantyEnd: a.warrantyEnd,
    endOfLife: a.endOfLife,
    replacementCost: settings.costs[a.type.trim().toLowerCase()] ?? 0,
    currency: settings.currency,
    retired: !a.active,
  })
}

export async function syncAssets(partnershipId: string, kind: string, source: AssetSource, settings: AssetSyncSettings): Promise<{ fetched: number; changed: number; skipped: number }> {
  const prisma = await db()
  const totals = { fetched: 0, changed: 0, skipped: 0 }
  for await (const page of source.listAssets()) {
    totals.skipped += page.skipped.length
    const batch: AssetInput[] = []
    for (const a of page.assets) {
      if (settings.companies.size && (!a.clientExternalId || !settings.companies.has(a.clientExternalId))) continue
      let parsed = assetInputOf(a, settings)
      if (!parsed.success && parsed.error.issues[0].path[0] === 'warrantyEnd') parsed = assetInputOf({ ...a, purchaseDate: null }, settings)
      if (parsed.success) batch.push(parsed.data)
      else totals.skipped++
    }
    totals.fetched += page.assets.length
    const counts = await prisma.$transaction((tx) => upsertAssetBatch(tx, partnershipId, kind, batch), { timeout: 60_000 })
    totals.changed += counts.inserted + counts.updated
  }
  return totals
}
