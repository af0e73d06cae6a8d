import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import type { PrismaClient, Tx } from '../db/client.server.ts'
import type { Prisma } from '../db/generated/client.ts'
import { AppError, notFound } from '../errors.ts'
import { fieldGroups } from './field-groups.ts'
import { describeFieldValue, fieldLabel, formField } from './field-labels.ts'

// Co-editing without lost work (docs/decisions/004-co-editing.md). Every update names the version it was based on.
// When someone else saved since, the fields they changed are read from the field history: an update touching
// other fields is merged onto the current version; one touching the same fields with a different value is
// refused with 409, returning the current values and who changed them. Never last-write-wins.
// Conflicts are found on columns (what the history records) but named and valued as the form shows them: the
// field the form edits (`oneTime`, not `oneTimeCents`), its label, and both values in the form's own terms, so a
// page can put the other party's value back into the very input that both people edited.
// Columns that mean something only together (an amount and its currency; the entity's field groups) conflict as
// one: touching one after someone else changed another is a 409 naming both, never a merge of halves.

export type Plain = Record<string, unknown>

/** JSON-safe form of a field value, for history rows and 409 payloads. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toJsonValue)
  return value ?? null
}

const same = (a: unknown, b: unknown) => JSON.stringify(toJsonValue(a)) === JSON.stringify(toJsonValue(b))

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/

/**
 * A history value back as its column holds it, so the entity's `present` can show it as the form does. The history
 * keeps no types: the current value says which (a column now null and once an instant is told by its form).
 */
function fromJsonValue(json: unknown, like: unknown): unknown {
  if (json === null || json === undefined) return null
  if (typeof like === 'bigint') return BigInt(json as string)
  if (like instanceof Date || (like === null && typeof json === 'string' && INSTANT.test(json))) return new Date(json as string)
  return json
}

export interface Conflict {
  /** The form's name of the field. */
  field: string
  /** The field in words. */
  label: string
  yours: unknown
  theirs: unknown
  by: string
  at: string
  /**
   * The fields someone else changed that this one goes with (its field group), when nobody but you changed this
   * one: `theirs` is then its value unchanged, and `by`/`at` name their change to the group.
   */
  goesWith?: string[]
}

export interface ConflictDetails {
  [key: string]: unknown
  entityType: string
  id: string
  currentVersion: number
  current: Plain
  conflicts: Conflict[]
}

/** One field changed since the version an approval was based on, in words. */
export interface ChangeSince {
  field: string
  label: string
  before: string
  after: string
  by: string
  at: string
}

export interface StaleDetails {
  [key: string]: unknown
  entityType: string
  id: string
  baseVersion: number
  currentVersion: number
  current: Plain
  changes: ChangeSince[]
}

/** What decides an update, wherever its row is read. */
export interface VersionedPlan<T extends { id: string; version: number }> {
  scope: PartnershipScope
  actor: Actor
  entityType: string
  id: string
  baseVersion: number
  /** Only the fields the caller means to change. */
  changes: Plain
  /** Restoring works on a deleted row; every other update treats a deleted row as not found. */
  allowDeleted?: boolean
  /**
   * Refuse (409, listing what changed since) unless based on the current version: for a decision such as an
   * approval, which must be given on what the person saw, never merged onto a budget they did not see.
   */
  requireCurrent?: { message: string }
  /** Further changes that follow from this one (an approval reset after a budget edit). */
  derive?(current: T, changes: Plain): Plain
  /** What the 409 payload shows of the current row. */
  present(row: T): Plain
}

export interface VersionedUpdate<T extends { id: string; version: number }> extends VersionedPlan<T> {
  tx: Tx
  /** Loads the row within the scope, deleted or not (null when missing). */
  load(tx: Tx): Promise<T | null>
  /** Writes when the row is still at `expectedVersion`; returns the number of rows written (0 or 1). */
  write(tx: Tx, expectedVersion: number, data: Plain): Promise<number>
}

export interface UpdateResult<T> {
  row: T
  /** Whether the update was based on an older version and merged with others' changes to other fields. */
  merged: boolean
  changedFields: string[]
}

const MAX_ATTEMPTS = 5

/** What the version-checked write of one attempt puts in: every changed column, the version, their history. */
interface Planned {
  all: Plain
  nextVersion: number
  fields: string[]
}

/**
 * The decision of one attempt on the row as it is now (`current`): 404, 400, 409, nothing to change, or what to
 * write. The field history is read after the base version up to `current.version` (a reader outside a transaction
 * may already see the rows of a later save; the write's version check refuses that attempt).
 */
async function plan<T extends { id: string; version: number; deletedAt?: Date | null }>(
  u: VersionedPlan<T>,
  current: T | null,
  reader: Tx,
): Promise<{ unchanged: UpdateResult<T> } | { merged: boolean; planned: Planned; current: T }> {
  if (!current || (current.deletedAt && !u.allowDeleted)) throw notFound(u.entityType)
  if (u.baseVersion > current.version) {
    throw new AppError('BAD_REQUEST', `baseVersion: ${u.baseVersion} is newer than the current version ${current.version}`, {
      fieldErrors: [{ field: 'baseVersion', message: 'Newer than the current version' }],
    })
  }
  const row = current as unknown as Plain
  const changes = Object.fromEntries(Object.entries(u.changes).filter(([k, v]) => v !== undefined && !same(row[k], v)))

  const merged = u.baseVersion < current.version
  if (merged) {
    const since = await reader.fieldChange.findMany({
      where: { partnershipId: u.scope.id, entityType: u.entityType, entityId: u.id, version: { gt: u.baseVersion, lte: current.version } },
      orderBy: [{ version: 'asc' }, { field: 'asc' }],
    })
    const presented = (r: T) => Object.fromEntries(Object.entries(u.present(r)).map(([k, v]) => [k, toJsonValue(v)]))
    const shown = presented(current)
    if (u.requireCurrent) throw staleError(u, current.version, shown, since, u.requireCurrent.message)
    const latest = new Map(since.map((c) => [c.field, c]))
    const first = new Map<string, (typeof since)[number]>()
    for (const c of since) if (!first.has(c.field)) first.set(c.field, c)
    // Both values as the form shows them: the current row, and the current row with this update applied.
    const proposed = presented({ ...current, ...changes })
    const conflicts = new Map<string, Conflict>()
    // A field named once (its first conflict stands), with the current value as theirs and `change` as who and when.
    const add = (column: string, yours: (field: string) => unknown, change: { actorLabel: string; at: Date }, goesWith?: string[]) => {
      const field = formField(u.entityType, column)
      if (conflicts.has(field)) return
      const theirs = shown[field] ?? toJsonValue(row[column])
      conflicts.set(field, { field, label: fieldLabel(u.entityType, field), yours: yours(field), theirs, by: change.actorLabel, at: change.at.toISOString(), ...(goesWith ? { goesWith } : {}) })
    }
    const mine = (column: string) => (field: string) => proposed[field] ?? toJsonValue(changes[column])
    for (const column of Object.keys(changes)) {
      const c = latest.get(column)
      if (c) add(column, mine(column), c)
    }
    for (const group of fieldGroups(u.entityType)) {
      if (!group.some((column) => column in changes)) continue
      // Members others changed that this update leaves alone; one it sends with the value they saved agrees with
      // them, and one changed and changed back since is as it was.
      const theirs = group.filter((column) => first.has(column) && u.changes[column] === undefined && !same(first.get(column)!.before, toJsonValue(row[column])))
      if (theirs.length === 0) continue
      const lastOfTheirs = theirs.map((column) => latest.get(column)!).reduce((a, b) => (b.version > a.version ? b : a))
      const goesWith = [...new Set(theirs.map((column) => formField(u.entityType, column)))]
      for (const column of group.filter((k) => k in changes)) add(column, mine(column), lastOfTheirs, goesWith)
      const base = presented({ ...current, ...Object.fromEntries(theirs.map((column) => [column, fromJsonValue(first.get(column)!.before, row[column])])) })
      for (const column of theirs) add(column, (field) => base[field] ?? toJsonValue(first.get(column)!.before), latest.get(column)!)
    }
    if (conflicts.size) {
      const list = [...conflicts.values()]
      const details: ConflictDetails = { entityType: u.entityType, id: u.id, currentVersion: current.version, current: shown, conflicts: list }
      throw new AppError('CONFLICT', `Changed by ${[...new Set(list.map((c) => c.by))].join(', ')} since you opened it: ${list.map((c) => c.label).join(', ')}`, { details })
    }
  }
  if (Object.keys(changes).length === 0) return { unchanged: { row: current, merged, changedFields: [] } }

  const all = { ...changes, ...(u.derive?.(current, changes) ?? {}) }
  const fields = Object.keys(all).filter((k) => !same(row[k], all[k]))
  return { merged, current, planned: { all, nextVersion: current.version + 1, fields } }
}

/** The field history and the audit event of a write that went in, in its transaction. */
async function recordWrite<T extends { id: string; version: number }>(tx: Tx, u: VersionedPlan<T>, current: T, { all, nextVersion, fields }: Planned): Promise<void> {
  const row = current as unknown as Plain
  await tx.fieldChange.createMany({
    data: fields.map((field) => ({
      partnershipId: u.scope.id,
      entityType: u.entityType,
      entityId: u.id,
      version: nextVersion,
      field,
      before: toJsonValue(row[field]) as Prisma.InputJsonValue,
      after: toJsonValue(all[field]) as Prisma.InputJsonValue,
      actorId: u.actor.userId,
      actorLabel: u.actor.label,
    })),
  })
  await recordAudit(tx, {
    actor: u.actor,
    action: `${u.entityType.charAt(0).toLowerCase()}${u.entityType.slice(1)}.update`,
    entityType: u.entityType,
    entityId: u.id,
    partnershipId: u.scope.id,
    before: Object.fromEntries(fields.map((f) => [f, toJsonValue(row[f])])),
    after: Object.fromEntries(fields.map((f) => [f, toJsonValue(all[f])])),
  })
}

/** A versioned update inside the caller's transaction (for callers with more to do in it). */
export async function applyVersionedUpdate<T extends { id: string; version: number; deletedAt?: Date | null }>(
  u: VersionedUpdate<T>,
): Promise<UpdateResult<T>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const decided = await plan(u, await u.load(u.tx), u.tx)
    if ('unchanged' in decided) return decided.unchanged
    const { current, planned, merged } = decided
    const written = await u.write(u.tx, current.version, { ...planned.all, version: planned.nextVersion })
    if (written === 0) continue // someone saved between our read and our write: read again and re-decide
    await recordWrite(u.tx, u, current, planned)
    const updated = await u.load(u.tx)
    return { row: updated!, merged, changedFields: planned.fields }
  }
  throw new AppError('CONFLICT', `${u.entityType} is being changed by others right now; reload and try again`)
}

export interface OptimisticUpdate<T extends { id: string; version: number }> extends VersionedPlan<T> {
  /** The database client: the row and its history are read with it, outside any transaction. */
  prisma: PrismaClient
  /** Loads the row within the scope, deleted or not (null when missing). */
  load(reader: Tx): Promise<T | null>
  /** Writes when the row is still at `expectedVersion` and returns it as written (null: it was not). */
  writeReturning(tx: Tx, expectedVersion: number, data: Plain): Promise<T | null>
}

/**
 * The same update with only the write in a transaction (ADR 004 addendum): the row and its field history are read
 * outside it, and the version check in the UPDATE's WHERE is what makes the decision safe, as it already was inside
 * the transaction at READ COMMITTED (the read there took no lock). If anyone saved in between, nothing is written
 * and the attempt starts again from a fresh read, so a concurrent edit is still merged or refused, never overwritten.
 * The transaction is BEGIN, the update returning the row, the history, the audit event, COMMIT: its connection is
 * held for five round trips instead of seven, and the read takes one from the pool for its own round trip only.
 */
export async function applyVersionedUpdateOutsideTransaction<T extends { id: string; version: number; deletedAt?: Date | null }>(
  u: OptimisticUpdate<T>,
): Promise<UpdateResult<T>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const decided = await plan(u, await u.load(u.prisma), u.prisma)
    if ('unchanged' in decided) return decided.unchanged
    const { current, planned, merged } = decided
    const row = await u.prisma.$transaction(async (tx) => {
      const written = await u.writeReturning(tx, current.version, { ...planned.all, version: planned.nextVersion })
      if (written) await recordWrite(tx, u, current, planned)
      return written
    })
    if (row) return { row, merged, changedFields: planned.fields }
  }
  throw new AppError('CONFLICT', `${u.entityType} is being changed by others right now; reload and try again`)
}

type HistoryRow = { version: number; field: string; before: unknown; after: unknown; actorLabel: string; at: Date }

/** The 409 for a decision based on an older version: every field changed since, from its first to its last value. */
function staleError<T extends { id: string; version: number }>(u: VersionedPlan<T>, currentVersion: number, current: Plain, since: HistoryRow[], message: string): AppError {
  const byField = new Map<string, ChangeSince & { version: number }>()
  for (const c of since) {
    const field = formField(u.entityType, c.field)
    const before = describeFieldValue(u.entityType, c.field, c.before)
    const after = describeFieldValue(u.entityType, c.field, c.after)
    const seen = byField.get(field)
    // Two columns of one form field (an approval's time and name): keep the first, which says most.
    if (seen?.version === c.version) continue
    byField.set(field, { field, label: fieldLabel(u.entityType, field), before: seen?.before ?? before, after, by: c.actorLabel, at: c.at.toISOString(), version: c.version })
  }
  const changes = [...byField.values()].filter((c) => c.before !== c.after).map(({ version: _v, ...c }) => c)
  const details: StaleDetails = { entityType: u.entityType, id: u.id, baseVersion: u.baseVersion, currentVersion, current, changes }
  const said = changes.map((c) => `${c.label} ${c.before} → ${c.after} (${c.by})`).join('; ')
  return new AppError('CONFLICT', `${message} It changed since you opened it (version ${u.baseVersion} → ${currentVersion})${said ? `: ${said}` : ''}.`, { details })
}

/** History rows for a created entity (version 1): every field from nothing. */
export async function recordCreation(tx: Tx, scope: PartnershipScope, actor: Actor, entityType: string, id: string, values: Plain): Promise<void> {
  const fields = Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
  await tx.fieldChange.createMany({
    data: fields.map(([field, value]) => ({
      partnershipId: scope.id,
      entityType,
      entityId: id,
      version: 1,
      field,
      before: undefined,
      after: toJsonValue(value) as Prisma.InputJsonValue,
      actorId: actor.userId,
      actorLabel: actor.label,
    })),
  })
  await recordAudit(tx, {
    actor,
    action: `${entityType.charAt(0).toLowerCase()}${entityType.slice(1)}.create`,
    entityType,
    entityId: id,
    partnershipId: scope.id,
    after: Object.fromEntries(fields.map(([f, v]) => [f, toJsonValue(v)])),
  })
}
