import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { Prisma } from '../db/generated/client.ts'
import { AppError, badRequest, notFound } from '../errors.ts'
import { explainTicket } from '../sla/explain-ticket.server.ts'
import { DISPUTE_SELECT, toDisputeDto } from './dispute.mapper.ts'
import { type DisputeDto, ZRaiseDisputeInput } from './disputes.schemas.ts'
import { notifyDisputeStep } from './notify-dispute.server.ts'

/**
 * The client questions one decided verdict of a ticket. The dispute keeps the verdict as computed when raised (and
 * the instant it was decided, which places it in a period); at most one dispute per verdict is open or accepted.
 */
export async function raiseDispute(scope: PartnershipScope, actor: Actor, input: unknown, appUrl: string, now = new Date()): Promise<DisputeDto> {
  const { externalId, source, metric, reason } = ZRaiseDisputeInput.parse(input)
  const prisma = await db()
  const ticket = await prisma.ticket.findFirst({
    where: { partnershipId: scope.id, externalId, ...(source ? { source } : {}) },
    orderBy: { updatedAt: 'desc' },
    select: { id: true, source: true },
  })
  if (!ticket) throw notFound('Ticket')
  const explained = await explainTicket(scope, { slug: scope.slug, externalId, source: ticket.source }, now)
  const verdict = explained[metric]
  if (verdict.verdict === 'pending' || verdict.decidedAt === null) throw badRequest('metric', `The ${metric} verdict is not decided yet: there is nothing to dispute`)

  let id: string
  try {
    id = await prisma.$transaction(async (tx) => {
      const dispute = await tx.slaDispute.create({
        data: {
          partnershipId: scope.id,
          ticketId: ticket.id,
          metric,
          liveKey: `${ticket.id}:${metric}`,
          computedVerdict: verdict.verdict,
          decidedAt: new Date(verdict.decidedAt!),
          elapsedMinutes: verdict.elapsedMinutes,
          targetMinutes: verdict.targetMinutes,
          reason,
          raisedById: actor.userId,
          raisedByLabel: actor.label,
        },
      })
      await tx.slaDisputeEvent.create({
        data: { partnershipId: scope.id, disputeId: dispute.id, kind: 'RAISED', party: scope.party, actorId: actor.userId, actorLabel: actor.label, body: reason, version: 1 },
      })
      await recordAudit(tx, {
        actor,
        action: 'slaDispute.raise',
        entityType: 'SlaDispute',
        entityId: dispute.id,
        partnershipId: scope.id,
        after: { ticket: externalId, metric, computedVerdict: verdict.verdict, reason, status: 'OPEN' },
      })
      return dispute.id
    })
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('CONFLICT', `The ${metric} verdict of ticket ${externalId} is already disputed (open or accepted)`, {
        fieldErrors: [{ field: 'metric', message: 'Already disputed' }],
      })
    }
    throw error
  }
  const dto = toDisputeDto(await prisma.slaDispute.findFirstOrThrow({ where: { id, partnershipId: scope.id }, select: DISPUTE_SELECT }))
  await notifyDisputeStep(scope, dto, appUrl)
  return dto
}
