import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { periodBounds } from '../sla/periods.ts'
import { requireSlaPolicy } from '../sla/sla-policies.server.ts'
import { DISPUTE_SELECT, toDisputeDto } from './dispute.mapper.ts'
import { type DisputeDto, ZGetDisputeInput, ZListDisputesInput } from './disputes.schemas.ts'

/**
 * A partnership's disputes, newest first: all, one quarter's (by when the disputed verdict was decided, in the
 * policy's timezone, as the attainment figures count it), one status's, or one ticket's.
 */
export async function listDisputes(scope: PartnershipScope, input: unknown): Promise<DisputeDto[]> {
  const { quarter, status, externalId } = ZListDisputesInput.parse(input)
  let decidedAt: { gte: Date; lt: Date } | undefined
  if (quarter) {
    const { start, end } = periodBounds((await requireSlaPolicy(scope)).policy.timezone, { quarter })
    decidedAt = { gte: new Date(start), lt: new Date(end) }
  }
  const rows = await (await db()).slaDispute.findMany({
    where: { partnershipId: scope.id, ...(decidedAt ? { decidedAt } : {}), ...(status ? { status } : {}), ...(externalId ? { ticket: { externalId } } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: DISPUTE_SELECT,
  })
  return rows.map(toDisputeDto)
}

export async function getDispute(scope: PartnershipScope, input: unknown): Promise<DisputeDto> {
  const { id } = ZGetDisputeInput.parse(input)
  const row = await (await db()).slaDispute.findFirst({ where: { id, partnershipId: scope.id }, select: DISPUTE_SELECT })
  if (!row) throw notFound('Dispute')
  return toDisputeDto(row)
}
