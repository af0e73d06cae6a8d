import type { PartnershipScope } from '../access/policy.server.ts'
import { recordAudit, type Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, badRequest } from '../errors.ts'
import { assertNotClosed, findQbr } from './qbr-guards.server.ts'
import { toAttendeeDto } from './qbr.mapper.ts'
import { ZAddAttendeeInput } from './qbr.schemas.ts'

/**
 * Invites a member of either party (by id or email; their party follows from their organization) or an external
 * address (the caller names its party: a consultant on the client's side, say).
 */
export async function addAttendee(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { qbrId, userId, email, name, party } = ZAddAttendeeInput.parse(input)
  const prisma = await db()
  const row = await prisma.$transaction(async (tx) => {
    assertNotClosed(await findQbr(tx, scope, qbrId), 'its attendees are the record')
    // A member is named by id or by email; their party follows from their organization.
    const membership = await tx.membership.findFirst({
      where: { organizationId: { in: [scope.mspOrgId, scope.clientOrgId] }, ...(userId ? { userId } : { user: { email: email!.toLowerCase() } }) },
      select: { organizationId: true, user: { select: { id: true, email: true, name: true } } },
    })
    if (userId && !membership) throw badRequest('userId', 'Not a member of either party')
    if (!membership && !party) throw badRequest('party', 'Say which party an external attendee is with')
    const attendee = membership
      ? { userId: membership.user.id, email: membership.user.email, name: membership.user.name, party: membership.organizationId === scope.mspOrgId ? ('MSP' as const) : ('CLIENT' as const) }
      : { userId: null, email: email!.toLowerCase(), name: name || email!.toLowerCase(), party: party! }
    if (await tx.qbrAttendee.count({ where: { qbrId, partnershipId: scope.id, email: attendee.email } })) {
      throw new AppError('CONFLICT', `email: ${attendee.email} is already invited`, { fieldErrors: [{ field: 'email', message: 'Already invited' }] })
    }
    const created = await tx.qbrAttendee.create({ data: { ...attendee, partnershipId: scope.id, qbrId } })
    await recordAudit(tx, { actor, action: 'qbrAttendee.create', entityType: 'QbrAttendee', entityId: created.id, partnershipId: scope.id, after: { qbrId, ...attendee } })
    return created
  })
  return toAttendeeDto(row)
}
