import type { PartnershipScope } from '../access/policy.server.ts'
import { WORKSPACE_READ_TTL_MS, cachedPartnershipRead } from '../cache/short-cache.ts'
import { db } from '../db/client.server.ts'

/** "What changed since the last QBR": every field change of the partnership's responsibility rows since `since`. */
export function responsibilityChangesSince(scope: PartnershipScope, since: Date) {
  // Keyed by the minute, so that page views a few seconds apart share one read.
  const minute = new Date(Math.floor(since.getTime() / 60_000) * 60_000)
  return cachedPartnershipRead('responsibility.changes', scope.id, minute.toISOString(), WORKSPACE_READ_TTL_MS, () => readChanges(scope, minute))
}

async function readChanges(scope: PartnershipScope, since: Date) {
  const prisma = await db()
  const changes = await prisma.fieldChange.findMany({
    where: { partnershipId: scope.id, entityType: 'ResponsibilityFunction', at: { gte: since } },
    orderBy: [{ at: 'asc' }, { field: 'asc' }],
  })
  const names = new Map(
    (await prisma.responsibilityFunction.findMany({ where: { partnershipId: scope.id, id: { in: [...new Set(changes.map((c) => c.entityId))] } }, select: { id: true, name: true } })).map(
      (r) => [r.id, r.name],
    ),
  )
  return changes.map((c) => ({
    id: c.entityId,
    name: names.get(c.entityId) ?? '(unknown)',
    version: c.version,
    field: c.field,
    before: c.before,
    after: c.after,
    by: c.actorLabel,
    at: c.at.toISOString(),
    kind: c.version === 1 ? ('created' as const) : c.field === 'deletedAt' ? (c.after ? ('deleted' as const) : ('restored' as const)) : ('changed' as const),
  }))
}
