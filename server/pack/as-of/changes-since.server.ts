import type { PartnershipScope } from '../../access/policy.server.ts'
import { db, queryArrays } from '../../db/client.server.ts'
import { CHANGE_AREAS, type ChangeLine, changeLines } from './change-lines.ts'
import type { LaterHistory } from './load-as-of.server.ts'

const NAME_FIELD: Record<string, string> = { ResponsibilityFunction: 'name', RoadmapItem: 'title', CsiEntry: 'opportunity' }

/**
 * The last QBR before the reviewed quarter's, as it stood at the instant: the one held most recently (its start
 * passed by then). Null when there was none.
 */
export function lastHeldQbr<T extends { quarter: string; startsAt: Date | null }>(qbrs: readonly T[], quarter: string, asOf: Date): T | null {
  let last: T | null = null
  for (const q of qbrs) {
    if (q.quarter >= quarter || !q.startsAt || q.startsAt.getTime() > asOf.getTime()) continue
    if (!last || q.startsAt.getTime() > last.startsAt!.getTime()) last = q
  }
  return last
}

/**
 * The matrix, roadmap and CSI changes saved after `since` up to the instant, one line per entity and save, each
 * entity named as it was at the instant.
 */
export async function changesSince(scope: PartnershipScope, since: Date, asOf: Date, later?: LaterHistory): Promise<{ lines: ChangeLine[]; changedIds: Set<string> }> {
  const prisma = await db()
  const entityTypes = Object.keys(CHANGE_AREAS)
  // The renames after the instant are read beside the period's history, not after it.
  const laterRenames: Promise<Array<{ entityType: string; entityId: string; before: unknown }>> = later
    ? later.then((byType) =>
        Object.entries(NAME_FIELD)
          .flatMap(([entityType, field]) => (byType.get(entityType) ?? []).filter((c) => c.field === field))
          .sort((a, b) => b.version - a.version),
      )
    : prisma.fieldChange.findMany({
        where: { partnershipId: scope.id, at: { gt: asOf }, OR: Object.entries(NAME_FIELD).map(([entityType, field]) => ({ entityType, field })) },
        orderBy: [{ version: 'desc' }],
        select: { entityType: true, entityId: true, before: true },
      })
      // (a Prisma query starts when it is awaited: this starts it now)
      .then((rows) => rows)
  // Straight through the driver (Prisma's own work per query is several times the query's on these small reads).
  const history = (
    (await queryArrays(
      `SELECT "entityType", "entityId", "version", "field", "after", "actorLabel", (extract(epoch from "at") * 1000)::float8 FROM "FieldChange"
        WHERE "partnershipId" = $1 AND "entityType" = ANY($2::text[]) AND "at" > ($3::timestamptz AT TIME ZONE 'UTC') AND "at" <= ($4::timestamptz AT TIME ZONE 'UTC')`,
      [scope.id, entityTypes, since.toISOString(), asOf.toISOString()],
    )) as Array<[string, string, number, string, unknown, string, number]>
  ).map(([entityType, entityId, version, field, after, actorLabel, at]) => ({ entityType, entityId, version, field, after, actorLabel, at: new Date(at) }))
  const ids = (type: string) => [...new Set(history.filter((h) => h.entityType === type).map((h) => h.entityId))]
  // Only the entities the period changed are named (none: no query).
  const named = <T>(type: string, read: (ids: string[]) => Promise<T[]>): Promise<T[]> => {
    const list = ids(type)
    return list.length ? read(list) : Promise.resolve([])
  }
  const [responsibilities, roadmap, csi, renames] = await Promise.all([
    named('ResponsibilityFunction', (id) => prisma.responsibilityFunction.findMany({ where: { partnershipId: scope.id, id: { in: id } }, select: { id: true, name: true } })),
    named('RoadmapItem', (id) => prisma.roadmapItem.findMany({ where: { partnershipId: scope.id, id: { in: id } }, select: { id: true, title: true } })),
    named('CsiEntry', (id) => prisma.csiEntry.findMany({ where: { partnershipId: scope.id, id: { in: id } }, select: { id: true, opportunity: true } })),
    laterRenames,
  ])
  const names = new Map<string, string>([
    ...responsibilities.map((r) => [`ResponsibilityFunction:${r.id}`, r.name] as const),
    ...roadmap.map((r) => [`RoadmapItem:${r.id}`, r.title] as const),
    ...csi.map((r) => [`CsiEntry:${r.id}`, r.opportunity] as const),
  ])
  // Renamed after the instant: the value before the first later rename is the name it had (newest first, so the
  // oldest later rename is written last).
  for (const r of renames) if (typeof r.before === 'string') names.set(`${r.entityType}:${r.entityId}`, r.before)
  return { lines: changeLines(history, names), changedIds: new Set(history.map((h) => h.entityId)) }
}
