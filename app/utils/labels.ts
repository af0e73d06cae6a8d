// Business words for the codes the database and the API use: enum values, field names and audit actions. Every
// page and the QBR pack print these, never the code ("In progress", not IN_PROGRESS; "One-time cost", not
// oneTimeCents). Pure; an unknown code falls back to a humanised form of itself rather than to nothing.
import { num } from './format.ts'

const ENUM_LABELS: Record<string, string> = {
  // RoadmapStatus
  IDEA: 'Idea',
  PROPOSED: 'Proposed',
  APPROVED: 'Approved',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
  DECLINED: 'Declined',
  // ItemPriority, CsiSize
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  CRITICAL: 'Critical',
  SMALL: 'Small',
  LARGE: 'Large',
  // Classification
  STRATEGIC: 'Strategic',
  TACTICAL: 'Tactical',
  SHARED: 'Shared',
  CORE: 'Core',
  // Party, OrgKind
  MSP: 'MSP',
  CLIENT: 'Client',
  // QbrStatus
  DRAFT: 'Draft',
  SCHEDULED: 'Scheduled',
  HELD: 'Held',
  CLOSED: 'Closed',
  // ActionItemStatus
  OPEN: 'Open',
  DROPPED: 'Dropped',
  // PartnershipStatus
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  ENDED: 'Ended',
  // Role
  MSP_ADMIN: 'MSP admin',
  ACCOUNT_MANAGER: 'Account manager',
  MSP_ENGINEER: 'MSP engineer',
  CLIENT_EXECUTIVE: 'Client executive',
  CLIENT_IT: 'Client IT',
  VIEWER: 'Viewer',
  // CsiModel
  PDCA: 'PDCA',
  ITIL7: 'ITIL 7 steps',
  // PDCA stages: too short for the humanising rule below, which would leave "DO" and "ACT" as codes
  PLAN: 'Plan',
  DO: 'Do',
  CHECK: 'Check',
  ACT: 'Act',
  // Recurring period
  MONTH: 'per month',
  YEAR: 'per year',
  // QbrLinkType
  SLA_SECTION: 'SLA section',
  ROADMAP_ITEM: 'Roadmap item',
  CSI_ENTRY: 'CSI entry',
  RESPONSIBILITY: 'Responsibility',
  ACTION_ITEM: 'Action item',
}

/** "IN_PROGRESS" → "In progress"; P1–P4 and RACI letters stay as they are (they are the business's own words). */
export function enumLabel(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—'
  if (ENUM_LABELS[value]) return ENUM_LABELS[value]
  if (/^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(value) || /^[A-Z]{4,}$/.test(value)) return sentence(value.toLowerCase().replaceAll('_', ' '))
  return value
}

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  name: 'Name',
  description: 'Description',
  businessOutcome: 'Business outcome',
  status: 'Status',
  priority: 'Priority',
  category: 'Category',
  classification: 'Classification',
  targetQuarter: 'Target quarter',
  oneTimeCents: 'One-time cost',
  oneTime: 'One-time cost',
  recurringCents: 'Recurring cost',
  recurring: 'Recurring cost',
  recurringPeriod: 'Recurring period',
  currency: 'Currency',
  mspRaci: 'MSP role',
  clientRaci: 'Client role',
  mspOwner: 'MSP owner',
  mspOwnerId: 'MSP owner',
  clientOwner: 'Client owner',
  clientOwnerId: 'Client owner',
  ownerId: 'Owner',
  owner: 'Owner',
  party: 'Party',
  dueDate: 'Due date',
  due: 'Due date',
  stage: 'Stage',
  kpi: 'KPI',
  kpiMetric: 'KPI',
  baseline: 'Baseline',
  target: 'Target',
  size: 'Size',
  model: 'Model',
  email: 'Email',
  role: 'Role',
  minutes: 'Minutes',
  presenter: 'Presenter',
  scheduledAt: 'Date and time',
  heldAt: 'Held on',
  location: 'Location',
  notes: 'Notes',
  minutesText: 'Minutes',
  mspApprovedAt: 'MSP approval',
  clientApprovedAt: 'Client approval',
  mspApprovedById: 'MSP approver',
  clientApprovedById: 'Client approver',
  approvalResetReason: 'Approval reset',
  primaryColor: 'Brand colour',
  msp: 'MSP',
  client: 'Client',
  slug: 'Web address',
  mspId: 'MSP',
  clientId: 'Client',
  timezone: 'Time zone',
}

/** A field name as a form labels it: "oneTimeCents" → "One-time cost", "clientOwnerId" → "Client owner". */
export function fieldLabel(field: string): string {
  if (FIELD_LABELS[field]) return FIELD_LABELS[field]
  const words = field
    .replace(/(Cents|Id)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
  return sentence(words)
}

const ENTITY_LABELS: Record<string, string> = {
  ApiToken: 'API token',
  Comment: 'Comment',
  CsiEntry: 'CSI entry',
  Invitation: 'Invitation',
  Membership: 'Membership',
  member: 'Membership',
  Organization: 'Organization',
  Partnership: 'Partnership',
  PriorityMapping: 'Priority mapping',
  ResponsibilityFunction: 'Responsibility',
  RoadmapItem: 'Roadmap item',
  SlaPolicy: 'SLA policy',
  Qbr: 'QBR',
  QbrAttendee: 'QBR attendee',
  QbrAgendaItem: 'Agenda item',
  AgendaItem: 'Agenda item',
  ActionItem: 'Action item',
  Decision: 'Decision',
  PsaConnection: 'PSA connection',
  PsaSync: 'PSA sync',
  Pack: 'QBR pack',
  Token: 'API token',
}

/** "RoadmapItem" or "roadmapItem" → "Roadmap item". */
export function entityLabel(type: string): string {
  const upper = type.charAt(0).toUpperCase() + type.slice(1)
  return ENTITY_LABELS[type] ?? ENTITY_LABELS[upper] ?? sentence(upper.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
}

const VERBS: Record<string, string> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  remove: 'removed',
  revoke: 'revoked',
  accept: 'accepted',
  set: 'set',
  start: 'started',
  generate: 'generated',
  approve: 'approved',
  decline: 'declined',
  propose: 'proposed',
  carryActionItems: 'action items carried over',
}

/**
 * An audit action code as a sentence: "roadmapItem.update" → "Roadmap item updated",
 * "qbr.calendar.cancel" → "QBR calendar: cancel". Identifiers inside a code (a UUID) are dropped: the entity
 * column names the record.
 */
export function actionLabel(action: string): string {
  const parts = action.split('.').filter((p) => !UUID.test(p))
  if (parts.length === 0) return 'Changed'
  const [entity, ...rest] = parts
  const verb = rest.at(-1)
  const subject = [entity, ...rest.slice(0, -1)].map((p, i) => (i === 0 ? entityLabel(p) : fieldLabel(p).toLowerCase())).join(' ')
  if (verb === undefined) return entityLabel(entity)
  return VERBS[verb] ? `${subject} ${VERBS[verb]}` : `${subject}: ${fieldLabel(verb).toLowerCase()}`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** True for a database id, which a reader should never be shown as a value. */
export const isUuid = (value: unknown): boolean => typeof value === 'string' && UUID.test(value)

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * A recorded value as a reader should see it, given its field: amounts in cents as money, enum codes as words,
 * midnight instants as dates, ids as "a linked record" (the row names the record; a UUID tells a reader nothing).
 */
export function valueLabel(field: string, value: unknown, formatDate: (iso: string) => string = (iso) => iso.slice(0, 10)): string {
  if (value === null || value === undefined || value === '') return '—'
  if (field.endsWith('Cents') && (typeof value === 'number' || typeof value === 'string') && /^-?\d+$/.test(String(value))) {
    const amount = Number(value) / 100
    return num(amount, Number.isInteger(amount) ? 0 : 2)
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'string') {
    if (isUuid(value)) return 'a linked record'
    if (/^\d{4}-\d{2}-\d{2}(T00:00:00(\.000)?Z)?$/.test(value)) return formatDate(value.slice(0, 10))
    if (/^[A-Z][A-Z0-9_]+$/.test(value)) return enumLabel(value)
    return value
  }
  if (Array.isArray(value)) return value.every(isUuid) ? `${value.length} linked record${value.length === 1 ? '' : 's'}` : value.map((v) => valueLabel(field, v, formatDate)).join(', ')
  return JSON.stringify(value)
}

/**
 * Quarters as a partnership reads them (ADR 027). Its fiscal year starts on the first day of a quarter's month
 * (January, April, July or October), so every fiscal quarter is a calendar quarter under another name: URLs, stored
 * quarters and figures keep calendar keys ("2026-Q4") and only the words change. A fiscal year is named by the
 * calendar year it ends in: with an October start, October–December 2026 is FY2027 Q1.
 */
export const FISCAL_START_MONTHS = [1, 4, 7, 10] as const
export type FiscalStartMonth = (typeof FISCAL_START_MONTHS)[number]

/** A stored start month as one of the four, January for anything else (older rows, snapshots without one). */
export function fiscalStart(month: number | null | undefined): FiscalStartMonth {
  return (FISCAL_START_MONTHS as readonly number[]).includes(month ?? 1) ? ((month ?? 1) as FiscalStartMonth) : 1
}

export function fiscalQuarter(calendarQuarter: string, startMonth: FiscalStartMonth): { fiscalYear: number; quarter: number; label: string } {
  const [y, q] = calendarQuarter.split('-Q').map(Number)
  const startQuarter = (startMonth - 1) / 3 + 1
  // Quarters since the fiscal year's first quarter; a year that starts after January ends in the next calendar year.
  const offset = (q - startQuarter + 4) % 4
  const fiscalYear = startMonth === 1 ? y : q >= startQuarter ? y + 1 : y
  return { fiscalYear, quarter: offset + 1, label: `FY${fiscalYear} Q${offset + 1}` }
}

export function calendarQuarterOf(fiscalYear: number, quarter: number, startMonth: FiscalStartMonth): string {
  const startQuarter = (startMonth - 1) / 3 + 1
  const q0 = startQuarter - 1 + (quarter - 1)
  const year = (startMonth === 1 ? fiscalYear : fiscalYear - 1) + Math.floor(q0 / 4)
  return `${year}-Q${(q0 % 4) + 1}`
}

/** "1 Oct – 31 Dec 2026": a calendar quarter's first and last days. */
export function quarterDates(calendarQuarter: string, locale = 'en-GB'): string {
  const [y, q] = calendarQuarter.split('-Q').map(Number)
  const first = new Date(Date.UTC(y, (q - 1) * 3, 1))
  const last = new Date(Date.UTC(y, q * 3, 0))
  const dayMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })
  const dayMonthYear = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
  return `${dayMonth.format(first)} – ${dayMonthYear.format(last)}`
}

/**
 * How a quarter reads for a partnership: the calendar key when its fiscal year is the calendar year, else the fiscal
 * quarter with its calendar dates beside it, "FY2027 Q1 (1 Oct – 31 Dec 2026)". `short` leaves the dates out, for a
 * place that shows them once nearby (a table's heading).
 */
export function quarterLabel(calendarQuarter: string, startMonth: number | null | undefined, locale = 'en-GB', short = false): string {
  const start = fiscalStart(startMonth)
  if (start === 1 || !/^\d{4}-Q[1-4]$/.test(calendarQuarter)) return calendarQuarter
  const { label } = fiscalQuarter(calendarQuarter, start)
  return short ? label : `${label} (${quarterDates(calendarQuarter, locale)})`
}

