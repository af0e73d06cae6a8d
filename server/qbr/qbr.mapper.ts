import type { Qbr, QbrActionItem, QbrAgendaItem, QbrAttendee, QbrDecision } from '../db/generated/client.ts'
import type { ActionItemDto, AgendaItemDto, AttendeeDto, DecisionDto, QbrSummaryDto } from './qbr.schemas.ts'

const iso = (d: Date | null) => d?.toISOString() ?? null

export function toQbrDto(q: Qbr): QbrSummaryDto {
  return {
    id: q.id,
    version: q.version,
    quarter: q.quarter,
    title: q.title,
    status: q.status,
    startLocal: q.startLocal,
    endLocal: q.endLocal,
    timezone: q.timezone,
    startsAt: iso(q.startsAt),
    endsAt: iso(q.endsAt),
    location: q.location,
    videoUrl: q.videoUrl,
    agendaOrder: q.agendaOrder,
    icsUid: q.icsUid,
    icsSequence: q.icsSequence,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
    deletedAt: iso(q.deletedAt),
  }
}

export function toAgendaDto(a: QbrAgendaItem): AgendaItemDto {
  return {
    id: a.id,
    version: a.version,
    qbrId: a.qbrId,
    title: a.title,
    timeboxMinutes: a.timeboxMinutes,
    presenter: a.presenter,
    templateKey: a.templateKey,
    linkType: a.linkType,
    linkRef: a.linkRef,
    minutes: a.minutes,
    updatedAt: a.updatedAt.toISOString(),
    deletedAt: iso(a.deletedAt),
  }
}

export function toDecisionDto(d: QbrDecision): DecisionDto {
  return { id: d.id, version: d.version, qbrId: d.qbrId, agendaItemId: d.agendaItemId, text: d.text, decidedBy: d.decidedBy, createdAt: d.createdAt.toISOString(), deletedAt: iso(d.deletedAt) }
}

export function toAttendeeDto(a: QbrAttendee): AttendeeDto {
  return { id: a.id, userId: a.userId, email: a.email, name: a.name, party: a.party }
}

export type ActionItemRow = QbrActionItem & { qbr: { quarter: string }; carried: Array<{ qbr: { quarter: string } }> }

/** Prisma `include` that gives an action item row what its DTO shows. */
export const ACTION_ITEM_INCLUDE = { qbr: { select: { quarter: true } }, carried: { select: { qbr: { select: { quarter: true } } } } } as const

export function toActionItemDto(a: ActionItemRow): ActionItemDto {
  return {
    id: a.id,
    version: a.version,
    qbrId: a.qbrId,
    originQuarter: a.qbr.quarter,
    agendaItemId: a.agendaItemId,
    title: a.title,
    owner: a.owner,
    ownerUserId: a.ownerUserId,
    party: a.party,
    dueDate: a.dueDate?.toISOString().slice(0, 10) ?? null,
    status: a.status,
    linkType: a.linkType,
    linkRef: a.linkRef,
    notes: a.notes,
    carriedInto: a.carried.map((c) => c.qbr.quarter).sort(),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    deletedAt: iso(a.deletedAt),
  }
}

/** API fields → columns (a due date is a calendar day, stored at UTC midnight). */
export function actionItemColumns(fields: Record<string, unknown>): Record<string, unknown> {
  const { dueDate, ...rest } = fields
  return { ...rest, ...(dueDate !== undefined ? { dueDate: dueDate === null ? null : new Date(`${dueDate as string}T00:00:00Z`) } : {}) }
}
