import type { PartnershipScope } from '../access/policy.server.ts'
import type { Tx } from '../db/client.server.ts'
import { AppError } from '../errors.ts'

/** Links to responsibility rows and CSI entries must stay inside the partnership. */
export async function assertLinksInPartnership(tx: Tx, scope: PartnershipScope, fields: { responsibilityIds?: string[]; csiEntryIds?: string[] }) {
  if (fields.responsibilityIds?.length) {
    const found = await tx.responsibilityFunction.count({ where: { partnershipId: scope.id, id: { in: fields.responsibilityIds }, deletedAt: null } })
    if (found !== new Set(fields.responsibilityIds).size) {
      throw new AppError('BAD_REQUEST', 'responsibilityIds: unknown responsibility row', { fieldErrors: [{ field: 'responsibilityIds', message: 'Unknown responsibility row' }] })
    }
  }
  if (fields.csiEntryIds?.length) {
    const found = await tx.csiEntry.count({ where: { partnershipId: scope.id, id: { in: fields.csiEntryIds }, deletedAt: null } })
    if (found !== new Set(fields.csiEntryIds).size) {
      throw new AppError('BAD_REQUEST', 'csiEntryIds: unknown CSI entry', { fieldErrors: [{ field: 'csiEntryIds', message: 'Unknown CSI entry' }] })
    }
  }
}
