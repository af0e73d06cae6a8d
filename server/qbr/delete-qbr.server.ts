import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { Qbr } from '../db/generated/client.ts'
import { applyVersionedUpdate } from '../workspace/versioned-update.server.ts'
import { ZVersionedRef } from '../workspace/workspace.schemas.ts'
import { assertNotClosed } from './qbr-guards.server.ts'
import { toQbrDto } from './qbr.mapper.ts'

/** Soft delete (and restore) of a QBR that is not closed; its quarter stays taken until it is restored. */
export async function setQbrDeleted(scope: PartnershipScope, actor: Actor, input: unknown, deleted: boolean) {
  const { id, baseVersion } = ZVersionedRef.parse(input)
  const prisma = await db()
  const result = await prisma.$transaction((tx) =>
    applyVersionedUpdate<Qbr>({
      tx,
      scope,
      actor,
      entityType: 'Qbr',
      id,
      baseVersion,
      allowDeleted: !deleted,
      changes: { deletedAt: deleted ? new Date() : null },
      load: (t) => t.qbr.findFirst({ where: { id, partnershipId: scope.id } }),
      write: async (t, expectedVersion, data) => (await t.qbr.updateMany({ where: { id, partnershipId: scope.id, version: expectedVersion }, data })).count,
      derive(current) {
        assertNotClosed(current, 'it is the record and cannot be deleted')
        return {}
      },
      present: toQbrDto,
    }),
  )
  return toQbrDto(result.row)
}
