import type { PartnershipScope } from '../access/policy.server.ts'
import { queryArrays } from '../db/client.server.ts'
import { readNotes } from '../narrative/narrative-fields.ts'
import type { PackNarrative } from '../narrative/narrative.schemas.ts'

/**
 * The quarter's narrative as it stands when the pack is drawn, with its version (ADR 029). Not reconstructed at the
 * pack's as-of like the figures: the narrative is written for this pack, often after the as-of (a pack as of the
 * quarter's end is prepared in the weeks after). Null when nothing is written.
 */
export async function loadNarrativeSection(scope: PartnershipScope, quarter: string): Promise<PackNarrative | null> {
  // Straight through the driver: one small row, where Prisma's own work would cost more than the query.
  const [found] = (await queryArrays(
    `SELECT "version", "updatedByLabel", (extract(epoch from "updatedAt") * 1000)::float8, "summary", "notes" FROM "PackNarrative" WHERE "partnershipId" = $1 AND "quarter" = $2`,
    [scope.id, quarter],
  )) as Array<[number, string, number, string, unknown]>
  if (!found) return null
  const row = { version: found[0], updatedByLabel: found[1], updatedAt: new Date(found[2]), summary: found[3], notes: found[4] }
  const notes = readNotes(row.notes)
  if (!row.summary && Object.keys(notes).length === 0) return null
  return { version: row.version, updatedBy: row.updatedByLabel, updatedAt: row.updatedAt.toISOString(), summary: row.summary, notes }
}
