import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { ResponsibilityFunction } from '../db/generated/client.ts'
import { applyVersionedUpdate } from '../workspace/versioned-update.server.ts'
import { ZVersionedRef } from '../workspace/workspace.schemas.ts'
import { assertAccountable } from './create-responsibility.server.ts'
import { toResponsibilityDto } from './responsibility.mapper.ts'
import { ZUpdateResponsibilityInput } from './responsibilities.schemas.ts'

function versioned(scope: PartnershipScope, actor: Actor, id: string, baseVersion: number, changes: Record<string, unknown>, allowDeleted = false) {
  return async (tx: Parameters<Parameters<Awaited<ReturnType<typeof db>>['$transaction']>[0]>[0]) =>
    applyVersionedUpdate<ResponsibilityFunction>({
      tx,
      scope,
      actor,
      entityType: 'ResponsibilityFunction',
      id,
      baseVersion,
      changes,
      allowDeleted,
      load: (t) => t.responsibilityFunction.findFirst({ where: { id, partnershipId: scope.id } }),
      write: async (t, expectedVersion, data) =>
        (await t.responsibilityFunction.updateMany({ where: { id, partnershipId: scope.id, version: expectedVersion }, data })).count,
      derive(current, applied) {
        if ('mspRaci' in applied || 'clientRaci' in applied) {
          assertAccountable((applied.mspRaci as string | undefined) ?? current.mspRaci, (applied.clientRaci as string | undefined) ?? current.clientRaci)
        }
        return {}
      },
      present: toResponsibilityDto,
    })
}

export async function updateResponsibility(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id, baseVersion, changes } = ZUpdateResponsibilityInput.parse(input)
  const result = await (await db()).$transaction(versioned(scope, actor, id, baseVersion, changes))
  return { item: toResponsibilityDto(result.row), merged: result.merged, changedFields: result.changedFields }
}

export async function setResponsibilityDeleted(scope: PartnershipScope, actor: Actor, input: unknown, deleted: boolean) {
  const { id, baseVersion } = ZVersionedRef.parse(input)
  const result = await (await db()).$transaction(versioned(scope, actor, id, baseVersion, { deletedAt: deleted ? new Date() : null }, !deleted))
  return toResponsibilityDto(result.row)
}
