import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import type { AssessmentSummary, TrendPoint } from './assessments.schemas.ts'
import { toSummary } from './assessment.mapper.server.ts'
import { visibleAssessmentsWhere } from './load-assessment.server.ts'

/** Newest first, each with its score (a draft's counts what is answered so far, unanswered as unknown). */
export async function listAssessments(scope: PartnershipScope): Promise<AssessmentSummary[]> {
  const rows = await (await db()).assessment.findMany({
    where: visibleAssessmentsWhere(scope),
    include: { answers: { select: { category: true, severity: true, alignment: true, sortOrder: true }, orderBy: { sortOrder: 'asc' } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  })
  return rows.map((r) => toSummary(r, r.answers))
}

/** The reviewed assessments' overall scores, oldest first: the trend both parties see beside each QBR. */
export async function alignmentTrend(scope: PartnershipScope, asOf?: Date): Promise<TrendPoint[]> {
  const rows = await (await db()).assessment.findMany({
    where: { partnershipId: scope.id, status: 'REVIEWED', ...(asOf ? { reviewedAt: { lte: asOf } } : {}) },
    include: { answers: { select: { category: true, severity: true, alignment: true } } },
    orderBy: [{ reviewedAt: 'asc' }, { id: 'asc' }],
  })
  return rows.map((r) => ({ id: r.id, title: r.title, reviewedAt: r.reviewedAt!.toISOString(), overall: toSummary(r, r.answers).score.overall }))
}
