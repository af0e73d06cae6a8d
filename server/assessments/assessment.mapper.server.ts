import type { PartnershipScope } from '../access/policy.server.ts'
import type { Tx } from '../db/client.server.ts'
import type { Assessment, AssessmentAnswer } from '../db/generated/client.ts'
import type { AnswerDto, AssessmentDto, AssessmentSummary } from './assessments.schemas.ts'
import { alignmentScore } from './score.ts'

export function toSummary(a: Assessment, answers: readonly Pick<AssessmentAnswer, 'category' | 'severity' | 'alignment'>[]): AssessmentSummary {
  return {
    id: a.id,
    title: a.title,
    status: a.status,
    version: a.version,
    createdBy: a.createdByLabel,
    createdAt: a.createdAt.toISOString(),
    submittedAt: a.submittedAt?.toISOString() ?? null,
    reviewedAt: a.reviewedAt?.toISOString() ?? null,
    reviewedBy: a.reviewedByLabel,
    score: alignmentScore(answers),
  }
}

const ROADMAP_DONE = new Set(['DONE'])
const CSI_DONE = new Set(['DONE'])

/** The answers with their standards' guidance and the state of the items they were turned into. */
export async function presentAnswers(tx: Tx, scope: PartnershipScope, answers: readonly AssessmentAnswer[]): Promise<AnswerDto[]> {
  const roadmapIds = answers.flatMap((a) => (a.roadmapItemId ? [a.roadmapItemId] : []))
  const csiIds = answers.flatMap((a) => (a.csiEntryId ? [a.csiEntryId] : []))
  const [standards, roadmap, csi] = await Promise.all([
    tx.standard.findMany({ where: { id: { in: answers.map((a) => a.standardId) }, organizationId: scope.mspOrgId }, select: { id: true, whyItMatters: true, howToCheck: true } }),
    roadmapIds.length ? tx.roadmapItem.findMany({ where: { id: { in: roadmapIds }, partnershipId: scope.id }, select: { id: true, title: true, status: true, deletedAt: true } }) : [],
    csiIds.length ? tx.csiEntry.findMany({ where: { id: { in: csiIds }, partnershipId: scope.id }, select: { id: true, opportunity: true, status: true, deletedAt: true } }) : [],
  ])
  const guidance = new Map(standards.map((s) => [s.id, s]))
  const roadmapById = new Map(roadmap.map((r) => [r.id, r]))
  const csiById = new Map(csi.map((c) => [c.id, c]))
  return answers.map((a) => {
    const r = a.roadmapItemId ? roadmapById.get(a.roadmapItemId) : undefined
    const c = a.csiEntryId ? csiById.get(a.csiEntryId) : undefined
    const link = r
      ? { kind: 'ROADMAP' as const, id: r.id, title: r.title, status: r.deletedAt ? 'DELETED' : r.status, done: !r.deletedAt && ROADMAP_DONE.has(r.status) }
      : c
        ? { kind: 'CSI' as const, id: c.id, title: c.opportunity, status: c.deletedAt ? 'DELETED' : c.status, done: !c.deletedAt && CSI_DONE.has(c.status) }
        : null
    return {
      id: a.id,
      version: a.version,
      standardId: a.standardId,
      standardVersion: a.standardVersion,
      category: a.category,
      question: a.question,
      severity: a.severity,
      remediation: a.remediation,
      whyItMatters: guidance.get(a.standardId)?.whyItMatters ?? '',
      howToCheck: guidance.get(a.standardId)?.howToCheck ?? '',
      alignment: a.alignment,
      evidence: a.evidence,
      note: a.note,
      answeredBy: a.answeredByLabel,
      answeredAt: a.answeredAt?.toISOString() ?? null,
      link,
      recheck: link?.done === true && a.alignment !== 'ALIGNED',
    }
  })
}

export async function presentAssessment(tx: Tx, scope: PartnershipScope, a: Assessment & { answers: AssessmentAnswer[] }): Promise<AssessmentDto> {
  const answers = [...a.answers].sort((x, y) => x.sortOrder - y.sortOrder)
  return { ...toSummary(a, answers), returnNote: a.returnNote, answers: await presentAnswers(tx, scope, answers) }
}
