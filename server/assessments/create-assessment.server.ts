import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { byLibraryOrder } from '../standards/standard-order.ts'
import type { AssessmentDto } from './assessments.schemas.ts'
import { ZCreateAssessmentInput } from './assessments.schemas.ts'
import { presentAssessment } from './assessment.mapper.server.ts'

/**
 * Starts an assessment of the partnership against the MSP's current (not retired) standards, copying each one's
 * wording and version. One open assessment at a time: a second while one is in draft or review is a 409 naming it.
 */
export async function createAssessment(scope: PartnershipScope, actor: Actor, input: unknown, now = new Date()): Promise<AssessmentDto> {
  const { title } = ZCreateAssessmentInput.parse(input)
  const prisma = await db()
  return prisma.$transaction(async (tx) => {
    const open = await tx.assessment.findFirst({ where: { partnershipId: scope.id, status: { in: ['DRAFT', 'IN_REVIEW'] } } })
    if (open) throw new AppError('CONFLICT', `“${open.title}” is still open (${open.status === 'DRAFT' ? 'draft' : 'in review'}); finish it before starting another`, { details: { openId: open.id } })
    const standards = await tx.standard.findMany({ where: { organizationId: scope.mspOrgId, retiredAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
    if (standards.length === 0) throw new AppError('BAD_REQUEST', 'The standards library has no current standards; add some first', { fieldErrors: [{ field: 'standards', message: 'No current standards' }] })
    standards.sort(byLibraryOrder)
    const created = await tx.assessment.create({
      data: { partnershipId: scope.id, title: title ?? `Assessment of ${now.toISOString().slice(0, 10)}`, createdById: actor.userId, createdByLabel: actor.label },
    })
    await tx.assessmentAnswer.createMany({
      data: standards.map((s, i) => ({
        partnershipId: scope.id,
        assessmentId: created.id,
        standardId: s.id,
        standardVersion: s.version,
        category: s.category,
        question: s.question,
        severity: s.severity,
        remediation: s.remediation,
        sortOrder: i,
      })),
    })
    await recordAudit(tx, { actor, action: 'assessment.create', entityType: 'Assessment', entityId: created.id, partnershipId: scope.id, after: { title: created.title, standards: standards.length } })
    return presentAssessment(tx, scope, { ...created, answers: await tx.assessmentAnswer.findMany({ where: { assessmentId: created.id } }) })
  })
}
