import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { bumpPartnership } from '../cache/short-cache.ts'
import { type Tx, db } from '../db/client.server.ts'
import { AppError, type FieldError } from '../errors.ts'
import { ZSetPriorityMappingInput } from '../sla/sla.schemas.ts'
import { requestReevaluation } from '../sla/stored/reevaluate-verdicts.server.ts'
import { type Priority, contentHash, mapPriority, storedTicketContent } from './normalize-ticket.ts'

const CHUNK = 2_000

/**
 * Replaces a source's priority-name mapping and re-maps the tickets already stored from that source, in one
 * transaction: SLA figures follow the new mapping at once, not only after the next import. A mapping that would
 * leave stored tickets with no priority (a name removed that no default covers) is refused, naming the name.
 */
export async function setPriorityMapping(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { source, mapping } = ZSetPriorityMappingInput.parse(input)
  const entries = Object.entries(mapping).map(([name, priority]) => [name.trim().toLowerCase(), priority] as const)
  const next = new Map<string, Priority>(entries)
  const remapped = await (await db()).$transaction(
    async (tx) => {
      const before = await tx.priorityMapping.findMany({ where: { partnershipId: scope.id, source } })
      const used = await tx.ticket.groupBy({
        by: ['sourcePriority', 'priority'],
        where: { partnershipId: scope.id, source, sourcePriority: { not: null } },
        _count: { _all: true },
      })
      const changes = new Map<string, Priority>()
      const orphans: FieldError[] = []
      for (const group of used) {
        const name = group.sourcePriority!
        const target = mapPriority(name, next)
        if (!target) orphans.push({ field: 'mapping', message: `"${name}" is the priority of ${group._count._all} stored ticket(s); map it to P1–P4` })
        else if (target !== group.priority) changes.set(name, target)
      }
      if (orphans.length) throw new AppError('BAD_REQUEST', orphans.map((o) => o.message).join('; '), { fieldErrors: orphans })

      await tx.priorityMapping.deleteMany({ where: { partnershipId: scope.id, source } })
      await tx.priorityMapping.createMany({ data: entries.map(([sourceName, priority]) => ({ partnershipId: scope.id, source, sourceName, priority })) })
      const count = await remapTickets(tx, scope.id, source, changes)
      await recordAudit(tx, {
        actor,
        action: 'priorityMapping.set',
        entityType: 'PriorityMapping',
        entityId: source,
        partnershipId: scope.id,
        before: Object.fromEntries(before.map((m) => [m.sourceName, m.priority])),
        after: { ...Object.fromEntries(entries), ...(count ? { remappedTickets: count } : {}) },
      })
      return count
    },
    { timeout: 120_000 },
  )
  // Re-mapped tickets lost their stored verdicts (a new priority, new targets): reports run the engine on them until then.
  if (remapped > 0) await requestReevaluation(scope.id)
  return { source, mapping: Object.fromEntries(entries), remappedTickets: remapped }
}

/** Rewrites priority and content hash (so a re-import of the same data still reads as unchanged). */
async function remapTickets(tx: Tx, partnershipId: string, source: string, changes: ReadonlyMap<string, Priority>): Promise<number> {
  if (changes.size === 0) return 0
  bumpPartnership(partnershipId)
  let total = 0
  let after = ''
  for (;;) {
    const rows = await tx.ticket.findMany({
      where: { partnershipId, source, sourcePriority: { in: [...changes.keys()] }, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: CHUNK,
    })
    if (rows.length === 0) return total
    after = rows[rows.length - 1].id
    const ids: string[] = []
    const priorities: string[] = []
    const hashes: string[] = []
    for (const row of rows) {
      const content = storedTicketContent({ ...row, priority: changes.get(row.sourcePriority!)!, sourcePriority: row.sourcePriority! })
      ids.push(row.id)
      priorities.push(content.priority)
      hashes.push(contentHash(content))
    }
    total += await tx.$executeRawUnsafe(
      `UPDATE "Ticket" AS t SET "priority" = v.p::"Priority", "contentHash" = v.h, "slaVersion" = NULL, "updatedAt" = now() AT TIME ZONE 'UTC'
         FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, p, h) WHERE t."id" = v.id AND t."partnershipId" = $4`,
      ids,
      priorities,
      hashes,
      partnershipId,
    )
  }
}
