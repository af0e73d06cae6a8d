import { z } from 'zod'
import { answerStandard } from '../../assessments/answer-standard.server.ts'
import { assessmentOrigin } from '../../assessments/assessment-origin.server.ts'
import { ZAnswer, ZAnswerInput, ZAssessment, ZAssessmentRef, ZAssessmentSummary, ZConvertInput, ZCreateAssessmentInput, ZOrigin, ZOriginInput, ZTrendPoint } from '../../assessments/assessments.schemas.ts'
import { convertAnswer } from '../../assessments/convert-answer.server.ts'
import { createAssessment } from '../../assessments/create-assessment.server.ts'
import { getAssessment } from '../../assessments/get-assessment.server.ts'
import { alignmentTrend, listAssessments } from '../../assessments/list-assessments.server.ts'
import { ZReturnInput, ZReviewInput, ZSubmitInput, transitionAssessment } from '../../assessments/transition-assessment.server.ts'
import { ZSlug } from '../../partnerships/partnerships.schemas.ts'
import { addComment, listComments } from '../../workspace/comments.server.ts'
import { ZAddCommentInput, ZComment } from '../../workspace/workspace.schemas.ts'
import { partnershipProcedure, router } from '../init.ts'

const ZSlugInput = z.object({ slug: ZSlug })

export const assessmentsRouter = router({
  list: partnershipProcedure('assessment.read').input(ZSlugInput).output(z.array(ZAssessmentSummary)).query(({ ctx }) => listAssessments(ctx.scope)),
  trend: partnershipProcedure('assessment.read').input(ZSlugInput).output(z.array(ZTrendPoint)).query(({ ctx }) => alignmentTrend(ctx.scope)),
  get: partnershipProcedure('assessment.read').input(ZAssessmentRef).output(ZAssessment).query(({ ctx, input }) => getAssessment(ctx.scope, input.id)),
  origin: partnershipProcedure('workspace.read').input(ZOriginInput).output(ZOrigin).query(({ ctx, input }) => assessmentOrigin(ctx.scope, input.kind, input.id)),
  create: partnershipProcedure('assessment.answer').input(ZCreateAssessmentInput).output(ZAssessment).mutation(({ ctx, input }) => createAssessment(ctx.scope, ctx.actor, input)),
  answer: partnershipProcedure('assessment.answer').input(ZAnswerInput).output(ZAnswer).mutation(({ ctx, input }) => answerStandard(ctx.scope, ctx.actor, input)),
  submit: partnershipProcedure('assessment.answer').input(ZSubmitInput).output(ZAssessment).mutation(({ ctx, input }) => transitionAssessment(ctx.scope, ctx.actor, 'submit', input)),
  review: partnershipProcedure('assessment.review').input(ZReviewInput).output(ZAssessment).mutation(({ ctx, input }) => transitionAssessment(ctx.scope, ctx.actor, 'review', input)),
  sendBack: partnershipProcedure('assessment.review').input(ZReturnInput).output(ZAssessment).mutation(({ ctx, input }) => transitionAssessment(ctx.scope, ctx.actor, 'return', input)),
  convert: partnershipProcedure('assessment.review').input(ZConvertInput).output(ZAnswer).mutation(({ ctx, input }) => convertAnswer(ctx.scope, ctx.actor, input, ctx.appUrl)),
  comments: partnershipProcedure('assessment.read').input(ZAssessmentRef).output(z.array(ZComment)).query(async ({ ctx, input }) => {
    await getAssessment(ctx.scope, input.id)
    return listComments(ctx.scope, 'Assessment', input.id)
  }),
  comment: partnershipProcedure('comment.create').input(ZAddCommentInput).output(ZComment).mutation(async ({ ctx, input }) => {
    await getAssessment(ctx.scope, input.id)
    return addComment(ctx.scope, ctx.actor, 'Assessment', input.id, input.body)
  }),
})
