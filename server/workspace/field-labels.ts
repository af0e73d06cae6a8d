// The names people read for the fields of co-edited entities. The field history records columns (`oneTimeCents`,
// `mspApprovedAt`); forms and the API use other names for a few (`oneTime`, `mspApproval`). Conflicts, approval
// notes and the history on the pages speak of the field the form shows, in words, never of a column. Pure: the
// pages import it too.

import { PACK_SECTIONS } from '../../app/charts/pack-format.ts'
import { DEFAULT_LOCALE, formatDate, formatDateTime, num } from '../../app/utils/format.ts'

/** Columns recorded in the history under a name the form does not use, per entity type: column → form field. */
const FORM_FIELD: Record<string, Record<string, string>> = {
  RoadmapItem: {
    oneTimeCents: 'oneTime',
    recurringCents: 'recurring',
    mspApprovedAt: 'mspApproval',
    mspApprovedBy: 'mspApproval',
    clientApprovedAt: 'clientApproval',
    clientApprovedBy: 'clientApproval',
  },
}

const COMMON: Record<string, string> = {
  title: 'Title',
  status: 'Status',
  priority: 'Priority',
  category: 'Category',
  mspOwner: 'MSP owner',
  clientOwner: 'Client owner',
  owner: 'Owner',
  notes: 'Notes',
  deletedAt: 'Deleted',
  linkType: 'Link',
  linkRef: 'Link',
  agendaItemId: 'Agenda item',
}

const LABELS: Record<string, Record<string, string>> = {
  RoadmapItem: {
    description: 'Description',
    businessOutcome: 'Business outcome',
    targetQuarter: 'Target quarter',
    oneTime: 'One-time cost',
    recurring: 'Recurring cost',
    recurringPeriod: 'Recurring per',
    currency: 'Currency',
    responsibilityIds: 'Linked responsibilities',
    csiEntryIds: 'Linked CSI entries',
    mspApproval: 'MSP approval',
    clientApproval: 'Client approval',
    approvalResetReason: 'Approval note',
    proposedBy: 'Proposed by',
  },
  ResponsibilityFunction: {
    name: 'Function',
    classification: 'Classification',
    mspRaci: 'MSP RACI',
    clientRaci: 'Client RACI',
    slaPriorities: 'SLA priorities that measure it',
    queues: 'Ticket queues that measure it',
    sortOrder: 'Position',
  },
  CsiEntry: {
    opportunity: 'Opportunity',
    stage: 'Improvement stage',
    size: 'Size',
    kpiMetric: 'KPI (live metric)',
    kpiBaseline: 'KPI baseline',
    kpiTarget: 'KPI target',
    kpiTargetDate: 'KPI target date',
    startDate: 'Start',
    dueDate: 'Due',
    justification: 'Justification',
    milestones: 'Milestones',
  },
  Qbr: {
    startLocal: 'Starts (local time)',
    endLocal: 'Ends (local time)',
    startsAt: 'Start',
    endsAt: 'End',
    timezone: 'Time zone',
    location: 'Location',
    videoUrl: 'Video link',
    agendaOrder: 'Agenda order',
    icsSequence: 'Calendar revision',
  },
  QbrAgendaItem: { timeboxMinutes: 'Time box (minutes)', presenter: 'Presenter', minutes: 'Minutes' },
  QbrDecision: { text: 'Decision', decidedBy: 'Decided by' },
  QbrActionItem: { party: 'Party', dueDate: 'Due', ownerUserId: 'Owner', notes: 'Notes' },
  // The pack's narrative (ADR 029): the summary and one note per section, recorded as `note.<section id>`.
  PackNarrative: {
    summary: 'Executive summary',
    ...Object.fromEntries(PACK_SECTIONS.filter((s) => s.id !== 'summary').map((s) => [`note.${s.id}`, `Note on “${s.title}”`])),
  },
}

/** The form's name of a field recorded in the history (the column's own name when the form uses it). */
export function formField(entityType: string, field: string): string {
  return FORM_FIELD[entityType]?.[field] ?? field
}

/** The field in words, from either its form name or its column. */
export function fieldLabel(entityType: string, field: string): string {
  const name = formField(entityType, field)
  return LABELS[entityType]?.[name] ?? COMMON[name] ?? humanize(name)
}

/** `IN_PROGRESS` → "In progress", `businessOutcome` → "Business outcome". */
export function humanize(code: string): string {
  const words = code.includes('_') || code === code.toUpperCase() ? code.toLowerCase().replace(/_/g, ' ') : code.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A value from the field history or a 409 payload in words: amounts from cents, days from instants, codes humanized. */
export function describeFieldValue(entityType: string, field: string, value: unknown, locale = DEFAULT_LOCALE): string {
  if (value === null || value === undefined || value === '') return '—'
  const figure = (x: number) => num(x, Number.isInteger(x) ? 0 : 2, locale)
  if (field.endsWith('Cents')) return figure(Number(value) / 100)
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '—'
  if (typeof value === 'number') return figure(value)
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/.test(value)) return formatDate(value, locale)
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value, locale, 'UTC', true)
    if (/^[A-Z][A-Z0-9_]*$/.test(value) && value.length > 3 && !['currency', 'mspRaci', 'clientRaci'].includes(field)) return humanize(value)
    return value
  }
  return JSON.stringify(value)
}
