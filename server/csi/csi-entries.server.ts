import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { WORKSPACE_READ_TTL_MS, cachedPartnershipRead } from '../cache/short-cache.ts'
import { type Tx, db } from '../db/client.server.ts'
import type { CsiEntry } from '../db/generated/client.ts'
import { AppError, notFound } from '../errors.ts'
import { applyVersionedUpdate, recordCreation } from '../workspace/versioned-update.server.ts'
import { ZVersionedRef } from '../workspace/workspace.schemas.ts'
import { kpiOf, toCsiColumns, toCsiDto } from './csi.mapper.ts'
import { ZCreateCsiInput, ZListCsiInput, ZUpdateCsiInput, stagesFor } from './csi.schemas.ts'
import { kpiFigures } from './kpi.server.ts'

export async function csiModel(tx: Tx, scope: PartnershipScope) {
  return (await tx.partnership.findUniqueOrThrow({ where: { id: scope.id }, select: { csiModel: true } })).csiModel
}

function assertStage(stage: string | undefined, model: 'PDCA' | 'ITIL7') {
  if (stage !== undefined && !stagesFor(model).includes(stage)) {
    throw new AppError('BAD_REQUEST', `stage: this partnership uses ${model}: one of ${stagesFor(model).join(', ')}`, {
      fieldErrors: [{ field: 'stage', message: `One of ${stagesFor(model).join(', ')}` }],
    })
  }
}

export async function createCsiEntry(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { slug: _slug, ...fields } = ZCreateCsiInput.parse(input)
  const row = await (await db()).$transaction(async (tx) => {
    const model = await csiModel(tx, scope)
    const stage = fields.stage ?? stagesFor(model)[0]
    assertStage(stage, model)
    const columns = { ...toCsiColumns(fields), stage }
    const created = await tx.csiEntry.create({ data: { ...(columns as object), opportunity: fields.opportunity, size: fields.size, stage, partnershipId: scope.id } })
    await recordCreation(tx, scope, actor, 'CsiEntry', created.id, columns)
    return created
  })
  return toCsiDto(row, kpiOf(await kpiFigures(scope, [row]), row.id))
}

function versioned(scope: PartnershipScope, actor: Actor, id: string, baseVersion: number, changes: Record<string, unknown>, allowDeleted = false) {
  return async (tx: Tx) => {
    const model = await csiModel(tx, scope)
    assertStage(changes.stage as string | undefined, model)
    return applyVersionedUpdate<CsiEntry>({
      tx,
      scope,
      actor,
      entityType: 'CsiEntry',
      id,
      baseVersion,
      changes,
      allowDeleted,
      load: (t) => t.csiEntry.findFirst({ where: { id, partnershipId: scope.id } }),
      write: async (t, expectedVersion, data) => (await t.csiEntry.updateMany({ where: { id, partnershipId: scope.id, version: expectedVersion }, data })).count,
      present: (r) => toCsiDto(r, null),
    })
  }
}

export async function updateCsiEntry(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id, baseVersion, changes } = ZUpdateCsiInput.parse(input)
  const result = await (await db()).$transaction(versioned(scope, actor, id, baseVersion, toCsiColumns(changes)))
  return { item: toCsiDto(result.row, kpiOf(await kpiFigures(scope, [result.row]), id)), merged: result.merged, changedFields: result.changedFields }
}

export async function setCsiEntryDeleted(scope: PartnershipScope, actor: Actor, input: unknown, deleted: boolean) {
  const { id, baseVersion } = ZVersionedRef.parse(input)
  const result = await (await db()).$transaction(versioned(scope, actor, id, baseVersion, { deletedAt: deleted ? new Date() : null }, !deleted))
  return toCsiDto(result.row, null)
}

const PRIORITY_RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const
const SIZE_RANK = { SMALL: 0, MEDIUM: 1, LARGE: 2 } as const

/** The prioritised register, each entry with its KPI's current value and progress towards target. */
export async function listCsiEntries(scope: PartnershipScope, input: unknown) {
  const { sort, includeDeleted } = ZListCsiInput.parse(input)
  return cachedPartnershipRead('csi.list', scope.id, `${sort}|${includeDeleted}`, WORKSPACE_READ_TTL_MS, () => readCsiEntries(scope, sort, includeDeleted))
}

async function readCsiEntries(scope: PartnershipScope, sort: 'priority' | 'size' | 'due', includeDeleted: boolean) {
  const rows = await (await db()).csiEntry.findMany({ where: { partnershipId: scope.id, ...(includeDeleted ? {} : { deletedAt: null }) } })
  const kpis = await kpiFigures(scope, rows)
  const due = (r: CsiEntry) => r.dueDate?.getTime() ?? Number.MAX_SAFE_INTEGER
  rows.sort((a, b) => {
    const byPriority = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority]
    const bySize = SIZE_RANK[a.size] - SIZE_RANK[b.size]
    const byDue = due(a) - due(b)
    const order = sort === 'priority' ? [byPriority, byDue, bySize] : sort === 'size' ? [bySize, byPriority, byDue] : [byDue, byPriority, bySize]
    return order.find((x) => x !== 0) ?? a.createdAt.getTime() - b.createdAt.getTime()
  })
  return rows.map((r) => toCsiDto(r, kpiOf(kpis, r.id)))
}

export async function getCsiEntry(scope: PartnershipScope, id: string) {
  const row = await (await db()).csiEntry.findFirst({ where: { id, partnershipId: scope.id } })
  if (!row) throw notFound('CSI entry')
  return toCsiDto(row, kpiOf(await kpiFigures(scope, [row]), id))
}

/** The stages of the partnership's improvement model (PDCA or the ITIL seven steps). */
export async function csiStages(scope: PartnershipScope): Promise<string[]> {
  return [...stagesFor(await csiModel(await db(), scope))]
}
