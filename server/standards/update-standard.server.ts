import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { Prisma } from '../db/generated/client.ts'
import { AppError, notFound } from '../errors.ts'
import { toStandardDto } from './standard.mapper.ts'
import { ZRetireStandardInput, ZUpdateStandardInput } from './standards.schemas.ts'
import { requireMspLibrary } from './require-msp-library.ts'

// A standard is edited by few people (the MSP's admin and account managers), one field set at a time: an edit on a
// stale version is refused with the current row (409, ADR 004) rather than merged. Assessments already started keep
// the wording they copied, so an edit never rewrites what an engineer answered.
async function versioned(scope: OrgScope, actor: Actor, id: string, baseVersion: number, data: Prisma.StandardUpdateManyMutationInput, action: string) {
  const organizationId = requireMspLibrary(scope)
  const row = await (await db()).$transaction(async (tx) => {
    const current = await tx.standard.findFirst({ where: { id, organizationId } })
    if (!current) throw notFound('Standard')
    if (current.version !== baseVersion) {
      throw new AppError('CONFLICT', `This standard was changed since you opened it (version ${baseVersion}, now ${current.version}); reload to see the changes`, {
        details: { currentVersion: current.version, current: toStandardDto(current) },
      })
    }
    const written = await tx.standard.updateMany({ where: { id, organizationId, version: baseVersion }, data: { ...data, version: { increment: 1 } } })
    if (written.count === 0) throw new AppError('CONFLICT', 'This standard was changed at the same moment; reload and try again')
    const after = await tx.standard.findFirstOrThrow({ where: { id, organizationId } })
    await recordAudit(tx, { actor, action, entityType: 'Standard', entityId: id, organizationId, before: toStandardDto(current), after: toStandardDto(after) })
    return after
  })
  return toStandardDto(row)
}

export async function updateStandard(scope: OrgScope, actor: Actor, input: unknown) {
  const { id, baseVersion, changes } = ZUpdateStandardInput.parse(input)
  return versioned(scope, actor, id, baseVersion, changes, 'standard.update')
}

/** Retired standards leave new assessments; the ones already started keep them. Restoring brings it back. */
export async function setStandardRetired(scope: OrgScope, actor: Actor, input: unknown) {
  const { id, baseVersion, retired } = ZRetireStandardInput.parse(input)
  return versioned(scope, actor, id, baseVersion, { retiredAt: retired ? new Date() : null }, retired ? 'standard.retire' : 'standard.restore')
}
