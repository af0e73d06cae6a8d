import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { ZAssetForecastInput } from './assets.schemas.ts'
import { type ForecastQuarter, forecastReplacements } from './forecast.ts'

/** The partnership's active assets as the forecast reads them (only the columns it needs). */
export async function forecastAssetsOf(partnershipId: string, where: { createdAt?: { lte: Date } } = {}) {
  const prisma = await db()
  const rows = await prisma.asset.findMany({
    where: { partnershipId, retired: false, ...where },
    select: { type: true, warrantyEnd: true, endOfLife: true, replacementCostCents: true, currency: true },
  })
  return rows.map((r) => ({
    type: r.type,
    warrantyEnd: r.warrantyEnd?.toISOString().slice(0, 10) ?? null,
    endOfLife: r.endOfLife?.toISOString().slice(0, 10) ?? null,
    replacementCostCents: Number(r.replacementCostCents),
    currency: r.currency,
  }))
}

export async function assetForecast(scope: PartnershipScope, input: unknown, now = new Date()): Promise<{ today: string; quarters: ForecastQuarter[]; undated: number }> {
  const { quarters } = ZAssetForecastInput.parse(input)
  const assets = await forecastAssetsOf(scope.id)
  const today = now.toISOString().slice(0, 10)
  return { today, quarters: forecastReplacements(assets, today, quarters), undated: assets.filter((a) => !a.warrantyEnd && !a.endOfLife).length }
}
