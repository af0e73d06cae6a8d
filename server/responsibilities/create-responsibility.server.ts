import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { recordCreation } from '../workspace/versioned-update.server.ts'
import { toResponsibilityDto } from './responsibility.mapper.ts'
import { ZCreateResponsibilityInput, accountabilityProblem } from './responsibilities.schemas.ts'

export function assertAccountable(msp: string, client: string) {
  const problem = accountabilityProblem(msp, client)
  if (problem) throw new AppError('BAD_REQUEST', `mspRaci: ${problem}`, { fieldErrors: [{ field: 'mspRaci', message: problem }, { field: 'clientRaci', message: problem }] })
}

export async function createResponsibility(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { slug: _slug, ...fields } = ZCreateResponsibilityInput.parse(input)
  assertAccountable(fields.mspRaci, fields.clientRaci)
  const row = await (await db()).$transaction(async (tx) => {
    const created = await tx.responsibilityFunction.create({ data: { ...fields, partnershipId: scope.id } })
    await recordCreation(tx, scope, actor, 'ResponsibilityFunction', created.id, fields)
    return created
  })
  return toResponsibilityDto(row)
}
