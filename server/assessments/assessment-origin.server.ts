import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { visibleAssessmentsWhere } from './load-assessment.server.ts'

/** The finding a roadmap item or CSI entry was made from (the link back), if the caller may see its assessment. */
export async function assessmentOrigin(scope: PartnershipScope, kind: 'ROADMAP' | 'CSI', id: string) {
  const answer = await (await db()).assessmentAnswer.findFirst({
    where: { partnershipId: scope.id, ...(kind === 'ROADMAP' ? { roadmapItemId: id } : { csiEntryId: id }), assessment: visibleAssessmentsWhere(scope) },
    select: { question: true, category: true, assessment: { select: { id: true, title: true } } },
  })
  return answer ? { assessmentId: answer.assessment.id, assessmentTitle: answer.assessment.title, question: answer.question, category: answer.category } : null
}
