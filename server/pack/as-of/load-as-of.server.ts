import type { PartnershipScope } from '../../access/policy.server.ts'
import { db, queryArrays } from '../../db/client.server.ts'
import type { ActionItemStatus, Classification, ItemPriority, Party, QbrStatus, RoadmapStatus } from '../../db/generated/enums.ts'
import { type Decoders, type LaterChange, asBigInt, asDate, rowsAsOf } from './rows-as-of.ts'

// The workspace as it stood at an instant, for the pack: each reader takes today's rows that existed then (created
// by the instant, not deleted by it) and undoes the field changes recorded after it (rows-as-of.ts).

type Prisma = Awaited<ReturnType<typeof db>>

const existedAt = (asOf: Date) => ({ createdAt: { lte: asOf }, OR: [{ deletedAt: null }, { deletedAt: { gt: asOf } }] })

/** The entities whose history the pack's readers undo. */
const PACK_ENTITIES = ['ResponsibilityFunction', 'RoadmapItem', 'CsiEntry', 'Qbr', 'QbrAgendaItem', 'QbrActionItem']

/**
 * The field changes of the pack's entities recorded after the instant, by entity type: read by one query for all the
 * readers of one pack (each reader would otherwise read its own type's). Made per pack, never kept across packs.
 */
export type LaterHistory = Promise<Map<string, Array<LaterChange & { entityType: string }>>>

export function laterHistory(scope: PartnershipScope, asOf: Date): LaterHistory {
  // Straight through the driver (jsonb parsed as Prisma parses it): Prisma's own work per query is several times
  // the query's on a pack's many small reads.
  return queryArrays(
    `SELECT "entityType", "entityId", "version", "field", "before" FROM "FieldChange"
      WHERE "partnershipId" = $1 AND "entityType" = ANY($2::text[]) AND "at" > ($3::timestamptz AT TIME ZONE 'UTC')`,
    [scope.id, PACK_ENTITIES, asOf.toISOString()],
  ).then((rows) => {
    const byType = new Map<string, Array<LaterChange & { entityType: string }>>()
    for (const [entityType, entityId, version, field, before] of rows as Array<[string, string, number, string, unknown]>) {
      const change = { entityType, entityId, version, field, before }
      const list = byType.get(entityType)
      if (list) list.push(change)
      else byType.set(entityType, [change])
    }
    return byType
  })
}

async function laterChanges(prisma: Prisma, scope: PartnershipScope, entityType: string, asOf: Date, history?: LaterHistory): Promise<LaterChange[]> {
  if (history && PACK_ENTITIES.includes(entityType)) return (await history).get(entityType) ?? []
  const rows = await prisma.fieldChange.findMany({
    where: { partnershipId: scope.id, entityType, at: { gt: asOf } },
    select: { entityId: true, version: true, field: true, before: true },
  })
  return rows.map((r) => ({ entityId: r.entityId, version: r.version, field: r.field, before: r.before as unknown }))
}

async function asOfRows<T extends { id: string; createdAt: Date; deletedAt: Date | null }>(
  prisma: Prisma,
  scope: PartnershipScope,
  entityType: string,
  asOf: Date,
  rows: Promise<T[]>,
  decoders: Decoders<T> = {},
  history?: LaterHistory,
): Promise<T[]> {
  const [current, changes] = await Promise.all([rows, laterChanges(prisma, scope, entityType, asOf, history)])
  return rowsAsOf(current, changes, asOf, decoders)
}

// The workspace's rows straight through the driver (Prisma's own work per query is several times the query's on
// these small reads): instants as epoch milliseconds, big integers as text, read back into the types Prisma gives.
const MS = (column: string) => `(extract(epoch from "${column}") * 1000)::float8`
const EXISTED = `"partnershipId" = $1 AND "createdAt" <= ($2::timestamptz AT TIME ZONE 'UTC') AND ("deletedAt" IS NULL OR "deletedAt" > ($2::timestamptz AT TIME ZONE 'UTC'))`
const instant = (ms: number | null) => (ms === null ? null : new Date(ms))

async function existingRows<T>(table: string, columns: string, scope: PartnershipScope, asOf: Date, read: (row: unknown[]) => T): Promise<T[]> {
  const rows = await queryArrays(`SELECT ${columns} FROM "${table}" WHERE ${EXISTED}`, [scope.id, asOf.toISOString()])
  return rows.map(read)
}

export async function responsibilitiesAsOf(scope: PartnershipScope, asOf: Date, history?: LaterHistory) {
  const prisma = await db()
  return asOfRows(
    prisma,
    scope,
    'ResponsibilityFunction',
    asOf,
    existingRows(
      'ResponsibilityFunction',
      `"id", "category", "name", "classification"::text, "mspRaci", "clientRaci", "mspOwner", "clientOwner", "sortOrder", ${MS('createdAt')}, ${MS('deletedAt')}`,
      scope,
      asOf,
      (r) => ({
        id: r[0] as string,
        category: r[1] as string,
        name: r[2] as string,
        classification: r[3] as Classification,
        mspRaci: r[4] as string,
        clientRaci: r[5] as string,
        mspOwner: r[6] as string | null,
        clientOwner: r[7] as string | null,
        sortOrder: r[8] as number,
        createdAt: new Date(r[9] as number),
        deletedAt: instant(r[10] as number | null),
      }),
    ),
    { deletedAt: asDate },
    history,
  )
}

export async function roadmapItemsAsOf(scope: PartnershipScope, asOf: Date, history?: LaterHistory) {
  const prisma = await db()
  return asOfRows(
    prisma,
    scope,
    'RoadmapItem',
    asOf,
    existingRows(
      'RoadmapItem',
      `"id", "title", "status"::text, "targetQuarter", "priority"::text, "category", "oneTimeCents"::text, "recurringCents"::text, "recurringPeriod", "currency", ${MS('createdAt')}, ${MS('deletedAt')}`,
      scope,
      asOf,
      (r) => ({
        id: r[0] as string,
        title: r[1] as string,
        status: r[2] as RoadmapStatus,
        targetQuarter: r[3] as string | null,
        priority: r[4] as ItemPriority,
        category: r[5] as string,
        oneTimeCents: BigInt(r[6] as string),
        recurringCents: BigInt(r[7] as string),
        recurringPeriod: r[8] as string,
        currency: r[9] as string,
        createdAt: new Date(r[10] as number),
        deletedAt: instant(r[11] as number | null),
      }),
    ),
    { oneTimeCents: asBigInt, recurringCents: asBigInt, deletedAt: asDate },
    history,
  )
}

export async function csiEntriesAsOf(scope: PartnershipScope, asOf: Date, history?: LaterHistory) {
  const prisma = await db()
  return asOfRows(
    prisma,
    scope,
    'CsiEntry',
    asOf,
    existingRows(
      'CsiEntry',
      `"id", "opportunity", "stage", "status", "kpiMetric", "kpiBaseline", "kpiTarget", ${MS('createdAt')}, ${MS('deletedAt')}`,
      scope,
      asOf,
      (r) => ({
        id: r[0] as string,
        opportunity: r[1] as string,
        stage: r[2] as string,
        status: r[3] as string,
        kpiMetric: r[4] as string | null,
        kpiBaseline: r[5] as number | null,
        kpiTarget: r[6] as number | null,
        createdAt: new Date(r[7] as number),
        deletedAt: instant(r[8] as number | null),
      }),
    ),
    { deletedAt: asDate },
    history,
  )
}

export async function qbrsAsOf(scope: PartnershipScope, asOf: Date, history?: LaterHistory) {
  const prisma = await db()
  return asOfRows(
    prisma,
    scope,
    'Qbr',
    asOf,
    existingRows(
      'Qbr',
      `"id", "quarter", "title", "status"::text, ${MS('startsAt')}, "agendaOrder", ${MS('createdAt')}, ${MS('deletedAt')}`,
      scope,
      asOf,
      (r) => ({
        id: r[0] as string,
        quarter: r[1] as string,
        title: r[2] as string,
        status: r[3] as QbrStatus,
        startsAt: instant(r[4] as number | null),
        agendaOrder: r[5] as string[],
        createdAt: new Date(r[6] as number),
        deletedAt: instant(r[7] as number | null),
      }),
    ),
    { startsAt: asDate, deletedAt: asDate },
    history,
  )
}

export async function agendaItemsAsOf(scope: PartnershipScope, qbrId: string, asOf: Date, history?: LaterHistory) {
  const prisma = await db()
  const rows = queryArrays(
    `SELECT "id", "title", "timeboxMinutes", "presenter", "minutes", ${MS('createdAt')}, ${MS('deletedAt')} FROM "QbrAgendaItem" WHERE ${EXISTED} AND "qbrId" = $3`,
    [scope.id, asOf.toISOString(), qbrId],
  ).then((list) =>
    list.map((r) => ({
      id: r[0] as string,
      title: r[1] as string,
      timeboxMinutes: r[2] as number,
      presenter: r[3] as string | null,
      minutes: r[4] as string,
      createdAt: new Date(r[5] as number),
      deletedAt: instant(r[6] as number | null),
    })),
  )
  return asOfRows(prisma, scope, 'QbrAgendaItem', asOf, rows, { deletedAt: asDate }, history)
}

/** Action items raised at one of `qbrIds` or carried (by the instant) into `carriedInto`. */
export async function actionItemsAsOf(scope: PartnershipScope, qbrIds: string[], carriedInto: string | null, asOf: Date, history?: LaterHistory) {
  const prisma = await db()
  // The carried ones by a subquery: one read where the carries and the items were two, one after the other.
  const rows = queryArrays(
    `SELECT "id", "title", "owner", "party"::text, ${MS('dueDate')}, "status"::text, ${MS('createdAt')}, ${MS('deletedAt')} FROM "QbrActionItem"
      WHERE ${EXISTED} AND ("qbrId" = ANY($3::text[]) OR "id" IN (
        SELECT "actionItemId" FROM "QbrActionCarry" WHERE "partnershipId" = $1 AND "qbrId" = $4 AND "createdAt" <= ($2::timestamptz AT TIME ZONE 'UTC')))`,
    [scope.id, asOf.toISOString(), qbrIds, carriedInto],
  ).then((list) =>
    list.map((r) => ({
      id: r[0] as string,
      title: r[1] as string,
      owner: r[2] as string,
      party: r[3] as Party,
      dueDate: instant(r[4] as number | null),
      status: r[5] as ActionItemStatus,
      createdAt: new Date(r[6] as number),
      deletedAt: instant(r[7] as number | null),
    })),
  )
  return asOfRows(prisma, scope, 'QbrActionItem', asOf, rows, { dueDate: asDate, deletedAt: asDate }, history)
}

/**
 * Attendees are a plain list (removing one deletes the row), so the audit log is their history: today's attendees
 * added by the instant, and those removed after it whose addition came before it.
 */
export async function attendeesAsOf(scope: PartnershipScope, qbrId: string, asOf: Date) {
  const prisma = await db()
  const at = asOf.toISOString()
  const [current, removed] = await Promise.all([
    queryArrays(`SELECT "id", "name", "email", "party"::text FROM "QbrAttendee" WHERE "partnershipId" = $1 AND "qbrId" = $2 AND "createdAt" <= ($3::timestamptz AT TIME ZONE 'UTC')`, [scope.id, qbrId, at]).then(
      (rows) => (rows as Array<[string, string, string, Party]>).map(([id, name, email, party]) => ({ id, name, email, party })),
    ),
    queryArrays(
      `SELECT "entityId", "changes" FROM "AuditEvent"
        WHERE "partnershipId" = $1 AND "entityType" = 'QbrAttendee' AND "action" = 'qbrAttendee.delete' AND "createdAt" > ($2::timestamptz AT TIME ZONE 'UTC')`,
      [scope.id, at],
    ).then((rows) => (rows as Array<[string, unknown]>).map(([entityId, changes]) => ({ entityId, changes }))),
  ])
  const removedHere = removed
    .map((r) => {
      // The audit row keeps each removed field as { before, after: null }.
      const c = r.changes as Record<string, { before?: unknown } | undefined>
      const was = (field: string) => c[field]?.before
      return { id: r.entityId, qbrId: was('qbrId'), name: String(was('name') ?? ''), email: String(was('email') ?? ''), party: was('party') === 'CLIENT' ? ('CLIENT' as const) : ('MSP' as const) }
    })
    .filter((r) => r.qbrId === qbrId)
  const addedBefore = removedHere.length
    ? new Set(
        (
          await prisma.auditEvent.findMany({
            where: { partnershipId: scope.id, entityType: 'QbrAttendee', action: 'qbrAttendee.create', entityId: { in: removedHere.map((r) => r.id) }, createdAt: { lte: asOf } },
            select: { entityId: true },
          })
        ).map((r) => r.entityId),
      )
    : new Set<string>()
  return [
    ...current,
    ...removedHere.filter((r) => addedBefore.has(r.id)).map(({ id, name, email, party }) => ({ id, name, email, party })),
  ]
}
