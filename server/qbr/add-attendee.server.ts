import type { PartnershipScope } from '../access/policy.server.ts'
import { recordAudit, type Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, badRequest } from '../errors.ts'
import { assertNotClosed, findQbr } from './qbr-guards.server.ts'
import { toAttendeeDto } from './qbr.mapper.ts'
import { ZAddAttendeeInput } from './qbr.schemas.ts'

/**
 * Invites a member of either party (their party follows from their organization) or an external address (the
 * caller names its party: a consultant on the client's side, say).
 */
export async function addAttendee(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { qbrId, userId, email, name, party } = ZAddAttendeeInput.parse(input)
  const prisma = await db()
  const row = await prisma.$transaction(async (tx) => {
    assertNotClosed(await findQbr(tx, scope, qbrId), 'its attendees are the record')
    let attendee: { userId: string | null; email: string; name: string; party: 'MSP' | 'CLIENT' }
    if (userId) {
      const membership = await tx.membership.findFirst({
        where: { userId, organizationId: { in: [scope.mspOrgId, scope.clientOrgId] } },
        select: { organizationId: true, user: { select: { email: true, name: true } } },
      })
      if (!membership) throw badRequest('userId', 'Not a member of either party')
      attendee = { userId, email: membership.user.email, name: membership.user.name, party: membership.organizationId === scope.mspOrgId ? 'MSP' : 'CLIENT' }
    } else {
      const address = email!.toLowerCase()
      const member = await tx.user.findFirst({
        where: { email: address, memberships: { some: { organizationId: { in: [scope.mspOrgId, scope.clientOrgId] } } } },
        select: { id: true },
      })
      if (member) throw badRequest('email', 'A member of the partnership: pick them from the members')
      attendee = { userId: null, email: address, name: name || address, party: party! }
    }
    if (await tx.qbrAttendee.count({ where: { qbrId, partnershipId: scope.id, email: attendee.email } })) {
      throw new AppError('CONFLICT', `email: ${attendee.email} is already invited`, { fieldErrors: [{ field: 'email', message: 'Already invited' }] })
    }
    const created = await tx.qbrAttendee.create({ data: { ...attendee, partnershipId: scope.id, qbrId } })
    await recordAudit(tx, { actor, action: 'qbrAttendee.create', entityType: 'QbrAttendee', entityId: created.id, partnershipId: scope.id, after: { qbrId, ...attendee } })
    return created
  })
  return toAttendeeDto(row)
}
