import type { PartnershipScope } from '../access/policy.server.ts'
import type { Tx } from '../db/client.server.ts'
import type { Prisma } from '../db/generated/client.ts'
import { notFound } from '../errors.ts'

/**
 * Which assessments the caller may see: the MSP all of its partnership's, the client only reviewed ones (a draft is
 * the MSP's working notes until the account manager has reviewed it). A hidden one is not found, not forbidden.
 */
export function visibleAssessmentsWhere(scope: PartnershipScope): Prisma.AssessmentWhereInput {
  return { partnershipId: scope.id, ...(scope.party === 'CLIENT' ? { status: 'REVIEWED' } : {}) }
}

export async function loadAssessmentRow(tx: Tx, scope: PartnershipScope, id: string) {
  const row = await tx.assessment.findFirst({ where: { id, ...visibleAssessmentsWhere(scope) } })
  if (!row) throw notFound('Assessment')
  return row
}

/** An answer with its assessment, both within the scope's partnership (and visible to the caller). */
export async function loadAnswerRow(tx: Tx, scope: PartnershipScope, answerId: string) {
  const answer = await tx.assessmentAnswer.findFirst({ where: { id: answerId, partnershipId: scope.id, assessment: visibleAssessmentsWhere(scope) }, include: { assessment: true } })
  if (!answer) throw notFound('Assessment answer')
  return answer
}
