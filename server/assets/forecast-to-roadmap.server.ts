import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { AppError } from '../errors.ts'
import { createRoadmapItem } from '../roadmap/create-roadmap-item.server.ts'
import { ZForecastToRoadmapInput } from './assets.schemas.ts'
import { forecastAssetsOf } from './asset-forecast.server.ts'
import { addQuarters, forecastReplacements, quarterOf, replacementTitle } from './forecast.ts'

/**
 * One step from a forecast quarter (optionally one asset type of it) to a roadmap item proposed by the caller's
 * party, carrying the replacement cost as its one-time budget: "Replace 37 laptops out of warranty by 2027-Q2".
 */
export async function forecastToRoadmap(scope: PartnershipScope, actor: Actor, input: unknown, appUrl: string | null, now = new Date()) {
  const { quarter, type, slug } = ZForecastToRoadmapInput.parse(input)
  const today = now.toISOString().slice(0, 10)
  const first = quarterOf(today)
  if (quarter < first || quarter > addQuarters(first, 11)) {
    throw new AppError('BAD_REQUEST', `quarter: ${quarter} is outside the forecast (${first} to ${addQuarters(first, 11)})`, { fieldErrors: [{ field: 'quarter', message: 'Outside the forecast' }] })
  }
  let n = 0
  for (let q = first; q < quarter; q = addQuarters(q, 1)) n++
  const forecast = forecastReplacements(await forecastAssetsOf(scope.id), today, n + 1)[n]
  const groups = type ? forecast.groups.filter((g) => g.type.toLowerCase() === type.trim().toLowerCase()) : forecast.groups
  const count = groups.reduce((s, g) => s + g.count, 0)
  if (count === 0) {
    throw new AppError('BAD_REQUEST', `quarter: nothing${type ? ` of type ${type}` : ''} is due for replacement in ${quarter}`, { fieldErrors: [{ field: type ? 'type' : 'quarter', message: 'Nothing due' }] })
  }
  const costs = new Map<string, number>()
  for (const g of groups) for (const c of g.costs) costs.set(c.currency, (costs.get(c.currency) ?? 0) + c.cents)
  if (costs.size > 1) {
    throw new AppError('BAD_REQUEST', `type: the assets due in ${quarter} are costed in ${[...costs.keys()].join(' and ')}; turn one type at a time into an item`, { fieldErrors: [{ field: 'type', message: 'Several currencies' }] })
  }
  const [[currency, cents]] = [...costs.entries()]
  const reasons = { warranty: groups.reduce((s, g) => s + g.reasons.warranty, 0), endOfLife: groups.reduce((s, g) => s + g.reasons.endOfLife, 0) }
  const title = replacementTitle(count, type ? groups[0].type : groups.length === 1 ? groups[0].type : null, reasons, quarter)
  const lines = groups.map((g) => `- ${g.count} × ${g.type} (${g.reasons.warranty} warranty ending, ${g.reasons.endOfLife} end of life${g.overdue ? `, ${g.overdue} already overdue` : ''})`)
  return createRoadmapItem(scope, actor, {
    slug,
    title,
    description: `From the asset lifecycle forecast of ${today}:\n${lines.join('\n')}`,
    category: 'Lifecycle',
    status: 'PROPOSED',
    targetQuarter: quarter,
    oneTime: cents / 100,
    currency,
  }, appUrl)
}
