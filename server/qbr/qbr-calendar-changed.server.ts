import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import type { Tx } from '../db/client.server.ts'
import type { Qbr } from '../db/generated/client.ts'

export type CalendarChange = 'SCHEDULED' | 'RESCHEDULED' | 'CANCELLED'

/**
 * Every change to the meeting as a calendar event passes here, inside the transaction of the change: scheduling,
 * rescheduling (time, zone, place or link of a scheduled QBR) and calling it off. The invitation keeps its UID;
 * SEQUENCE is 0 for the first scheduling and goes up by one per later change, so calendars replace the earlier
 * version (RFC 5545 §3.8.7.4). The invitation sender hooks in here.
 */
export async function qbrCalendarChanged(tx: Tx, scope: PartnershipScope, actor: Actor, qbr: Qbr, change: CalendarChange): Promise<Qbr> {
  // The first invitation of a meeting carries SEQUENCE 0 (RFC 5545 §3.8.7.4), and the mail words it as an invitation;
  // raising it here too made every first invitation an "Updated invitation".
  const first = change === 'SCHEDULED' && qbr.icsSequence === 0
  const updated = first ? qbr : await tx.qbr.update({ where: { id: qbr.id, partnershipId: scope.id }, data: { icsSequence: { increment: 1 } } })
  await recordAudit(tx, {
    actor,
    action: `qbr.calendar.${change.toLowerCase()}`,
    entityType: 'Qbr',
    entityId: qbr.id,
    partnershipId: scope.id,
    before: { icsSequence: qbr.icsSequence },
    after: {
      icsUid: updated.icsUid,
      icsSequence: updated.icsSequence,
      startsAt: updated.startsAt,
      endsAt: updated.endsAt,
      timezone: updated.timezone,
      location: updated.location,
      videoUrl: updated.videoUrl,
    },
  })
  return updated
}
