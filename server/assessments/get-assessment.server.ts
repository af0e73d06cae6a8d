import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import type { AssessmentDto } from './assessments.schemas.ts'
import { presentAssessment } from './assessment.mapper.server.ts'
import { visibleAssessmentsWhere } from './load-assessment.server.ts'

export async function getAssessment(scope: PartnershipScope, id: string): Promise<AssessmentDto> {
  const prisma = await db()
  const row = await prisma.assessment.findFirst({ where: { id, ...visibleAssessmentsWhere(scope) }, include: { answers: true } })
  if (!row) throw notFound('Assessment')
  return presentAssessment(prisma, scope, row)
}
