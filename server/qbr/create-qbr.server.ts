import { randomUUID } from 'node:crypto'
import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { recordCreation } from '../workspace/versioned-update.server.ts'
import { STANDARD_AGENDA } from './agenda-template.ts'
import { carryOpenActionItems, neighbourQbr } from './carry-action-items.server.ts'
import { getQbrById } from './get-qbr.server.ts'
import { ZCreateQbrInput } from './qbr.schemas.ts'
import { scheduleColumns } from './schedule.ts'

/**
 * A QBR for a quarter, with the standard agenda; the previous QBR's open action items are carried into its
 * action items review.
 */
export async function createQbr(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { slug: _slug, quarter, title, ...schedule } = ZCreateQbrInput.parse(input)
  const prisma = await db()
  const id = await prisma.$transaction(async (tx) => {
    const existing = await tx.qbr.findFirst({ where: { partnershipId: scope.id, quarter }, select: { deletedAt: true } })
    if (existing) {
      throw new AppError('CONFLICT', `quarter: there is already a QBR for ${quarter}${existing.deletedAt ? ' (deleted: restore it)' : ''}`, {
        fieldErrors: [{ field: 'quarter', message: existing.deletedAt ? 'A deleted QBR exists for this quarter; restore it' : 'Already has a QBR' }],
      })
    }
    const qbrId = randomUUID()
    const agenda = STANDARD_AGENDA.map((t) => ({ id: randomUUID(), template: t }))
    const columns = {
      title: title ?? `QBR ${quarter}`,
      ...scheduleColumns({ startLocal: null, endLocal: null, timezone: 'UTC' }, schedule),
      location: schedule.location ?? '',
      videoUrl: schedule.videoUrl ?? null,
      agendaOrder: agenda.map((a) => a.id),
    }
    const qbr = await tx.qbr.create({ data: { id: qbrId, partnershipId: scope.id, quarter, icsUid: `${qbrId}@accord`, organizerUserId: actor.userId, ...columns } })
    await recordCreation(tx, scope, actor, 'Qbr', qbr.id, { quarter, ...columns })
    await tx.qbrAgendaItem.createMany({
      data: agenda.map(({ id: itemId, template: t }) => ({
        id: itemId,
        partnershipId: scope.id,
        qbrId,
        title: t.title,
        timeboxMinutes: t.timeboxMinutes,
        templateKey: t.key,
        linkType: t.linkType,
        linkRef: t.linkRef,
      })),
    })
    const previous = await neighbourQbr(tx, scope, quarter, 'previous')
    if (previous) await carryOpenActionItems(tx, scope, actor, previous, qbr)
    // A QBR created for an earlier quarter than an existing one hands its (future) open items on at closing.
    return qbr.id
  })
  return getQbrById(scope, id)
}
