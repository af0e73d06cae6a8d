import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { toStandardDto } from './standard.mapper.ts'
import { ZCreateStandardInput } from './standards.schemas.ts'
import { requireMspLibrary } from './require-msp-library.ts'

export async function createStandard(scope: OrgScope, actor: Actor, input: unknown) {
  const { org: _org, ...fields } = ZCreateStandardInput.parse(input)
  const organizationId = requireMspLibrary(scope)
  const row = await (await db()).$transaction(async (tx) => {
    const created = await tx.standard.create({ data: { ...fields, organizationId } })
    await recordAudit(tx, { actor, action: 'standard.create', entityType: 'Standard', entityId: created.id, organizationId, after: fields })
    return created
  })
  return toStandardDto(row)
}
