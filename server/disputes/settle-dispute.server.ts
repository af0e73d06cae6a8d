import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, notFound } from '../errors.ts'
import { DISPUTE_SELECT, toDisputeDto } from './dispute.mapper.ts'
import type { DecidedVerdict, DisputeDto } from './disputes.schemas.ts'
import { notifyDisputeStep } from './notify-dispute.server.ts'

// Accepting and rejecting share this: both settle an OPEN dispute once, at the version the answerer saw.

export interface Settlement {
  id: string
  baseVersion: number
  outcome: 'ACCEPTED' | 'REJECTED'
  /** Only when accepted; null means "the opposite of the computed verdict". */
  agreedVerdict: DecidedVerdict | null
  /** The MSP's reason (accepting) or answer (rejecting). */
  body: string
}

const opposite = (v: string): DecidedVerdict => (v === 'met' ? 'breached' : 'met')

export async function settleDispute(scope: PartnershipScope, actor: Actor, s: Settlement, appUrl: string): Promise<DisputeDto> {
  const prisma = await db()
  await prisma.$transaction(async (tx) => {
    const current = await tx.slaDispute.findFirst({
      where: { id: s.id, partnershipId: scope.id },
      select: { id: true, status: true, version: true, computedVerdict: true, ticketId: true, metric: true, answeredByLabel: true },
    })
    if (!current) throw notFound('Dispute')
    // Two answers at once: the one that read the version first wins; the other gets 409 with what was decided.
    const conflict = () =>
      new AppError('CONFLICT', current.status === 'OPEN' ? 'The dispute changed since you opened it; reload it' : `Already ${current.status.toLowerCase()} by ${(current.answeredByLabel ?? 'someone').replace(/\s*<.*>$/, '')}`, {
        details: { id: current.id, currentVersion: current.version, status: current.status },
      })
    if (s.baseVersion > current.version) {
      throw new AppError('BAD_REQUEST', `baseVersion: ${s.baseVersion} is newer than the current version ${current.version}`, {
        fieldErrors: [{ field: 'baseVersion', message: 'Newer than the current version' }],
      })
    }
    if (current.status !== 'OPEN' || s.baseVersion !== current.version) throw conflict()
    const agreedVerdict = s.outcome === 'ACCEPTED' ? (s.agreedVerdict ?? opposite(current.computedVerdict)) : null
    const version = current.version + 1
    const written = await tx.slaDispute.updateMany({
      where: { id: s.id, partnershipId: scope.id, status: 'OPEN', version: current.version },
      data: {
        status: s.outcome,
        agreedVerdict,
        answer: s.body,
        answeredById: actor.userId,
        answeredByLabel: actor.label,
        answeredAt: new Date(),
        version,
        // A rejected dispute frees its verdict, so the client may raise it again with more to say.
        liveKey: s.outcome === 'REJECTED' ? null : undefined,
      },
    })
    if (written.count === 0) throw conflict()
    await tx.slaDisputeEvent.create({
      data: { partnershipId: scope.id, disputeId: s.id, kind: s.outcome, party: scope.party, actorId: actor.userId, actorLabel: actor.label, body: s.body, agreedVerdict, version },
    })
    await recordAudit(tx, {
      actor,
      action: s.outcome === 'ACCEPTED' ? 'slaDispute.accept' : 'slaDispute.reject',
      entityType: 'SlaDispute',
      entityId: s.id,
      partnershipId: scope.id,
      before: { status: 'OPEN', agreedVerdict: null, answer: null },
      after: { status: s.outcome, agreedVerdict, answer: s.body },
    })
  })
  const dto = toDisputeDto(await prisma.slaDispute.findFirstOrThrow({ where: { id: s.id, partnershipId: scope.id }, select: DISPUTE_SELECT }))
  await notifyDisputeStep(scope, dto, appUrl)
  return dto
}
