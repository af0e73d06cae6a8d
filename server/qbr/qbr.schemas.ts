import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { ZDate, ZQuarter, yearInRange } from '../validation/bounds.ts'
import { type FieldGroups, ZEntityRef, ZVersionedRef } from '../workspace/workspace.schemas.ts'
import { isTimeZone, isWallTime } from './zoned-time.ts'

export const QBR_STATUSES = ['DRAFT', 'SCHEDULED', 'HELD', 'CLOSED'] as const
export type QbrStatus = (typeof QBR_STATUSES)[number]
export const ACTION_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'DROPPED'] as const
export const OPEN_ACTION_STATUSES = ['OPEN', 'IN_PROGRESS'] as const
export const LINK_TYPES = ['SLA_SECTION', 'ROADMAP_ITEM', 'CSI_ENTRY', 'RESPONSIBILITY', 'ACTION_ITEM'] as const
export type LinkType = (typeof LINK_TYPES)[number]
/** Sections of the SLA report an agenda item or action item may point at. */
export const SLA_SECTIONS = ['summary', 'by-priority', 'monthly', 'breaches', 'trends'] as const
export const PARTIES = ['MSP', 'CLIENT'] as const

/** The co-edited entities of a QBR, as named in the field history and the audit log. */
export const QBR_ENTITY_TYPES = ['Qbr', 'QbrAgendaItem', 'QbrDecision', 'QbrActionItem'] as const

const ZText = (max: number) => z.string().trim().max(max, { error: `At most ${max} characters` })
const ZTitle = ZText(200).min(1, { error: 'Give it a title' })
const ZOptionalText = (max: number) =>
  ZText(max)
    .nullable()
    .transform((v) => (v ? v : null))
const ZWallTime = z
  .string()
  .refine(isWallTime, { error: 'A date and time like 2026-09-15T10:00' })
  .refine((v) => !isWallTime(v) || yearInRange(Number(v.slice(0, 4))), { error: 'Must be a date and time from 2000 to 2100' })
const ZId = z.string().uuid({ error: 'Not an id' })
const ZChanges = <T extends z.ZodRawShape>(shape: z.ZodObject<T>) =>
  shape.partial().refine((c) => Object.keys(c).length > 0, { error: 'Change at least one field' })

export const ZQbrFields = z.object({
  title: ZTitle,
  startLocal: ZWallTime.nullable(),
  endLocal: ZWallTime.nullable(),
  timezone: z.string().refine(isTimeZone, { error: 'An IANA time zone like Europe/Berlin' }),
  location: ZText(300),
  videoUrl: z
    .string()
    .trim()
    .max(500, { error: 'At most 500 characters' })
    .refine((v) => v === '' || /^https:\/\/[^\s]+$/.test(v), { error: 'An https:// link' })
    .nullable()
    .transform((v) => (v ? v : null)),
})

/**
 * The wall-clock times are times in the zone: one party's new start under the other's new zone is a meeting at an
 * hour nobody chose, and a start moved by one with the end moved by the other is a meeting neither planned. The
 * instants (`startsAt`, `endsAt`) are derived from these and recorded with them, so they need no place here.
 */
export const QBR_FIELD_GROUPS: FieldGroups = [['startLocal', 'endLocal', 'timezone']]

// A link's reference is a row id or a report section only under its type.
const LINK_GROUP = ['linkType', 'linkRef']
export const AGENDA_ITEM_FIELD_GROUPS: FieldGroups = [LINK_GROUP]
/** And the owner is a name, the member it is (if one), and the party they act for: one person, not three facts. */
export const ACTION_ITEM_FIELD_GROUPS: FieldGroups = [LINK_GROUP, ['owner', 'ownerUserId', 'party']]

export const ZListQbrsInput = z.object({ slug: ZSlug })
export const ZGetQbrInput = z.object({ slug: ZSlug, quarter: ZQuarter })
export const ZCreateQbrInput = z.object({ slug: ZSlug, quarter: ZQuarter, title: ZTitle.optional() }).extend(ZQbrFields.omit({ title: true }).partial().shape)
export const ZUpdateQbrInput = ZVersionedRef.extend({ changes: ZChanges(ZQbrFields) })
export const ZSetQbrStatusInput = ZVersionedRef.extend({ status: z.enum(QBR_STATUSES, { error: `One of ${QBR_STATUSES.join(', ')}` }) })

const ZLink = {
  linkType: z.enum(LINK_TYPES, { error: `One of ${LINK_TYPES.join(', ')}` }).nullable(),
  linkRef: ZText(100).nullable(),
}

export const ZAgendaFields = z.object({
  title: ZTitle,
  timeboxMinutes: z.number({ error: 'Minutes' }).int({ error: 'Whole minutes' }).min(1, { error: 'At least 1 minute' }).max(480, { error: 'At most 480 minutes' }),
  presenter: ZOptionalText(120),
  ...ZLink,
  minutes: ZText(20_000),
})
export const ZAddAgendaItemInput = ZAgendaFields.omit({ minutes: true })
  .partial()
  .required({ title: true })
  .extend({ slug: ZSlug, qbrId: ZId })
export const ZUpdateAgendaItemInput = ZVersionedRef.extend({ changes: ZChanges(ZAgendaFields) })
export const ZUpdateMinutesInput = ZVersionedRef.extend({ minutes: ZAgendaFields.shape.minutes })
export const ZReorderAgendaInput = ZVersionedRef.extend({ order: z.array(ZId).max(200, { error: 'At most 200 items' }) })

export const ZDecisionFields = z.object({ text: ZText(5_000).min(1, { error: 'Write the decision' }), decidedBy: ZOptionalText(200), agendaItemId: ZId.nullable() })
export const ZAddDecisionInput = ZDecisionFields.partial().required({ text: true }).extend({ slug: ZSlug, qbrId: ZId })
export const ZUpdateDecisionInput = ZVersionedRef.extend({ changes: ZChanges(ZDecisionFields) })

export const ZAddAttendeeInput = z
  .object({
    slug: ZSlug,
    qbrId: ZId,
    userId: ZId.optional(),
    email: z.email({ error: 'An email address' }).max(200, { error: 'At most 200 characters' }).optional(),
    name: ZText(120).optional(),
    party: z.enum(PARTIES, { error: 'MSP or CLIENT' }).optional(),
  })
  .refine((a) => (a.userId ? !a.email : !!a.email), { error: 'Pick a member or give an email address', path: ['email'] })
export const ZRemoveAttendeeInput = ZEntityRef

export const ZActionItemFields = z.object({
  title: ZTitle,
  owner: ZText(120).min(1, { error: 'Name an owner' }),
  ownerUserId: ZId.nullable(),
  party: z.enum(PARTIES, { error: 'MSP or CLIENT' }),
  dueDate: ZDate.nullable(),
  status: z.enum(ACTION_STATUSES, { error: `One of ${ACTION_STATUSES.join(', ')}` }),
  ...ZLink,
  notes: ZText(5_000),
  agendaItemId: ZId.nullable(),
})
export const ZCreateActionItemInput = ZActionItemFields.partial()
  .required({ title: true, owner: true, party: true })
  .extend({ slug: ZSlug, qbrId: ZId })
export const ZUpdateActionItemInput = ZVersionedRef.extend({ changes: ZChanges(ZActionItemFields) })
export const ZListActionItemsInput = z.object({ slug: ZSlug, open: z.boolean().default(true) })

export const ZQbrHistoryInput = ZEntityRef.extend({ entityType: z.enum(QBR_ENTITY_TYPES, { error: `One of ${QBR_ENTITY_TYPES.join(', ')}` }) })

// Outputs
export const ZActionItem = z.object({
  id: z.string(),
  version: z.number(),
  qbrId: z.string(),
  originQuarter: z.string(),
  agendaItemId: z.string().nullable(),
  title: z.string(),
  owner: z.string(),
  ownerUserId: z.string().nullable(),
  party: z.enum(PARTIES),
  dueDate: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  linkType: z.enum(LINK_TYPES).nullable(),
  linkRef: z.string().nullable(),
  notes: z.string(),
  /** The later QBRs that reviewed it (the closed loop). */
  carriedInto: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
})
export type ActionItemDto = z.infer<typeof ZActionItem>

export const ZAgendaItem = z.object({
  id: z.string(),
  version: z.number(),
  qbrId: z.string(),
  title: z.string(),
  timeboxMinutes: z.number(),
  presenter: z.string().nullable(),
  templateKey: z.string().nullable(),
  linkType: z.enum(LINK_TYPES).nullable(),
  linkRef: z.string().nullable(),
  minutes: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
})
export type AgendaItemDto = z.infer<typeof ZAgendaItem>

export const ZDecision = z.object({
  id: z.string(),
  version: z.number(),
  qbrId: z.string(),
  agendaItemId: z.string().nullable(),
  text: z.string(),
  decidedBy: z.string().nullable(),
  createdAt: z.string(),
  deletedAt: z.string().nullable(),
})
export type DecisionDto = z.infer<typeof ZDecision>

export const ZAttendee = z.object({ id: z.string(), userId: z.string().nullable(), email: z.string(), name: z.string(), party: z.enum(PARTIES) })
export type AttendeeDto = z.infer<typeof ZAttendee>

export const ZQbrSummary = z.object({
  id: z.string(),
  version: z.number(),
  quarter: z.string(),
  title: z.string(),
  status: z.enum(QBR_STATUSES),
  startLocal: z.string().nullable(),
  endLocal: z.string().nullable(),
  timezone: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  location: z.string(),
  videoUrl: z.string().nullable(),
  /** Agenda item ids in order. */
  agendaOrder: z.array(z.string()),
  icsUid: z.string(),
  icsSequence: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
})
export type QbrSummaryDto = z.infer<typeof ZQbrSummary>

export const ZQbrListEntry = ZQbrSummary.extend({ agendaItems: z.number(), openActionItems: z.number() })

export const ZQbrDetail = ZQbrSummary.extend({
  previousQuarter: z.string().nullable(),
  nextStatuses: z.array(z.enum(QBR_STATUSES)),
  attendees: z.array(ZAttendee),
  agenda: z.array(ZAgendaItem),
  decisions: z.array(ZDecision),
  /** Raised in this QBR, and carried into it from earlier ones (carriedOver). */
  actionItems: z.array(ZActionItem.extend({ carriedOver: z.boolean() })),
  /** Titles of linked rows, by id (roadmap items, CSI entries, responsibility rows, action items). */
  linkLabels: z.record(z.string(), z.string()),
})
export type QbrDetailDto = z.infer<typeof ZQbrDetail>
