import type { FieldDef } from '~/utils/versioned-form'

// The co-edited fields of a QBR and its parts: the route's action reads submitted forms with them, the
// sections render their edit forms with them, so both agree on each field's name.
export const QBR_FIELDS: FieldDef[] = [
  { name: 'title', label: 'Title', type: 'text' },
  { name: 'startLocal', label: 'Starts (local time)', type: 'datetime', nullable: true },
  { name: 'endLocal', label: 'Ends (local time)', type: 'datetime', nullable: true },
  { name: 'timezone', label: 'Time zone', type: 'text', help: 'IANA name, e.g. Europe/Berlin' },
  { name: 'location', label: 'Location', type: 'text' },
  { name: 'videoUrl', label: 'Video link', type: 'text', nullable: true, help: 'https://…' },
]
export const AGENDA_FIELDS: FieldDef[] = [
  { name: 'title', label: 'Title', type: 'text' },
  { name: 'timeboxMinutes', label: 'Time box (minutes)', type: 'number' },
  { name: 'presenter', label: 'Presenter', type: 'text', nullable: true },
  { name: 'minutes', label: 'Minutes', type: 'textarea' },
]
export const ACTION_FIELDS: FieldDef[] = [
  { name: 'title', label: 'Title', type: 'text' },
  { name: 'owner', label: 'Owner', type: 'text' },
  { name: 'party', label: 'Party', type: 'select', options: ['MSP', 'CLIENT'] },
  { name: 'dueDate', label: 'Due', type: 'date', nullable: true },
  { name: 'status', label: 'Status', type: 'select', options: ['OPEN', 'IN_PROGRESS', 'DONE', 'DROPPED'] },
  { name: 'notes', label: 'Notes', type: 'textarea' },
]
export const DECISION_FIELDS: FieldDef[] = [
  { name: 'text', label: 'Decision', type: 'textarea' },
  { name: 'decidedBy', label: 'Decided by', type: 'text', nullable: true },
]
export const QBR_DEFS = { qbr: QBR_FIELDS, agenda: AGENDA_FIELDS, action: ACTION_FIELDS, decision: DECISION_FIELDS } as const
export type QbrEntity = keyof typeof QBR_DEFS
