import { z } from 'zod'
import { calendarInvite } from '../../emails/calendar.ts'
import { type SendResult, sendEmails } from '../../emails/send-email.server.ts'
import { qbrInvitationEmail } from '../../emails/templates/qbr-invitation.tsx'
import { db } from '../db/client.server.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { filterByPreference } from './preferences.server.ts'

const ZPerson = z.object({ email: z.email(), name: z.string().trim().max(200).nullish() })

export const ZSendQbrInvitationInput = z
  .object({
    recipients: z.array(ZPerson).min(1).max(200),
    qbr: z.object({
      uid: z.string().trim().min(1).max(255),
      sequence: z.number().int().min(0),
      title: z.string().trim().min(1).max(200),
      startsAt: z.coerce.date(),
      endsAt: z.coerce.date(),
      timezone: z.string().refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'Not an IANA time zone'),
      location: z.string().trim().max(500).nullish(),
      url: z.url(),
      organizer: z.object({ email: z.email(), name: z.string().trim().min(1).max(200) }),
    }),
    method: z.enum(['REQUEST', 'CANCEL']),
    /** The partnership the QBR belongs to: scopes the recipients' role defaults and the outbox. */
    partnershipId: z.string().optional(),
    appUrl: z.url().optional(),
  })
  .refine((v) => v.qbr.endsAt > v.qbr.startsAt, { path: ['qbr', 'endsAt'], message: 'Must be after the start' })
export type SendQbrInvitationInput = z.input<typeof ZSendQbrInvitationInput>

/**
 * A QBR invitation (METHOD:REQUEST; a reschedule is the same UID with a higher SEQUENCE) or its cancellation
 * (METHOD:CANCEL), with the .ics attached, to each recipient who wants QBR invitations. The calendar object lists
 * every attendee, whether or not they get this mail. Call after the QBR change has committed.
 */
export async function sendQbrInvitation(input: SendQbrInvitationInput): Promise<{ sent: string[]; results: SendResult[] }> {
  const { recipients, qbr, method, partnershipId, appUrl: givenUrl } = ZSendQbrInvitationInput.parse(input)
  const appUrl = givenUrl?.replace(/\/$/, '') ?? appBaseUrl()
  const partnership = partnershipId
    ? await (await db()).partnership.findUniqueOrThrow({ where: { id: partnershipId }, select: { mspOrgId: true, clientOrgId: true } })
    : null
  const wanted = await filterByPreference('QBR_INVITATION', recipients, partnership ? [partnership.mspOrgId, partnership.clientOrgId] : undefined)
  if (wanted.length === 0) return { sent: [], results: [] }
  const ics = calendarInvite(
    {
      uid: qbr.uid,
      sequence: qbr.sequence,
      title: qbr.title,
      description: `${qbr.title}\n${qbr.url}`,
      startsAt: qbr.startsAt,
      endsAt: qbr.endsAt,
      location: qbr.location,
      url: qbr.url,
      organizer: qbr.organizer,
      attendees: recipients.map((r) => ({ email: r.email.toLowerCase(), name: r.name })),
    },
    method,
  )
  const rendered = await qbrInvitationEmail({
    method,
    sequence: qbr.sequence,
    title: qbr.title,
    startsAt: qbr.startsAt,
    endsAt: qbr.endsAt,
    timezone: qbr.timezone,
    location: qbr.location,
    url: qbr.url,
    organizerName: qbr.organizer.name,
    appUrl,
  })
  const results = await sendEmails(
    wanted.map((r) => ({
      ...rendered,
      to: r.email,
      kind: 'QBR_INVITATION' as const,
      calendar: { method, content: ics, filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics' },
      context: partnershipId ? { partnershipId } : undefined,
    })),
  )
  return { sent: wanted.map((r) => r.email), results }
}
