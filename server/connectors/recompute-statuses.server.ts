// A new status map applied to the tickets already stored, from the status histories kept with them
// (Ticket.statusSource), without reading the PSA again: pauses, lifecycle, and a resolution time taken from the
// history where the PSA gave none. Runs at the start of the first sync after the map changed.
import { bumpPartnership } from '../cache/short-cache.ts'
import { requestReevaluation } from '../sla/stored/reevaluate-verdicts.server.ts'
import { db } from '../db/client.server.ts'
import { Prisma } from '../db/generated/client.ts'
import { type StoredPause, contentHash, storedTicketContent } from '../tickets/normalize-ticket.ts'
import { changesOf, completionFromHistory, lifecycleOf, pausesFromHistory, readStatusSource, reopensFromHistory } from '../tickets/status-history.ts'
import { type StatusMap, rulesFor } from './status-rules.server.ts'
import type { Connector } from './types.ts'

const CHUNK = 1000

export interface RecomputeCounts {
  /** Stored tickets with a kept history, all recomputed. */
  recomputed: number
  /** Of those, the ones whose pauses, lifecycle or resolution time changed. */
  changed: number
}

/** How many of the connection's stored tickets have a kept status history, and how many have none. */
export async function storedHistoryCounts(partnershipId: string, source: string): Promise<{ withHistory: number; withoutHistory: number }> {
  const prisma = await db()
  const [withHistory, all] = await Promise.all([
    prisma.ticket.count({ where: { partnershipId, source, statusSource: { not: Prisma.DbNull } } }),
    prisma.ticket.count({ where: { partnershipId, source } }),
  ])
  return { withHistory, withoutHistory: all - withHistory }
}

export async function recomputeStoredStatuses(partnershipId: string, source: string, connector: Connector, map: StatusMap, pauseStatuses: readonly string[]): Promise<RecomputeCounts> {
  const prisma = await db()
  const boards = await prisma.$queryRawUnsafe<Array<{ board: string | null }>>(
    `SELECT DISTINCT "statusSource"->>'board' AS board FROM "Ticket" WHERE "partnershipId" = $1 AND "source" = $2 AND "statusSource" IS NOT NULL`,
    partnershipId,
    source,
  )
  if (boards.length === 0) return { recomputed: 0, changed: 0 }
  const rules = await rulesFor(
    connector,
    boards.map((b) => ({ boardId: b.board })),
    map,
    pauseStatuses,
  )
  bumpPartnership(partnershipId)
  const counts: RecomputeCounts = { recomputed: 0, changed: 0 }
  let after = ''
  for (;;) {
    const rows = await prisma.ticket.findMany({
      where: { partnershipId, source, id: { gt: after }, statusSource: { not: Prisma.DbNull } },
      orderBy: { id: 'asc' },
      take: CHUNK,
    })
    if (rows.length === 0) {
      // Changed tickets lost their stored verdicts: the re-evaluation stores them again (ADR 022).
      if (counts.changed > 0) await requestReevaluation(partnershipId)
      return counts
    }
    after = rows[rows.length - 1].id
    const update: { ids: string[]; pauses: string[]; lifecycles: string[]; resolved: Array<string | null>; reopens: number[]; hashes: string[] } = { ids: [], pauses: [], lifecycles: [], resolved: [], reopens: [], hashes: [] }
    for (const row of rows) {
      const kept = readStatusSource(row.statusSource)
      if (!kept) continue
      counts.recomputed++
      const changes = changesOf(kept)
      const pauses = pausesFromHistory(changes, { createdAt: row.createdAt.toISOString(), initialStatus: row.status, waiting: rules.waiting }).map(
        ([s, e, reason]) => (reason ? [s, e, reason] : [s, e]) as StoredPause,
      )
      const lifecycle = lifecycleOf(row.status, kept.closed, kept.resolvedAt !== null, rules)
      const finished = lifecycle === 'resolved' || lifecycle === 'closed'
      const resolvedAt = kept.resolvedAt ?? (finished ? completionFromHistory(changes, rules) : null)
      const reopens = reopensFromHistory(changes, rules)
      const content = storedTicketContent({ ...row, sourcePriority: row.sourcePriority as string, pauses, lifecycle, reopens, resolvedAt: resolvedAt ? new Date(resolvedAt) : null })
      const hash = contentHash(content)
      if (hash === row.contentHash) continue
      update.ids.push(row.id)
      update.pauses.push(JSON.stringify(pauses))
      update.lifecycles.push(lifecycle)
      update.resolved.push(resolvedAt)
      update.reopens.push(reopens)
      update.hashes.push(hash)
    }
    if (update.ids.length === 0) continue
    counts.changed += await prisma.$executeRawUnsafe(
      `UPDATE "Ticket" AS t SET "pauses" = v.p::jsonb, "lifecycle" = v.l, "resolvedAt" = (v.r::timestamptz AT TIME ZONE 'UTC'), "reopens" = v.n, "contentHash" = v.h, "slaVersion" = NULL, "updatedAt" = now() AT TIME ZONE 'UTC'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $7::int[]) AS v(id, p, l, r, h, n) WHERE t."id" = v.id AND t."partnershipId" = $6`,
      update.ids,
      update.pauses,
      update.lifecycles,
      update.resolved,
      update.hashes,
      partnershipId,
      update.reopens,
    )
  }
}
