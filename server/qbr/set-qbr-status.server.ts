import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { Qbr } from '../db/generated/client.ts'
import { AppError } from '../errors.ts'
import { applyVersionedUpdate } from '../workspace/versioned-update.server.ts'
import { carryOpenActionItems, neighbourQbr } from './carry-action-items.server.ts'
import { type CalendarChange, qbrCalendarChanged } from './qbr-calendar-changed.server.ts'
import { sendQbrCalendar } from './send-qbr-calendar.server.ts'
import { calendarChangeFor, canMoveQbr, nextStatuses } from './qbr-status.ts'
import { toQbrDto } from './qbr.mapper.ts'
import { ZSetQbrStatusInput } from './qbr.schemas.ts'

/**
 * DRAFT → SCHEDULED (needs a time) → HELD → CLOSED; SCHEDULED → DRAFT calls the meeting off. Scheduling and
 * calling off go through the calendar hook. Closing hands the open action items on to the next QBR, if one exists.
 */
export async function setQbrStatus(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id, baseVersion, status } = ZSetQbrStatusInput.parse(input)
  const prisma = await db()
  let calendar: CalendarChange | null = null
  const row = await prisma.$transaction(async (tx) => {
    const seen: { from: Qbr['status'] | null } = { from: null }
    const r = await applyVersionedUpdate<Qbr>({
      tx,
      scope,
      actor,
      entityType: 'Qbr',
      id,
      baseVersion,
      changes: { status },
      load: (t) => t.qbr.findFirst({ where: { id, partnershipId: scope.id } }),
      write: async (t, expectedVersion, data) => (await t.qbr.updateMany({ where: { id, partnershipId: scope.id, version: expectedVersion }, data })).count,
      derive(current) {
        if (!canMoveQbr(current.status, status)) {
          const allowed = nextStatuses(current.status)
          throw new AppError('BAD_REQUEST', `status: a ${current.status} QBR cannot become ${status}${allowed.length ? ` (it can become ${allowed.join(' or ')})` : ''}`, {
            fieldErrors: [{ field: 'status', message: `Cannot move from ${current.status} to ${status}` }],
          })
        }
        if (status === 'SCHEDULED' && (!current.startsAt || !current.endsAt)) {
          throw new AppError('BAD_REQUEST', 'startLocal: set the start and end before scheduling', { fieldErrors: [{ field: 'startLocal', message: 'Set the start and end first' }] })
        }
        seen.from = current.status
        return {}
      },
      present: toQbrDto,
    })
    const from = seen.from
    if (!r.changedFields.includes('status') || !from) {
      // Already in that status: nothing moved (a repeated click), but say so rather than pretend.
      throw new AppError('BAD_REQUEST', `status: the QBR is already ${status}`, { fieldErrors: [{ field: 'status', message: `Already ${status}` }] })
    }
    const change = calendarChangeFor(from, status)
    calendar = change
    const row = change ? await qbrCalendarChanged(tx, scope, actor, r.row, change) : r.row
    if (status === 'CLOSED') {
      const next = await neighbourQbr(tx, scope, row.quarter, 'next')
      if (next) await carryOpenActionItems(tx, scope, actor, row, next)
    }
    return row
  })
  if (calendar) await sendQbrCalendar(scope, actor, row, calendar)
  return toQbrDto(row)
}
