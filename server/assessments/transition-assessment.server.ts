import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { Prisma } from '../db/generated/client.ts'
import { AppError } from '../errors.ts'
import { z } from 'zod'
import { ZInt32 } from '../validation/bounds.ts'
import type { AssessmentDto } from './assessments.schemas.ts'
import { ZAssessmentRef } from './assessments.schemas.ts'
import { presentAssessment } from './assessment.mapper.server.ts'
import { loadAssessmentRow } from './load-assessment.server.ts'

export type Transition = 'submit' | 'review' | 'return'

const ZTransition = ZAssessmentRef.extend({
  baseVersion: ZInt32.min(1, { error: 'The version you edited' }),
  note: z.string().trim().max(2000, { error: 'At most 2,000 characters' }).optional(),
})
export const ZSubmitInput = ZTransition.omit({ note: true })
export const ZReviewInput = ZTransition.omit({ note: true })
export const ZReturnInput = ZTransition.extend({ note: z.string().trim().min(1, { error: 'Say what needs another look' }).max(2000, { error: 'At most 2,000 characters' }) })

// draft → in review (the engineer, once every standard has an answer) → reviewed (the account manager), or back to
// draft with a note. Each step names the version it was taken on: a step on a stale version is a 409.
const RULES: Record<Transition, { from: 'DRAFT' | 'IN_REVIEW'; to: 'DRAFT' | 'IN_REVIEW' | 'REVIEWED'; verb: string }> = {
  submit: { from: 'DRAFT', to: 'IN_REVIEW', verb: 'submitted for review' },
  review: { from: 'IN_REVIEW', to: 'REVIEWED', verb: 'reviewed' },
  return: { from: 'IN_REVIEW', to: 'DRAFT', verb: 'returned to draft' },
}

export async function transitionAssessment(scope: PartnershipScope, actor: Actor, transition: Transition, input: unknown, now = new Date()): Promise<AssessmentDto> {
  const parsed = (transition === 'return' ? ZReturnInput : ZSubmitInput).parse(input) as z.infer<typeof ZTransition>
  const rule = RULES[transition]
  const prisma = await db()
  return prisma.$transaction(async (tx) => {
    const current = await loadAssessmentRow(tx, scope, parsed.id)
    if (current.version !== parsed.baseVersion) {
      throw new AppError('CONFLICT', `This assessment changed since you opened it (version ${parsed.baseVersion}, now ${current.version}); reload`, { details: { currentVersion: current.version } })
    }
    if (current.status !== rule.from) {
      throw new AppError('CONFLICT', `Only an assessment ${rule.from === 'DRAFT' ? 'in draft' : 'in review'} can be ${rule.verb}; this one is ${current.status.toLowerCase().replace('_', ' ')}`)
    }
    if (transition === 'submit') {
      const unanswered = await tx.assessmentAnswer.count({ where: { assessmentId: current.id, partnershipId: scope.id, alignment: null } })
      if (unanswered > 0) {
        throw new AppError('BAD_REQUEST', `answers: ${unanswered} standard${unanswered === 1 ? ' has' : 's have'} no answer yet (use “unknown” where you could not check)`, {
          fieldErrors: [{ field: 'answers', message: `${unanswered} unanswered` }],
        })
      }
    }
    const data: Prisma.AssessmentUpdateManyMutationInput = { status: rule.to, version: { increment: 1 } }
    if (transition === 'submit') Object.assign(data, { submittedAt: now, submittedByLabel: actor.label, returnNote: null })
    if (transition === 'review') Object.assign(data, { reviewedAt: now, reviewedByLabel: actor.label })
    if (transition === 'return') Object.assign(data, { returnNote: parsed.note })
    const written = await tx.assessment.updateMany({ where: { id: current.id, partnershipId: scope.id, version: parsed.baseVersion }, data })
    if (written.count === 0) throw new AppError('CONFLICT', 'This assessment changed at the same moment; reload and try again')
    await recordAudit(tx, {
      actor,
      action: `assessment.${transition}`,
      entityType: 'Assessment',
      entityId: current.id,
      partnershipId: scope.id,
      before: { status: current.status },
      after: { status: rule.to, ...(parsed.note ? { note: parsed.note } : {}) },
      // A reviewed assessment is for both parties to read; the steps before it are the MSP's.
      ...(transition === 'review' ? { readPermission: 'audit.read' as const } : {}),
    })
    const after = await tx.assessment.findFirstOrThrow({ where: { id: current.id, partnershipId: scope.id }, include: { answers: true } })
    return presentAssessment(tx, scope, after)
  })
}
