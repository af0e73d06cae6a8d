import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { csiModel } from '../csi/csi-entries.server.ts'
import { stagesFor } from '../csi/csi.schemas.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { notifyRoadmapApprovalRequested } from '../notifications/notify-roadmap-approval.server.ts'
import { toRoadmapDto } from '../roadmap/roadmap-item.mapper.ts'
import { recordCreation } from '../workspace/versioned-update.server.ts'
import type { AnswerDto } from './assessments.schemas.ts'
import { ZConvertInput } from './assessments.schemas.ts'
import { presentAnswers } from './assessment.mapper.server.ts'
import { loadAnswerRow } from './load-assessment.server.ts'

const PRIORITY = { LOW: 'LOW', MEDIUM: 'MEDIUM', HIGH: 'HIGH', CRITICAL: 'CRITICAL' } as const
const CSI_SIZE = { LOW: 'SMALL', MEDIUM: 'SMALL', HIGH: 'MEDIUM', CRITICAL: 'LARGE' } as const

/**
 * One step from a misaligned standard to a proposed roadmap item (for the client to approve) or a CSI entry: the
 * item carries the question, the remediation and the evidence, and the answer keeps the link, in one transaction.
 * When that item is done the answer shows "re-check" (see assessment.mapper.server.ts).
 */
export async function convertAnswer(scope: PartnershipScope, actor: Actor, input: unknown, appUrl: string | null): Promise<AnswerDto> {
  const { answerId, baseVersion, into, targetQuarter } = ZConvertInput.parse(input)
  const prisma = await db()
  const { answer, roadmapItem } = await prisma.$transaction(async (tx) => {
    const current = await loadAnswerRow(tx, scope, answerId)
    if (current.assessment.status === 'DRAFT') throw new AppError('CONFLICT', 'Submit the assessment for review first: only reviewed findings become roadmap or CSI items')
    if (current.alignment !== 'MISALIGNED') {
      throw new AppError('BAD_REQUEST', 'alignment: only a misaligned standard becomes a roadmap item or CSI entry', { fieldErrors: [{ field: 'alignment', message: 'Not misaligned' }] })
    }
    if (current.roadmapItemId || current.csiEntryId) throw new AppError('CONFLICT', 'This finding is already linked to an item')
    if (current.version !== baseVersion) throw new AppError('CONFLICT', `This answer changed since you opened it (version ${baseVersion}, now ${current.version}); reload`, { details: { currentVersion: current.version } })
    const description = [current.remediation, current.evidence ? `Evidence: ${current.evidence}` : '', current.note ? `Note: ${current.note}` : ''].filter(Boolean).join('\n\n')
    const from = `From “${current.assessment.title}”: ${current.question}`
    let roadmap = null
    let link: { roadmapItemId?: string; csiEntryId?: string }
    if (into === 'ROADMAP') {
      const values = { title: current.question.slice(0, 200), description, businessOutcome: from.slice(0, 2000), category: current.category, status: 'PROPOSED' as const, priority: PRIORITY[current.severity], targetQuarter: targetQuarter ?? null }
      roadmap = await tx.roadmapItem.create({ data: { ...values, partnershipId: scope.id, proposedBy: scope.party } })
      await recordCreation(tx, scope, actor, 'RoadmapItem', roadmap.id, { ...values, proposedBy: scope.party })
      link = { roadmapItemId: roadmap.id }
    } else {
      const stage = stagesFor(await csiModel(tx, scope))[0]
      const values = { opportunity: current.question.slice(0, 200), size: CSI_SIZE[current.severity], priority: PRIORITY[current.severity], justification: `${from}\n\n${description}`.slice(0, 5000), stage }
      const entry = await tx.csiEntry.create({ data: { ...values, partnershipId: scope.id } })
      await recordCreation(tx, scope, actor, 'CsiEntry', entry.id, values)
      link = { csiEntryId: entry.id }
    }
    const written = await tx.assessmentAnswer.updateMany({ where: { id: answerId, partnershipId: scope.id, version: baseVersion, roadmapItemId: null, csiEntryId: null }, data: { ...link, version: { increment: 1 } } })
    if (written.count === 0) throw new AppError('CONFLICT', 'This finding was linked at the same moment; reload')
    await recordAudit(tx, { actor, action: 'assessment.convert', entityType: 'AssessmentAnswer', entityId: answerId, partnershipId: scope.id, after: { into, ...link }, readPermission: 'audit.read' })
    const after = await tx.assessmentAnswer.findFirstOrThrow({ where: { id: answerId, partnershipId: scope.id } })
    return { answer: (await presentAnswers(tx, scope, [after]))[0], roadmapItem: roadmap }
  })
  if (roadmapItem && appUrl !== null) await notifyRoadmapApprovalRequested(scope, actor, toRoadmapDto(roadmapItem), appUrl)
  return answer
}
