import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import type { Tx } from '../db/client.server.ts'
import type { Prisma } from '../db/generated/client.ts'
import { AppError, notFound } from '../errors.ts'
import { describeFieldValue, fieldLabel, formField } from './field-labels.ts'

// Co-editing without lost work (docs/decisions/004-co-editing.md). Every update names the version it was based on.
// When someone else saved since, the fields they changed are read from the field history: an update touching
// other fields is merged onto the current version; one touching the same fields with a different value is
// refused with 409, returning the current values and who changed them. Never last-write-wins.
// Conflicts are found on columns (what the history records) but named and valued as the form shows them: the
// field the form edits (`oneTime`, not `oneTimeCents`), its label, and both values in the form's own terms, so a
// page can put the other party's value back into the very input that both people edited.

export type Plain = Record<string, unknown>

/** JSON-safe form of a field value, for history rows and 409 payloads. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toJsonValue)
  return value ?? null
}

const same = (a: unknown, b: unknown) => JSON.stringify(toJsonValue(a)) === JSON.stringify(toJsonValue(b))

export interface Conflict {
  /** The form's name of the field. */
  field: string
  /** The field in words. */
  label: string
  yours: unknown
  theirs: unknown
  by: string
  at: string
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

export interface VersionedUpdate<T extends { id: string; version: number }> {
  tx: Tx
  scope: PartnershipScope
  actor: Actor
  entityType: string
  id: string
  baseVersion: number
  /** Only the fields the caller means to change. */
  changes: Plain
  /** Loads the row within the scope, deleted or not (null when missing). */
  load(tx: Tx): Promise<T | null>
  /** Restoring works on a deleted row; every other update treats a deleted row as not found. */
  allowDeleted?: boolean
  /**
   * Refuse (409, listing what changed since) unless based on the current version: for a decision such as an
   * approval, which must be given on what the person saw, never merged onto a budget they did not see.
   */
  requireCurrent?: { message: string }
  /** Writes when the row is still at `expectedVersion`; returns the number of rows written (0 or 1). */
  write(tx: Tx, expectedVersion: number, data: Plain): Promise<number>
  /** Further changes that follow from this one (an approval reset after a budget edit). */
  derive?(current: T, changes: Plain): Plain
  /** What the 409 payload shows of the current row. */
  present(row: T): Plain
}

export interface UpdateResult<T> {
  row: T
  /** Whether the update was based on an older version and merged with others' changes to other fields. */
  merged: boolean
  changedFields: string[]
}

const MAX_ATTEMPTS = 5

export async function applyVersionedUpdate<T extends { id: string; version: number; deletedAt?: Date | null }>(
  u: VersionedUpdate<T>,
): Promise<UpdateResult<T>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await u.load(u.tx)
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
      const since = await u.tx.fieldChange.findMany({
        where: { partnershipId: u.scope.id, entityType: u.entityType, entityId: u.id, version: { gt: u.baseVersion } },
        orderBy: [{ version: 'asc' }, { field: 'asc' }],
      })
      const presented = (r: T) => Object.fromEntries(Object.entries(u.present(r)).map(([k, v]) => [k, toJsonValue(v)]))
      const shown = presented(current)
      if (u.requireCurrent) throw staleError(u, current.version, shown, since, u.requireCurrent.message)
      const latest = new Map(since.map((c) => [c.field, c]))
      // Both values as the form shows them: the current row, and the current row with this update applied.
      const proposed = presented({ ...current, ...changes })
      const conflicts = new Map<string, Conflict>()
      for (const column of Object.keys(changes)) {
        const c = latest.get(column)
        const field = formField(u.entityType, column)
        if (!c || conflicts.has(field)) continue
        conflicts.set(field, { field, label: fieldLabel(u.entityType, field), yours: proposed[field] ?? toJsonValue(changes[column]), theirs: shown[field] ?? toJsonValue(row[column]), by: c.actorLabel, at: c.at.toISOString() })
      }
      if (conflicts.size) {
        const list = [...conflicts.values()]
        const details: ConflictDetails = { entityType: u.entityType, id: u.id, currentVersion: current.version, current: shown, conflicts: list }
        throw new AppError('CONFLICT', `Changed by ${[...new Set(list.map((c) => c.by))].join(', ')} since you opened it: ${list.map((c) => c.label).join(', ')}`, { details })
      }
    }
    if (Object.keys(changes).length === 0) return { row: current, merged, changedFields: [] }

    const all = { ...changes, ...(u.derive?.(current, changes) ?? {}) }
    const nextVersion = current.version + 1
    const written = await u.write(u.tx, current.version, { ...all, version: nextVersion })
    if (written === 0) continue // someone saved between our read and our write: read again and re-decide

    const fields = Object.keys(all).filter((k) => !same(row[k], all[k]))
    await u.tx.fieldChange.createMany({
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
    await recordAudit(u.tx, {
      actor: u.actor,
      action: `${u.entityType.charAt(0).toLowerCase()}${u.entityType.slice(1)}.update`,
      entityType: u.entityType,
      entityId: u.id,
      partnershipId: u.scope.id,
      before: Object.fromEntries(fields.map((f) => [f, toJsonValue(row[f])])),
      after: Object.fromEntries(fields.map((f) => [f, toJsonValue(all[f])])),
    })
    const updated = await u.load(u.tx)
    return { row: updated!, merged, changedFields: fields }
  }
  throw new AppError('CONFLICT', `${u.entityType} is being changed by others right now; reload and try again`)
}

type HistoryRow = { version: number; field: string; before: unknown; after: unknown; actorLabel: string; at: Date }

/** The 409 for a decision based on an older version: every field changed since, from its first to its last value. */
function staleError<T extends { id: string; version: number }>(u: VersionedUpdate<T>, currentVersion: number, current: Plain, since: HistoryRow[], message: string): AppError {
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
