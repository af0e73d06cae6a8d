import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { readNotes } from '../narrative/narrative-fields.ts'
import type { PackNarrative } from '../narrative/narrative.schemas.ts'

/**
 * The quarter's narrative as it stands when the pack is drawn, with its version (ADR 029). Not reconstructed at the
 * pack's as-of like the figures: the narrative is written for this pack, often after the as-of (a pack as of the
 * quarter's end is prepared in the weeks after). Null when nothing is written.
 */
export async function loadNarrativeSection(scope: PartnershipScope, quarter: string): Promise<PackNarrative | null> {
  const row = await (await db()).packNarrative.findUnique({ where: { partnershipId_quarter: { partnershipId: scope.id, quarter } } })
  if (!row) return null
  const notes = readNotes(row.notes)
  if (!row.summary && Object.keys(notes).length === 0) return null
  return { version: row.version, updatedBy: row.updatedByLabel, updatedAt: row.updatedAt.toISOString(), summary: row.summary, notes }
}
