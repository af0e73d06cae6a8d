import { forecastAssetsOf } from '../assets/asset-forecast.server.ts'
import { forecastReplacements } from '../assets/forecast.ts'
import type { PackLifecycle } from './snapshot.ts'

const PACK_QUARTERS = 4

/**
 * The lifecycle section as of the pack's instant: assets stored by then, due from the as-of's quarter on. Assets
 * keep no history, so one changed after the as-of is read as it is now (its dates, its cost); the frozen snapshot
 * keeps what the pack showed.
 */
export async function loadLifecycleSection(partnershipId: string, asOf: Date): Promise<PackLifecycle> {
  const assets = await forecastAssetsOf(partnershipId, asOf)
  const quarters = forecastReplacements(assets, asOf.toISOString().slice(0, 10), PACK_QUARTERS)
  return {
    assets: assets.length,
    undated: assets.filter((a) => !a.warrantyEnd && !a.endOfLife).length,
    quarters: quarters.map(({ quarter, count, costs, groups }) => ({ quarter, count, costs, groups })),
  }
}
