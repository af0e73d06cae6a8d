import type { PartnershipScope } from '../access/policy.server.ts'
import { recordAudit, type Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { assertNotClosed, findQbr } from './qbr-guards.server.ts'
import { toAttendeeDto } from './qbr.mapper.ts'
import { ZRemoveAttendeeInput } from './qbr.schemas.ts'

/** Attendees are a list, not a co-edited record: removing one is final (and in the audit log). */
export async function removeAttendee(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id } = ZRemoveAttendeeInput.parse(input)
  const prisma = await db()
  const row = await prisma.$transaction(async (tx) => {
    const attendee = await tx.qbrAttendee.findFirst({ where: { id, partnershipId: scope.id } })
    if (!attendee) throw notFound('Attendee')
    assertNotClosed(await findQbr(tx, scope, attendee.qbrId), 'its attendees are the record')
    await tx.qbrAttendee.deleteMany({ where: { id, partnershipId: scope.id } })
    await recordAudit(tx, {
      actor,
      action: 'qbrAttendee.delete',
      entityType: 'QbrAttendee',
      entityId: id,
      partnershipId: scope.id,
      before: { qbrId: attendee.qbrId, email: attendee.email, name: attendee.name, party: attendee.party },
    })
    return attendee
  })
  return toAttendeeDto(row)
}
