import type { PartnershipScope } from '../../access/policy.server.ts'
import { db } from '../../db/client.server.ts'
import { type Decoders, asBigInt, asDate, rowsAsOf } from './rows-as-of.ts'

// The workspace as it stood at an instant, for the pack: each reader takes today's rows that existed then (created
// by the instant, not deleted by it) and undoes the field changes recorded after it (rows-as-of.ts).

type Prisma = Awaited<ReturnType<typeof db>>

const existedAt = (asOf: Date) => ({ createdAt: { lte: asOf }, OR: [{ deletedAt: null }, { deletedAt: { gt: asOf } }] })

async function laterChanges(prisma: Prisma, scope: PartnershipScope, entityType: string, asOf: Date) {
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
): Promise<T[]> {
  const [current, changes] = await Promise.all([rows, laterChanges(prisma, scope, entityType, asOf)])
  return rowsAsOf(current, changes, asOf, decoders)
}

export async function responsibilitiesAsOf(scope: PartnershipScope, asOf: Date) {
  const prisma = await db()
  return asOfRows(
    prisma,
    scope,
    'ResponsibilityFunction',
    asOf,
    prisma.responsibilityFunction.findMany({
      where: { partnershipId: scope.id, ...existedAt(asOf) },
      select: { id: true, category: true, name: true, classification: true, mspRaci: true, clientRaci: true, mspOwner: true, clientOwner: true, sortOrder: true, createdAt: true, deletedAt: true },
    }),
    { deletedAt: asDate },
  )
}

export async function roadmapItemsAsOf(scope: PartnershipScope, asOf: Date) {
  const prisma = await db()
  return asOfRows(
    prisma,
    scope,
    'RoadmapItem',
    asOf,
    prisma.roadmapItem.findMany({
      where: { partnershipId: scope.id, ...existedAt(asOf) },
      select: {
        id: true,
        title: true,
        status: true,
        targetQuarter: true,
        priority: true,
        category: true,
        oneTimeCents: true,
        recurringCents: true,
        recurringPeriod: true,
        currency: true,
        createdAt: true,
        deletedAt: true,
      },
    }),
    { oneTimeCents: asBigInt, recurringCents: asBigInt, deletedAt: asDate },
  )
}

export async function csiEntriesAsOf(scope: PartnershipScope, asOf: Date) {
  const prisma = await db()
  return asOfRows(
    prisma,
    scope,
    'CsiEntry',
    asOf,
    prisma.csiEntry.findMany({
      where: { partnershipId: scope.id, ...existedAt(asOf) },
      select: { id: true, opportunity: true, stage: true, status: true, kpiMetric: true, kpiBaseline: true, kpiTarget: true, createdAt: true, deletedAt: true },
    }),
    { deletedAt: asDate },
  )
}

export async function qbrsAsOf(scope: PartnershipScope, asOf: Date) {
  const prisma = await db()
  return asOfRows(
    prisma,
    scope,
    'Qbr',
    asOf,
    prisma.qbr.findMany({
      where: { partnershipId: scope.id, ...existedAt(asOf) },
      select: { id: true, quarter: true, title: true, status: true, startsAt: true, agendaOrder: true, createdAt: true, deletedAt: true },
    }),
    { startsAt: asDate, deletedAt: asDate },
  )
}

export async function agendaItemsAsOf(scope: PartnershipScope, qbrId: string, asOf: Date) {
  const prisma = await db()
  return asOfRows(
    prisma,
    scope,
    'QbrAgendaItem',
    asOf,
    prisma.qbrAgendaItem.findMany({
      where: { partnershipId: scope.id, qbrId, ...existedAt(asOf) },
      select: { id: true, title: true, timeboxMinutes: true, presenter: true, minutes: true, createdAt: true, deletedAt: true },
    }),
    { deletedAt: asDate },
  )
}

/** Action items raised at one of `qbrIds` or carried (by the instant) into `carriedInto`. */
export async function actionItemsAsOf(scope: PartnershipScope, qbrIds: string[], carriedInto: string | null, asOf: Date) {
  const prisma = await db()
  const carried = carriedInto
    ? (await prisma.qbrActionCarry.findMany({ where: { partnershipId: scope.id, qbrId: carriedInto, createdAt: { lte: asOf } }, select: { actionItemId: true } })).map((c) => c.actionItemId)
    : []
  return asOfRows(
    prisma,
    scope,
    'QbrActionItem',
    asOf,
    prisma.qbrActionItem.findMany({
      where: { partnershipId: scope.id, ...existedAt(asOf), AND: [{ OR: [{ qbrId: { in: qbrIds } }, { id: { in: carried } }] }] },
      select: { id: true, title: true, owner: true, party: true, dueDate: true, status: true, createdAt: true, deletedAt: true },
    }),
    { dueDate: asDate, deletedAt: asDate },
  )
}

/**
 * Attendees are a plain list (removing one deletes the row), so the audit log is their history: today's attendees
 * added by the instant, and those removed after it whose addition came before it.
 */
export async function attendeesAsOf(scope: PartnershipScope, qbrId: string, asOf: Date) {
  const prisma = await db()
  const [current, removed] = await Promise.all([
    prisma.qbrAttendee.findMany({ where: { partnershipId: scope.id, qbrId, createdAt: { lte: asOf } }, select: { id: true, name: true, email: true, party: true } }),
    prisma.auditEvent.findMany({
      where: { partnershipId: scope.id, entityType: 'QbrAttendee', action: 'qbrAttendee.delete', createdAt: { gt: asOf } },
      select: { entityId: true, changes: true },
    }),
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
