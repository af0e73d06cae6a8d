import { z } from 'zod'
import type { PartnershipScope } from '../access/policy.server.ts'
import { WORKSPACE_READ_TTL_MS, cachedPartnershipRead } from '../cache/short-cache.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { ZQuarter } from '../validation/bounds.ts'
import { quarterIndex, quarterName, quartersBetween, rollUpBudget } from './budget.ts'

const ZBudgetInput = z.object({ from: ZQuarter.optional(), to: ZQuarter.optional() })

export function currentQuarter(now = new Date()): string {
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`
}

/** The roll-up for a horizon (default: this quarter and the next three). */
export async function roadmapBudget(scope: PartnershipScope, input: unknown) {
  const parsed = ZBudgetInput.parse(input)
  const from = parsed.from ?? currentQuarter()
  const to = parsed.to ?? quarterName(quarterIndex(from) + 3)
  if (quarterIndex(to) < quarterIndex(from) || quarterIndex(to) - quarterIndex(from) > 40) {
    throw new AppError('BAD_REQUEST', 'to: give a horizon of 1 to 40 quarters after from', { fieldErrors: [{ field: 'to', message: '1 to 40 quarters after from' }] })
  }
  const horizon = quartersBetween(from, to)
  return cachedPartnershipRead('roadmap.budget', scope.id, `${from}|${to}`, WORKSPACE_READ_TTL_MS, async () => {
    const items = await (await db()).roadmapItem.findMany({
      where: { partnershipId: scope.id, deletedAt: null },
      select: { status: true, targetQuarter: true, oneTimeCents: true, recurringCents: true, recurringPeriod: true, currency: true },
    })
    return { from, to, horizon, rollups: rollUpBudget(items, horizon) }
  })
}
