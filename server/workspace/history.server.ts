import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import type { FieldChangeDto } from './workspace.schemas.ts'

/** Field-level history of one entity, newest first. */
export async function listFieldHistory(scope: PartnershipScope, entityType: string, entityId: string): Promise<FieldChangeDto[]> {
  const rows = await (await db()).fieldChange.findMany({
    where: { partnershipId: scope.id, entityType, entityId },
    orderBy: [{ version: 'desc' }, { field: 'asc' }],
  })
  return rows.map((r) => ({ version: r.version, field: r.field, before: r.before, after: r.after, by: r.actorLabel, at: r.at.toISOString() }))
}
