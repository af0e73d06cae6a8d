import type { PartnershipScope } from '../access/policy.server.ts'
import { type Tx, db } from '../db/client.server.ts'
import { NARRATIVE_ENTITY, narrativeFieldLabel, readNotes } from './narrative-fields.ts'
import { type NarrativeDto, ZNarrativeRef } from './narrative.schemas.ts'

const HISTORY_LIMIT = 50

/** The quarter's narrative with its versions (who, when, what) and the pack versions that froze it. */
export async function getNarrative(scope: PartnershipScope, input: unknown): Promise<NarrativeDto> {
  const { quarter } = ZNarrativeRef.parse(input)
  return readNarrative(await db(), scope, quarter)
}

export async function readNarrative(client: Tx | Awaited<ReturnType<typeof db>>, scope: PartnershipScope, quarter: string): Promise<NarrativeDto> {
  const [row, packs] = await Promise.all([
    client.packNarrative.findUnique({ where: { partnershipId_quarter: { partnershipId: scope.id, quarter } } }),
    client.packVersion.findMany({ where: { partnershipId: scope.id, quarter }, orderBy: { version: 'desc' }, select: { version: true, snapshot: true } }),
  ])
  const frozenIn = packs.map((p) => ({ version: p.version, narrativeVersion: (p.snapshot as { narrative?: { version?: number } | null }).narrative?.version ?? 0 }))
  if (!row) return { quarter, version: 0, summary: '', notes: {}, updatedBy: null, updatedAt: null, history: [], frozenIn }
  const changes = await client.fieldChange.findMany({
    where: { partnershipId: scope.id, entityType: NARRATIVE_ENTITY, entityId: row.id, version: { gt: row.version - HISTORY_LIMIT } },
    orderBy: [{ version: 'desc' }, { field: 'asc' }],
    select: { version: true, field: true, actorLabel: true, at: true },
  })
  const byVersion = new Map<number, NarrativeDto['history'][number]>()
  for (const c of changes) {
    const rev = byVersion.get(c.version) ?? { version: c.version, by: c.actorLabel, at: c.at.toISOString(), changed: [] }
    rev.changed.push(narrativeFieldLabel(c.field))
    byVersion.set(c.version, rev)
  }
  return {
    quarter,
    version: row.version,
    summary: row.summary,
    notes: readNotes(row.notes),
    updatedBy: row.updatedByLabel,
    updatedAt: row.updatedAt.toISOString(),
    history: [...byVersion.values()],
    frozenIn,
  }
}
