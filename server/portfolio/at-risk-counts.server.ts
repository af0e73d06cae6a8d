import { db } from '../db/client.server.ts'
import { atRiskClocks } from '../sla/at-risk.ts'
import { calendarFor } from '../sla/calendar.ts'
import { evaluateBatch } from '../sla/engine.ts'
import type { SlaPolicy } from '../sla/policy.ts'
import { readStoredPauses } from '../sla/stored-pauses.ts'

/**
 * The number of at-risk tickets per partnership as of `asOf`: findAtRiskClocks's rule and engine
 * (server/sla/find-at-risk-clocks.server.ts), with the open tickets of every partnership read in one query.
 */
export async function atRiskCounts(policies: ReadonlyMap<string, SlaPolicy>, asOf: Date): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  if (policies.size === 0) return out
  const rows = await (await db()).ticket.findMany({
    where: {
      partnershipId: { in: [...policies.keys()] },
      createdAt: { lte: asOf },
      OR: [{ resolvedAt: null }, { resolvedAt: { gt: asOf } }, { firstResponseAt: null }, { firstResponseAt: { gt: asOf } }],
      // Implied by the line above (a ticket open at asOf is not settled by then, ADR 022, unless its stored columns
      // are stale), and answerable from the indexes on the settle instant and the version: the few open tickets
      // are found without reading every ticket of the partnerships.
      AND: [{ OR: [{ slaSettledMs: null }, { slaSettledMs: { gt: asOf.getTime() } }, { slaVersion: null }] }],
    },
    select: { partnershipId: true, priority: true, createdAt: true, firstResponseAt: true, resolvedAt: true, pauses: true, lifecycle: true },
  })
  const byPartnership = new Map<string, typeof rows>()
  for (const r of rows) {
    const list = byPartnership.get(r.partnershipId)
    if (list) list.push(r)
    else byPartnership.set(r.partnershipId, [r])
  }
  for (const [partnershipId, policy] of policies) {
    const open = byPartnership.get(partnershipId) ?? []
    const table = evaluateBatch(
      calendarFor(policy),
      policy,
      open.map((r) => ({
        priority: r.priority,
        createdAt: r.createdAt.getTime(),
        firstResponseAt: r.firstResponseAt?.getTime() ?? null,
        resolvedAt: r.resolvedAt?.getTime() ?? null,
        pauses: readStoredPauses(r.pauses),
        completionUnknown: r.lifecycle === 'resolved' || r.lifecycle === 'closed',
      })),
      asOf.getTime(),
    )
    // A ticket counts once, however many of its clocks are at risk.
    const tickets = new Set(atRiskClocks(table, open.map((r) => r.priority), policy).map((c) => c.row))
    out.set(partnershipId, tickets.size)
  }
  return out
}
