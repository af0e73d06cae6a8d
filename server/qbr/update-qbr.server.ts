import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { Qbr } from '../db/generated/client.ts'
import { applyVersionedUpdate } from '../workspace/versioned-update.server.ts'
import { assertNotClosed } from './qbr-guards.server.ts'
import { qbrCalendarChanged } from './qbr-calendar-changed.server.ts'
import { sendQbrCalendar } from './send-qbr-calendar.server.ts'
import { toQbrDto } from './qbr.mapper.ts'
import { ZUpdateQbrInput } from './qbr.schemas.ts'
import { scheduleColumns } from './schedule.ts'

const CALENDAR_FIELDS = ['startsAt', 'endsAt', 'timezone', 'location', 'videoUrl', 'title']

/** Title, schedule and place. A change to a scheduled meeting's time or place is a reschedule (new SEQUENCE). */
export async function updateQbr(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { id, baseVersion, changes } = ZUpdateQbrInput.parse(input)
  const prisma = await db()
  const result = await prisma.$transaction(async (tx) => {
    const r = await applyVersionedUpdate<Qbr>({
      tx,
      scope,
      actor,
      entityType: 'Qbr',
      id,
      baseVersion,
      changes,
      load: (t) => t.qbr.findFirst({ where: { id, partnershipId: scope.id } }),
      write: async (t, expectedVersion, data) => (await t.qbr.updateMany({ where: { id, partnershipId: scope.id, version: expectedVersion }, data })).count,
      derive(current, applied) {
        assertNotClosed(current, 'its details are read-only')
        if (!('startLocal' in applied || 'endLocal' in applied || 'timezone' in applied)) return {}
        const { startsAt, endsAt } = scheduleColumns(current, applied)
        return { startsAt, endsAt }
      },
      present: toQbrDto,
    })
    if (r.row.status === 'SCHEDULED' && r.changedFields.some((f) => CALENDAR_FIELDS.includes(f))) {
      return { ...r, row: await qbrCalendarChanged(tx, scope, actor, r.row, 'RESCHEDULED'), rescheduled: true }
    }
    return { ...r, rescheduled: false }
  })
  if (result.rescheduled) await sendQbrCalendar(scope, actor, result.row, 'RESCHEDULED')
  return { item: toQbrDto(result.row), merged: result.merged, changedFields: result.changedFields }
}
