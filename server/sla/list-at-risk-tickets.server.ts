import type { PartnershipScope } from '../access/policy.server.ts'
import { findAtRiskClocks } from './find-at-risk-clocks.server.ts'
import { requireSlaPolicy } from './sla-policies.server.ts'
import { ZListAtRiskInput } from './sla.schemas.ts'

/**
 * The partnership's at-risk clocks, soonest due first (a clock held by an open pause, with no due instant, last): the
 * same rule and the same engine as the sweep that alerts them.
 */
export async function listAtRiskTickets(scope: PartnershipScope, input: unknown, now = new Date()) {
  const { asOf: asOfInput, limit } = ZListAtRiskInput.parse(input)
  const stored = await requireSlaPolicy(scope)
  const asOf = asOfInput ? Date.parse(asOfInput) : now.getTime()
  const clocks = await findAtRiskClocks(scope.id, stored.policy, asOf)
  return {
    asOf: new Date(asOf).toISOString(),
    atRiskShare: stored.policy.atRiskShare,
    total: clocks.length,
    clocks: clocks.slice(0, limit).map((c) => ({
      externalId: c.ticket.externalId,
      title: c.ticket.title,
      priority: c.ticket.priority,
      metric: c.metric,
      usedShare: c.usedShare,
      dueAt: c.dueAt === null ? null : new Date(c.dueAt).toISOString(),
      elapsedMinutes: c.elapsedMinutes,
      targetMinutes: c.targetMinutes,
      clock: stored.policy.targets[c.ticket.priority].clock,
    })),
  }
}
