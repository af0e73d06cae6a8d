import type { PartnershipScope } from '../access/policy.server.ts'
import { queryArrays } from '../db/client.server.ts'
import { ZAssetForecastInput } from './assets.schemas.ts'
import { type ForecastQuarter, forecastReplacements } from './forecast.ts'

/**
 * The partnership's active assets as the forecast reads them (only the columns it needs), those created by
 * `createdBy` when given. Through the driver rather than Prisma (a pack reads them; ADR 008): the same rows in the
 * same order, dates as their UTC day, the cost as a number.
 */
export async function forecastAssetsOf(partnershipId: string, createdBy?: Date) {
  const rows = (await queryArrays(
    `SELECT "type", to_char("warrantyEnd", 'YYYY-MM-DD'), to_char("endOfLife", 'YYYY-MM-DD'), "replacementCostCents"::text, "currency"
       FROM "Asset" WHERE "partnershipId" = $1 AND "retired" = false${createdBy ? ` AND "createdAt" <= ($2::timestamptz AT TIME ZONE 'UTC')` : ''}`,
    createdBy ? [partnershipId, createdBy.toISOString()] : [partnershipId],
  )) as Array<[string, string | null, string | null, string, string]>
  return rows.map(([type, warrantyEnd, endOfLife, cost, currency]) => ({ type, warrantyEnd, endOfLife, replacementCostCents: Number(cost), currency }))
}

export async function assetForecast(scope: PartnershipScope, input: unknown, now = new Date()): Promise<{ today: string; quarters: ForecastQuarter[]; undated: number }> {
  const { quarters } = ZAssetForecastInput.parse(input)
  const assets = await forecastAssetsOf(scope.id)
  const today = now.toISOString().slice(0, 10)
  return { today, quarters: forecastReplacements(assets, today, quarters), undated: assets.filter((a) => !a.warrantyEnd && !a.endOfLife).length }
}
