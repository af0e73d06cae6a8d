import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { Qbr } from '../db/generated/client.ts'
import { env } from '../env.server.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { sendQbrInvitation } from '../notifications/send-qbr-invitation.server.ts'
import type { CalendarChange } from './qbr-calendar-changed.server.ts'
import { logger } from '../observability/logger.server.ts'

/**
 * After a calendar change has committed: the invitation (METHOD:REQUEST), its update (same UID, the SEQUENCE the
 * change raised) or its cancellation (METHOD:CANCEL) to every attendee, from the person who organised the meeting
 * (issue 13, D23: a client's user as much as the MSP's). Mail failures are recorded by the sender and never undo
 * the change.
 */
export async function sendQbrCalendar(scope: PartnershipScope, actor: Actor, qbr: Qbr, change: CalendarChange): Promise<void> {
  try {
    await send(scope, actor, qbr, change)
  } catch (error) {
    logger().warn(`QBR ${qbr.quarter} of ${scope.slug}: the calendar mail was not sent: ${error instanceof Error ? error.message : String(error)}`)
  }
}

const ADDRESS = /<([^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>$|^([^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/
const addressIn = (text: string) => {
  const m = text.trim().match(ADDRESS)
  return m ? (m[1] ?? m[2]) : null
}
const nameIn = (label: string) => label.replace(/<[^>]*>\s*$/, '').trim()

/**
 * The ORGANIZER: the user who created the meeting; for a meeting from before that was kept (or whose organiser's
 * account is gone), whoever changed it; for an operator's change, the sender address under the MSP's name.
 */
export function qbrOrganizer(organizer: { name: string; email: string } | null, actor: Actor, mspName: string): { name: string; email: string } {
  if (organizer) return organizer
  const actorEmail = addressIn(actor.label)
  if (actorEmail) return { email: actorEmail, name: nameIn(actor.label) || actorEmail }
  // `.invalid` is the reserved domain for an address that must not be mailed.
  return { email: addressIn(env().MAIL_FROM) ?? 'accord@accord.invalid', name: mspName }
}

async function send(scope: PartnershipScope, actor: Actor, qbr: Qbr, change: CalendarChange): Promise<void> {
  if (!qbr.startsAt || !qbr.endsAt) return
  const prisma = await db()
  const [attendees, partnership] = await Promise.all([
    prisma.qbrAttendee.findMany({ where: { qbrId: qbr.id, partnershipId: scope.id }, select: { email: true, name: true }, orderBy: { email: 'asc' } }),
    prisma.partnership.findUniqueOrThrow({ where: { id: scope.id }, select: { mspOrg: { select: { name: true } } } }),
  ])
  if (attendees.length === 0) return
  const organizerUser = qbr.organizerUserId ? await prisma.user.findUnique({ where: { id: qbr.organizerUserId }, select: { name: true, email: true } }) : null
  await sendQbrInvitation({
    recipients: attendees,
    qbr: {
      uid: qbr.icsUid,
      sequence: qbr.icsSequence,
      title: qbr.title,
      startsAt: qbr.startsAt,
      endsAt: qbr.endsAt,
      timezone: qbr.timezone,
      location: [qbr.location, qbr.videoUrl].filter(Boolean).join(' · ') || null,
      url: `${appBaseUrl()}/p/${scope.slug}/qbrs/${qbr.quarter}`,
      organizer: qbrOrganizer(organizerUser, actor, partnership.mspOrg.name),
    },
    method: change === 'CANCELLED' ? 'CANCEL' : 'REQUEST',
    partnershipId: scope.id,
  })
}
