import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { Prisma } from '../db/generated/client.ts'
import { AppError } from '../errors.ts'
import { applyVersionedUpdate, recordCreation } from '../workspace/versioned-update.server.ts'
import { readNarrative } from './get-narrative.server.ts'
import { NARRATIVE_ENTITY, NARRATIVE_FIELDS, applyToNotes, flatChanges, flatten, readNotes } from './narrative-fields.ts'
import { type NarrativeDto, ZSaveNarrativeInput } from './narrative.schemas.ts'

type FlatRow = { id: string; version: number; notes: Partial<Record<string, string>> } & Record<string, unknown>

/**
 * Saves the changed texts of a quarter's narrative under ADR 004: based on the version the editor opened, merged
 * onto a newer one when nobody else changed the same text since, else 409 with both texts and nothing written.
 * The first save (base version 0) creates it; two first saves at once meet on the unique key, and the second is
 * then decided like any other save based on version 0.
 */
export async function saveNarrative(scope: PartnershipScope, actor: Actor, input: unknown): Promise<{ narrative: NarrativeDto; merged: boolean }> {
  const { quarter, baseVersion, changes } = ZSaveNarrativeInput.parse(input)
  const flat = flatChanges(changes)
  const prisma = await db()
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const existing = await tx.packNarrative.findUnique({ where: { partnershipId_quarter: { partnershipId: scope.id, quarter } }, select: { id: true } })
        if (!existing) {
          if (baseVersion > 0) {
            throw new AppError('BAD_REQUEST', `baseVersion: ${baseVersion} is newer than the current version 0`, { fieldErrors: [{ field: 'baseVersion', message: 'Newer than the current version' }] })
          }
          const notes = applyToNotes({}, flat)
          const created = await tx.packNarrative.create({ data: { partnershipId: scope.id, quarter, summary: flat.summary ?? '', notes, updatedByLabel: actor.label } })
          await recordCreation(tx, scope, actor, NARRATIVE_ENTITY, created.id, flatten(created.summary, notes))
          return { narrative: await readNarrative(tx, scope, quarter), merged: false }
        }
        const id = existing.id
        // The row as last loaded: the notes a write merges its changed notes into (the write only lands on that version).
        let loaded: FlatRow | null = null
        const result = await applyVersionedUpdate<FlatRow>({
          tx,
          scope,
          actor,
          entityType: NARRATIVE_ENTITY,
          id,
          baseVersion,
          changes: flat,
          async load(t) {
            const row = await t.packNarrative.findFirst({ where: { id, partnershipId: scope.id } })
            if (!row) return (loaded = null)
            const notes = readNotes(row.notes)
            loaded = { ...flatten(row.summary, notes), id: row.id, version: row.version, notes }
            return loaded
          },
          async write(t, expectedVersion, data) {
            const notes = applyToNotes(loaded!.notes, data)
            const written = await t.packNarrative.updateMany({
              where: { id, partnershipId: scope.id, version: expectedVersion },
              data: { version: data.version as number, notes, updatedByLabel: actor.label, ...(typeof data.summary === 'string' ? { summary: data.summary } : {}) },
            })
            return written.count
          },
          // The flat fields themselves: the 409's "yours" is this row with the save's flat changes laid over it.
          present: (row) => Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f, row[f] ?? ''])),
        })
        return { narrative: await readNarrative(tx, scope, quarter), merged: result.merged }
      })
    } catch (error) {
      if (attempt < 2 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') continue
      throw error
    }
  }
}
