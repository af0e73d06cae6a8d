import { hash } from 'node:crypto'
import { DateTime } from 'luxon'
import { type Lifecycle, type StatusChange, type StatusRules, type StatusSource, changesOf, lifecycleOf, pausesFromHistory, readStatusSource, reopensFromHistory, statusRules } from './status-history.ts'
import type { TicketInput, TicketOrigin } from './tickets.schemas.ts'
import { instantInRange, yearInRange } from '../validation/bounds.ts'

/** A stored pause: [start, end (null = still paused), reason]; rows from before reasons existed have no third element. */
export type StoredPause = [string, string | null] | [string, string | null, string]

export type Priority = 'P1' | 'P2' | 'P3' | 'P4'

export interface NormalisedTicket {
  externalId: string
  title: string
  priority: Priority
  sourcePriority: string
  status: string
  lifecycle: Lifecycle
  queue: string | null
  assignee: string | null
  createdAt: Date
  firstResponseAt: Date | null
  resolvedAt: Date | null
  pauses: StoredPause[]
  escalated: boolean
  csat: number | null
  vendorResponseMet: boolean | null
  vendorResolutionMet: boolean | null
  /** Service KPI fields (ADR 024); hashed only when set, so rows stored before them keep their hash. */
  reopens?: number
  firstContact?: boolean
  origin?: TicketOrigin
  /** PSA tickets: what the PSA said of its statuses (hashed with the rest, so a changed history is stored). */
  statusSource?: StatusSource
  contentHash: string
}

export class TicketFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

const DEFAULT_PRIORITY_NAMES: Array<[RegExp, Priority]> = [
  [/^(p\s*1|1|priority\s*1\b.*|critical|urgent|emergency|sev(erity)?\s*1)$/, 'P1'],
  [/^(p\s*2|2|priority\s*2\b.*|high|sev(erity)?\s*2)$/, 'P2'],
  [/^(p\s*3|3|priority\s*3\b.*|medium|normal|moderate|sev(erity)?\s*3)$/, 'P3'],
  [/^(p\s*4|4|priority\s*4\b.*|low|planning|sev(erity)?\s*4)$/, 'P4'],
]

/** The partnership's own mapping first (lower-cased source names), then the usual names (P1, 1, Critical, High…). */
export function mapPriority(name: string, mapping: ReadonlyMap<string, Priority>): Priority | null {
  const key = name.trim().toLowerCase()
  const mapped = mapping.get(key)
  if (mapped) return mapped
  for (const [pattern, priority] of DEFAULT_PRIORITY_NAMES) if (pattern.test(key)) return priority
  return null
}

const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i

/**
 * ISO 8601 with an offset or Z; without one, read as wall-clock time in the policy timezone (`naive` is then set
 * so the import summary can say so).
 */
// The common case, an ISO instant with Z or an offset, is parsed natively (Date.parse follows ISO 8601 there);
// the timezone library is needed only for wall-clock times without an offset.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i

// Timestamps are strict calendar dates from 2000 to 2100 (issue 13, D15): Date.parse rolls 2026-02-30 over to
// March 2nd, and the years 0001, 9999 or +275760 are no ticket's, and some the database cannot store. The bound is
// every input's (server/validation/bounds.ts).
const DATE_PART = /^([+-]?\d{4,6})-(\d{2})-(\d{2})/

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const digit = (text: string, i: number) => {
  const c = text.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}
/** The number in two ASCII digits at i, or -1. */
const twoDigits = (text: string, i: number) => {
  const a = digit(text, i)
  const b = digit(text, i + 1)
  return a < 0 || b < 0 ? -1 : a * 10 + b
}

export function checkCalendar(text: string, field: string, value: string) {
  let year: number
  let month: number
  let day: number
  // The usual shape, YYYY-MM-DD…, read digit by digit: what DATE_PART captures from it (a four-digit year stops at
  // its dash), without the match array and its strings for each of a row's timestamps.
  const high = twoDigits(text, 0)
  const low = twoDigits(text, 2)
  if (high >= 0 && low >= 0 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && twoDigits(text, 5) >= 0 && twoDigits(text, 8) >= 0) {
    year = high * 100 + low
    month = twoDigits(text, 5)
    day = twoDigits(text, 8)
  } else {
    const date = DATE_PART.exec(text)
    if (!date) return
    ;[year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])]
  }
  if (!yearInRange(year)) throw new TicketFieldError(field, `the year must be from 2000 to 2100: "${value.slice(0, 40)}"`)
  // The Gregorian calendar's month lengths (Date.UTC's, for these years).
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const daysInMonth = month >= 1 && month <= 12 ? (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]) : 0
  if (day < 1 || day > daysInMonth) throw new TicketFieldError(field, `not a calendar date: "${value.slice(0, 40)}"`)
}

export function readTimestamp(value: string, field: string, zone: string, onNaive?: () => void): Date {
  const date = readTimestampUnbounded(value, field, zone, onNaive)
  const ms = date.getTime()
  if (!instantInRange(ms)) throw new TicketFieldError(field, `must be from 2000 to 2100: "${value.slice(0, 40)}"`)
  return date
}

function readTimestampUnbounded(value: string, field: string, zone: string, onNaive?: () => void): Date {
  const text = value.trim()
  checkCalendar(text, field, value)
  if (ISO_INSTANT.test(text)) {
    const ms = Date.parse(text)
    if (!Number.isNaN(ms)) return new Date(ms)
  }
  const offset = HAS_OFFSET.test(text) && /T|\s\d/.test(text)
  const parsed = offset ? DateTime.fromISO(text.replace(' ', 'T'), { setZone: true }) : DateTime.fromISO(text.replace(' ', 'T'), { zone })
  if (!parsed.isValid) throw new TicketFieldError(field, `not an ISO 8601 timestamp: "${value.slice(0, 40)}"`)
  if (!offset) onNaive?.()
  return parsed.toJSDate()
}

/**
 * Sorts and merges overlapping pause intervals; an open pause (end null) swallows everything after it. A merged
 * pause names the reasons of the pauses it joined.
 */
export function mergePauses(pauses: Array<[Date, Date | null, string?]>): Array<[Date, Date | null, string?]> {
  const sorted = [...pauses].sort((a, b) => a[0].getTime() - b[0].getTime())
  const merged: Array<[Date, Date | null, string?]> = []
  for (const [start, end, reason] of sorted) {
    const last = merged[merged.length - 1]
    if (last && (last[1] === null || start.getTime() <= last[1].getTime())) {
      if (last[1] !== null && (end === null || end.getTime() > last[1].getTime())) last[1] = end
      if (reason && !(last[2] ?? '').split(', ').includes(reason)) last[2] = last[2] ? `${last[2]}, ${reason}` : reason
      continue
    }
    merged.push(reason ? [start, end, reason] : [start, end])
  }
  return merged
}

export interface NormaliseOptions {
  mapping: ReadonlyMap<string, Priority>
  zone: string
  onNaive?: () => void
  /**
   * Which statuses mean waiting, resolved and closed (the PSA's status map, or the SLA policy's pauseStatuses for
   * CSV and API tickets): the lifecycle, and the pauses read from a status history.
   */
  statuses?: StatusRules
  /** The source's own closed flag (PSA tickets). */
  closed?: boolean
  /** PSA tickets: kept with the ticket (see StatusSource). */
  statusSource?: StatusSource
  /** The changes `statusSource` holds, as read (spares converting them back for the reopen count). */
  statusChanges?: readonly StatusChange[]
}

const NO_STATUSES = statusRules({})

export function normaliseTicket(input: TicketInput, options: NormaliseOptions): NormalisedTicket {
  const priority = mapPriority(input.priority, options.mapping)
  if (!priority) throw new TicketFieldError('priority', `unknown priority "${input.priority}": add it to the partnership's priority mapping`)
  const read = (v: string, field: string) => readTimestamp(v, field, options.zone, options.onNaive)
  const createdAt = read(input.createdAt, 'createdAt')
  const firstResponseAt = input.firstResponseAt ? read(input.firstResponseAt, 'firstResponseAt') : null
  const resolvedAt = input.resolvedAt ? read(input.resolvedAt, 'resolvedAt') : null
  if (firstResponseAt && firstResponseAt < createdAt) throw new TicketFieldError('firstResponseAt', 'is before createdAt')
  if (resolvedAt && resolvedAt < createdAt) throw new TicketFieldError('resolvedAt', 'is before createdAt')
  const statuses = options.statuses ?? NO_STATUSES
  if (input.statusHistory.length && input.pauses.length) throw new TicketFieldError('statusHistory', 'send either pauses or a status history, not both')
  // A status history becomes pauses under the same rules as a PSA's: entering a waiting status starts one.
  const history = input.statusHistory.map((h, i) => ({ at: read(h.at, `statusHistory.${i}.at`).toISOString(), from: null, to: h.status }))
  const explicit = history.length
    ? pausesFromHistory(history, { createdAt: createdAt.toISOString(), initialStatus: null, waiting: statuses.waiting })
    : input.pauses
  const pauses = mergePauses(
    explicit.map(([s, e, reason], i) => {
      const start = read(s, `pauses.${i}.start`)
      const end = e ? read(e, `pauses.${i}.end`) : null
      if (end && end < start) throw new TicketFieldError(`pauses.${i}`, 'ends before it starts')
      if (start < createdAt) throw new TicketFieldError(`pauses.${i}`, 'starts before createdAt')
      return [start, end, reason || undefined] as [Date, Date | null, string?]
    }),
  ).map(([s, e, reason]) => (reason ? [s.toISOString(), e?.toISOString() ?? null, reason] : [s.toISOString(), e?.toISOString() ?? null]) as StoredPause)
  const lifecycle = input.lifecycle ?? lifecycleOf(input.status, options.closed ?? false, resolvedAt !== null, statuses)
  const reopens = input.reopens ?? reopensFromHistory(options.statusSource ? (options.statusChanges ?? changesOf(options.statusSource)) : history, statuses)

  const ticket: Omit<NormalisedTicket, 'contentHash'> = {
    externalId: input.externalId,
    title: input.title,
    priority,
    sourcePriority: input.priority,
    status: input.status,
    lifecycle,
    queue: input.queue,
    assignee: input.assignee,
    createdAt,
    firstResponseAt,
    resolvedAt,
    pauses,
    escalated: input.escalated,
    csat: input.csat,
    vendorResponseMet: input.vendorResponseMet,
    vendorResolutionMet: input.vendorResolutionMet,
  }
  // The optional keys in kpiFields's order, then the status source, then the hash: set on the one object rather than
  // spread from others (three copies of the ticket a row, on a 100,000-row import).
  if (reopens) ticket.reopens = reopens
  if (input.firstContact !== null && input.firstContact !== undefined) ticket.firstContact = input.firstContact
  if (input.origin) ticket.origin = input.origin
  if (options.statusSource) ticket.statusSource = options.statusSource
  const normalised = ticket as NormalisedTicket
  normalised.contentHash = contentHash(ticket)
  return normalised
}

/** The KPI fields that are set, in one key order (a default is left out so older rows keep their hash). */
export function kpiFields(v: { reopens?: number | null; firstContact?: boolean | null; origin?: string | null }): Pick<NormalisedTicket, 'reopens' | 'firstContact' | 'origin'> {
  return {
    ...(v.reopens ? { reopens: v.reopens } : {}),
    ...(v.firstContact !== null && v.firstContact !== undefined ? { firstContact: v.firstContact } : {}),
    ...(v.origin ? { origin: v.origin as TicketOrigin } : {}),
  }
}

/** A stored ticket row back in the normalised shape (same key order), so its hash can be recomputed. */
export function storedTicketContent(
  row: Omit<NormalisedTicket, 'contentHash' | 'pauses' | 'priority' | 'lifecycle' | 'statusSource' | 'reopens' | 'firstContact' | 'origin'> & {
    priority: string
    pauses: unknown
    lifecycle: string
    statusSource?: unknown
    reopens?: number
    firstContact?: boolean | null
    origin?: string | null
  },
): Omit<NormalisedTicket, 'contentHash'> {
  return {
    externalId: row.externalId,
    title: row.title,
    priority: row.priority as Priority,
    sourcePriority: row.sourcePriority,
    status: row.status,
    lifecycle: row.lifecycle as Lifecycle,
    queue: row.queue,
    assignee: row.assignee,
    createdAt: row.createdAt,
    firstResponseAt: row.firstResponseAt,
    resolvedAt: row.resolvedAt,
    pauses: row.pauses as StoredPause[],
    escalated: row.escalated,
    csat: row.csat,
    vendorResponseMet: row.vendorResponseMet,
    vendorResolutionMet: row.vendorResolutionMet,
    ...kpiFields(row),
    // Read back in the key order it was hashed in (jsonb keeps its own order).
    ...(readStatusSource(row.statusSource) ? { statusSource: readStatusSource(row.statusSource)! } : {}),
  }
}

/**
 * A kept status source's JSON, written once: the content hash and the stored column use the same text (a PSA sync
 * wrote each ticket's history out twice, once to hash it and once to store it).
 */
const sourceJson = new WeakMap<StatusSource, string>()
export function statusSourceJson(source: StatusSource): string {
  let json = sourceJson.get(source)
  if (json === undefined) sourceJson.set(source, (json = JSON.stringify(source)))
  return json
}

// Only a string with one of these needs JSON.stringify's escapes (a quote, a backslash, a control character, a
// surrogate, which it escapes when unpaired); any other is its own JSON between quotes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

const jsonString = (text: string) => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`)

/**
 * The ticket's JSON as JSON.stringify writes it, with the three instants as their ISO text in their own key positions:
 * written key by key, without the spread copy and the generic walk per ticket (the hash and its JSON were a sixth of a
 * CSV import's CPU). normalize-ticket.test.ts holds it equal to JSON.stringify on generated tickets.
 */
export function ticketJson(ticket: Omit<NormalisedTicket, 'contentHash'>): string {
  let out = ''
  // for…in and JSON.stringify visit the same keys in the same order on a plain object (its own, in insertion order).
  for (const key in ticket) {
    let value: unknown = ticket[key as keyof typeof ticket]
    if (key === 'createdAt') value = ticket.createdAt.toISOString()
    else if (key === 'firstResponseAt') value = ticket.firstResponseAt?.toISOString() ?? null
    else if (key === 'resolvedAt') value = ticket.resolvedAt?.toISOString() ?? null
    let json: string
    switch (typeof value) {
      case 'string':
        json = jsonString(value)
        break
      case 'boolean':
        json = value ? 'true' : 'false'
        break
      case 'number':
        json = Number.isFinite(value) ? String(value) : 'null'
        break
      case 'object':
        if (value === null) json = 'null'
        // The status source as its stored text (the same JSON: written once per source).
        else if (key === 'statusSource') json = statusSourceJson(value as StatusSource)
        else if (Array.isArray(value) && value.length === 0) json = '[]'
        else json = JSON.stringify(value)
        break
      default:
        // undefined, a function or a symbol: JSON.stringify leaves the key out (a bigint throws there as here).
        if (typeof value === 'bigint') JSON.stringify(value)
        continue
    }
    out += `${out === '' ? '{' : ','}${jsonString(key)}:${json}`
  }
  return out === '' ? '{}' : `${out}}`
}

export function contentHash(ticket: Omit<NormalisedTicket, 'contentHash'>): string {
  // One call (crypto.hash) rather than a Hash object per ticket: the same digest, a third less of the hash's CPU.
  return hash('sha1', ticketJson(ticket), 'base64url')
}
