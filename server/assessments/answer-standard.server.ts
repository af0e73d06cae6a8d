import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import type { AnswerDto } from './assessments.schemas.ts'
import { ZAnswerInput } from './assessments.schemas.ts'
import { presentAnswers } from './assessment.mapper.server.ts'
import { loadAnswerRow } from './load-assessment.server.ts'

const stale = (base: number, current: number, by: string | null) =>
  new AppError('CONFLICT', `This answer was changed since you opened it${by ? ` by ${by}` : ''} (version ${base}, now ${current}); reload to see it`, { details: { currentVersion: current } })

/** Answers one standard (draft or in review); a reviewed assessment is final. Stale versions are a 409 (ADR 004). */
export async function answerStandard(scope: PartnershipScope, actor: Actor, input: unknown): Promise<AnswerDto> {
  const { answerId, baseVersion, alignment, evidence, note } = ZAnswerInput.parse(input)
  const prisma = await db()
  return prisma.$transaction(async (tx) => {
    const current = await loadAnswerRow(tx, scope, answerId)
    if (current.assessment.status === 'REVIEWED') throw new AppError('CONFLICT', 'This assessment is reviewed and final; start a new assessment to record a change')
    if (current.version !== baseVersion) throw stale(baseVersion, current.version, current.answeredByLabel)
    const data = { alignment, evidence, note, answeredByLabel: actor.label, answeredAt: new Date(), version: { increment: 1 } }
    const written = await tx.assessmentAnswer.updateMany({ where: { id: answerId, partnershipId: scope.id, version: baseVersion }, data })
    if (written.count === 0) throw stale(baseVersion, baseVersion + 1, null)
    const after = await tx.assessmentAnswer.findFirstOrThrow({ where: { id: answerId, partnershipId: scope.id } })
    await recordAudit(tx, {
      actor,
      action: 'assessment.answer',
      entityType: 'AssessmentAnswer',
      entityId: answerId,
      partnershipId: scope.id,
      before: { alignment: current.alignment, evidence: current.evidence, note: current.note },
      after: { alignment, evidence, note },
    })
    return (await presentAnswers(tx, scope, [after]))[0]
  })
}
