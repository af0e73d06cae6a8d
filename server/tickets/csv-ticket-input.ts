import { type TicketInput, TICKET_ORIGINS, ZTicketInput } from './tickets.schemas.ts'

// A CSV row as a TicketInput: the fields as the push API takes them, then ZTicketInput. A well-formed row (nearly
// every row of a real file) is checked here field by field against the same bounds the schema sets, and given the
// same output, without the schema's per-row cost (it was a third of a 100,000-row import's CPU); any row this check
// does not accept goes through ZTicketInput, whose first issue names the field as before.
// csv-ticket-input.test.ts holds the two paths equal on generated rows.

/** The push API's shape of a CSV row (before the schema's trims and bounds). */
export interface CsvTicketFields {
  externalId: string
  title: string
  priority: string
  status: string
  queue: string | null
  assignee: string | null
  createdAt: string
  firstResponseAt: string | null
  resolvedAt: string | null
  pauses: Array<[string, string | null]>
  statusHistory: Array<{ at: string; status: string }>
  escalated: boolean
  csat: number | null
  vendorResponseMet: boolean | null
  vendorResolutionMet: boolean | null
  reopens: number | null
  firstContact: boolean | null
  origin: string | null
}

const within = (text: string, min: number, max: number) => text.length >= min && text.length <= max
const timestamp = (text: string) => within(text.trim(), 1, 40)

/** The schema's output for fields it would accept; null when any field is outside its bounds. */
export function fastTicketInput(f: CsvTicketFields): TicketInput | null {
  const externalId = f.externalId.trim()
  const title = f.title.trim()
  const priority = f.priority.trim()
  const status = f.status.trim()
  const queue = f.queue === null ? null : f.queue.trim()
  const assignee = f.assignee === null ? null : f.assignee.trim()
  if (!within(externalId, 1, 120) || title.length > 500 || !within(priority, 1, 80) || status.length > 80) return null
  if ((queue !== null && queue.length > 120) || (assignee !== null && assignee.length > 120)) return null
  if (!timestamp(f.createdAt) || (f.firstResponseAt !== null && !timestamp(f.firstResponseAt)) || (f.resolvedAt !== null && !timestamp(f.resolvedAt))) return null
  if (f.pauses.length > 200 || f.statusHistory.length > 500) return null
  for (const [start, end] of f.pauses) if (!timestamp(start) || (end !== null && !timestamp(end))) return null
  for (const h of f.statusHistory) if (!timestamp(h.at) || !within(h.status.trim(), 1, 80)) return null
  if (f.csat !== null && !(Number.isInteger(f.csat) && f.csat >= 1 && f.csat <= 5)) return null
  if (f.reopens !== null && !(Number.isInteger(f.reopens) && f.reopens >= 0 && f.reopens <= 1000)) return null
  if (f.origin !== null && !(TICKET_ORIGINS as readonly string[]).includes(f.origin)) return null
  return {
    externalId,
    title,
    priority,
    status,
    queue: queue ? queue : null,
    assignee: assignee ? assignee : null,
    createdAt: f.createdAt.trim(),
    firstResponseAt: f.firstResponseAt === null ? null : f.firstResponseAt.trim(),
    resolvedAt: f.resolvedAt === null ? null : f.resolvedAt.trim(),
    pauses: f.pauses.map(([start, end]) => [start.trim(), end === null ? null : end.trim(), undefined] as [string, string | null, string?]),
    statusHistory: f.statusHistory.map((h) => ({ at: h.at.trim(), status: h.status.trim() })),
    lifecycle: null,
    escalated: f.escalated,
    csat: f.csat,
    vendorResponseMet: f.vendorResponseMet,
    vendorResolutionMet: f.vendorResolutionMet,
    reopens: f.reopens,
    firstContact: f.firstContact,
    origin: f.origin as TicketInput['origin'],
  }
}

export type CsvTicketResult = { success: true; data: TicketInput } | { success: false; field: string; message: string }

/** The row checked as ZTicketInput checks it: the fast path, else the schema (for its first issue). */
export function csvTicketInput(f: CsvTicketFields): CsvTicketResult {
  const fast = fastTicketInput(f)
  if (fast) return { success: true, data: fast }
  const parsed = ZTicketInput.safeParse(f)
  if (parsed.success) return { success: true, data: parsed.data }
  const issue = parsed.error.issues[0]
  return { success: false, field: issue.path.join('.') || 'row', message: issue.message }
}
