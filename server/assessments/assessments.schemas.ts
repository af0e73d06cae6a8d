// One schema module for assessments: forms and the API share these.
import { z } from 'zod'
import { ZInt32, ZQuarter } from '../validation/bounds.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { SEVERITIES } from '../standards/standards.schemas.ts'

export const ALIGNMENTS = ['ALIGNED', 'MISALIGNED', 'NOT_APPLICABLE', 'UNKNOWN'] as const
export const ASSESSMENT_STATUSES = ['DRAFT', 'IN_REVIEW', 'REVIEWED'] as const

const ZId = z.uuid({ error: 'Not an id' })
const ZBase = ZInt32.min(1, { error: 'The version you edited' })

export const ZAssessmentRef = z.object({ slug: ZSlug, id: ZId })
export const ZCreateAssessmentInput = z.object({
  slug: ZSlug,
  title: z.string().trim().min(1, { error: 'Enter a title' }).max(120, { error: 'At most 120 characters' }).optional(),
})
export const ZAnswerInput = z.object({
  slug: ZSlug,
  answerId: ZId,
  baseVersion: ZBase,
  alignment: z.enum(ALIGNMENTS, { error: `One of ${ALIGNMENTS.join(', ')}` }),
  evidence: z.string().trim().max(4000, { error: 'At most 4,000 characters' }).default(''),
  note: z.string().trim().max(4000, { error: 'At most 4,000 characters' }).default(''),
})
export const ZTransitionInput = ZAssessmentRef.extend({
  baseVersion: ZBase,
  to: z.enum(ASSESSMENT_STATUSES, { error: `One of ${ASSESSMENT_STATUSES.join(', ')}` }),
  note: z.string().trim().max(2000, { error: 'At most 2,000 characters' }).optional(),
})
export const ZConvertInput = z.object({
  slug: ZSlug,
  answerId: ZId,
  baseVersion: ZBase,
  into: z.enum(['ROADMAP', 'CSI'], { error: 'ROADMAP or CSI' }),
  targetQuarter: ZQuarter.optional(),
})
export const ZAnswerCommentInput = z.object({
  slug: ZSlug,
  id: ZId,
  body: z.string().trim().min(1, { error: 'Write something' }).max(5000, { error: 'At most 5,000 characters' }),
})

const ZScore = z.object({
  overall: z.number().nullable(),
  categories: z.array(z.object({ category: z.string(), score: z.number().nullable(), aligned: z.number(), misaligned: z.number(), unknown: z.number(), notApplicable: z.number() })),
})

export const ZAssessmentSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(ASSESSMENT_STATUSES),
  version: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  score: ZScore,
})
export type AssessmentSummary = z.infer<typeof ZAssessmentSummary>

export const ZAnswer = z.object({
  id: z.string(),
  version: z.number(),
  standardId: z.string(),
  standardVersion: z.number(),
  category: z.string(),
  question: z.string(),
  severity: z.enum(SEVERITIES),
  remediation: z.string(),
  whyItMatters: z.string(),
  howToCheck: z.string(),
  alignment: z.enum(ALIGNMENTS).nullable(),
  evidence: z.string(),
  note: z.string(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  link: z
    .object({ kind: z.enum(['ROADMAP', 'CSI']), id: z.string(), title: z.string(), status: z.string(), done: z.boolean() })
    .nullable(),
  /** The linked item is done: the standard is due to be checked again. */
  recheck: z.boolean(),
})
export type AnswerDto = z.infer<typeof ZAnswer>

export const ZAssessment = ZAssessmentSummary.extend({ returnNote: z.string().nullable(), answers: z.array(ZAnswer) })
export type AssessmentDto = z.infer<typeof ZAssessment>

export const ZTrendPoint = z.object({ id: z.string(), title: z.string(), reviewedAt: z.string(), overall: z.number().nullable() })
export type TrendPoint = z.infer<typeof ZTrendPoint>

/** The assessment a roadmap item or CSI entry came from, shown on that item. */
export const ZOriginInput = z.object({ slug: ZSlug, kind: z.enum(['ROADMAP', 'CSI']), id: ZId })
export const ZOrigin = z.object({ assessmentId: z.string(), assessmentTitle: z.string(), question: z.string(), category: z.string() }).nullable()
