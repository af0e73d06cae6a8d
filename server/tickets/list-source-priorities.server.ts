import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import type { Priority } from './normalize-ticket.ts'

export interface SourcePriorityUse {
  source: string
  name: string
  priority: Priority
  tickets: number
}

/** The priority names each source has sent, with the P-level they were mapped to and how many tickets carry them. */
export async function listSourcePriorities(scope: PartnershipScope): Promise<SourcePriorityUse[]> {
  const groups = await (await db()).ticket.groupBy({
    by: ['source', 'sourcePriority', 'priority'],
    where: { partnershipId: scope.id, sourcePriority: { not: null } },
    _count: { _all: true },
  })
  // Sorted here, by code point, so the order does not depend on the database's collation.
  const key = (u: SourcePriorityUse) => `${u.source}\u0000${u.name}\u0000${u.priority}`
  return groups
    .map((g) => ({ source: g.source, name: g.sourcePriority!, priority: g.priority, tickets: g._count._all }))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}
