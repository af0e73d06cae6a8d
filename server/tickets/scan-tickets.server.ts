import { queryArrays } from '../db/client.server.ts'
import { readNumbers } from './packed-numbers.ts'
import { PRIORITIES, type Priority } from '../sla/policy.ts'
import type { SlaTicket, TicketColumns } from '../sla/engine.ts'
import type { Lifecycle } from './status-history.ts'

/**
 * A partnership's tickets as columns, for the reports that read tens of thousands of them (sla.report, the
 * ticket statistics, the QBR pack): instants are epoch ms (NaN for none), so the SLA engine reads them without a
 * Date or an object per ticket.
 */
export interface TicketScan extends TicketColumns {
  priority: Priority[]
  pauses: Array<SlaTicket['pauses'] | null>
  externalId: string[]
  title: string[]
  status: string[]
  /** open | waiting | resolved | closed, from the source's status map. */
  lifecycle: Lifecycle[]
  queue: Array<string | null>
  assignee: Array<string | null>
  escalated: Uint8Array
  /** NaN for none. */
  csat: Float64Array
  /** -1 for none (the PSA sent no verdict), 0 breached, 1 met. */
  vendorResponseMet: Int8Array
  vendorResolutionMet: Int8Array
  /** Each row's source, with `sources: true` (the report's lists order by it after the external id). */
  source?: string[]
}

export interface ScanWindow {
  /** Tickets created before this instant... */
  createdBefore: number
  /** ...and at or after this one (default: any time)... */
  createdFrom?: number
  /**
   * ...and not finished before this one: a ticket whose first response and resolution both came before it has both
   * verdicts decided before it, so a report of a period starting then needs nothing from it.
   */
  openAt?: number
  /** With openAt: also the tickets created at or after this instant, finished before openAt or not. */
  orCreatedFrom?: number
  /**
   * In createdAt, externalId order (default). Unordered, the server sends rows as it finds them, so reading
   * overlaps the scan instead of waiting for a sort: for readers that only count.
   */
  ordered?: boolean
  /**
   * Only the rows whose stored verdicts (ADR 022) under this policy version hold at this as-of (`settled: true`),
   * or only the others (`settled: false`): the stored report reads the first kind from columns and runs the engine
   * on the second.
   */
  stored?: { version: number; asOf: number; settled: boolean }
  /** Also read each row's source. */
  sources?: boolean
}

// The driver's cost is per field (a string decoded for each, numbers too), so the eight small numeric fields
// travel as one text field, "priority,createdAt,firstResponseAt,resolvedAt,escalated,csat,vendorResponse,
// vendorResolution" in whole numbers, an empty field for none ("2,1775061006124,1775062971208,,0,,,"), read back
// by readNumbers. Instants: date_part returns float8 (extract returns numeric since PostgreSQL 14, and
// numeric arithmetic on every row was half the scan's time on the server); seconds times 1000, rounded, are the
// stored whole milliseconds.
const epochMs = (column: string) => `coalesce(round(date_part('epoch', "${column}") * 1000)::int8::text, '')`
const flag = (column: string) => `coalesce("${column}"::int::text, '')`
const PACKED_NUMBERS = `right("priority"::text, 1) || ',' || ${epochMs('createdAt')} || ',' || ${epochMs('firstResponseAt')} || ',' || ${epochMs('resolvedAt')}
         || ',' || ${flag('escalated')} || ',' || coalesce("csat"::text, '') || ',' || ${flag('vendorResponseMet')} || ',' || ${flag('vendorResolutionMet')}`
const FIELDS = 8

const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`
const tri = (x: number) => (Number.isNaN(x) ? -1 : x)

/** The scan's WHERE clause and its parameters ($1 the partnership). */
export function scanWhere(partnershipId: string, window: ScanWindow): { where: string; params: unknown[] } {
  const params: unknown[] = [partnershipId, new Date(window.createdBefore).toISOString()]
  let where = `"partnershipId" = $1 AND "createdAt" < ${ts(2)}`
  if (window.createdFrom !== undefined) {
    params.push(new Date(window.createdFrom).toISOString())
    where += ` AND "createdAt" >= ${ts(params.length)}`
  }
  if (window.openAt !== undefined) {
    params.push(new Date(window.openAt).toISOString())
    const n = params.length
    let created = ''
    if (window.orCreatedFrom !== undefined) {
      params.push(new Date(window.orCreatedFrom).toISOString())
      created = ` OR "createdAt" >= ${ts(params.length)}`
    }
    where += ` AND ("resolvedAt" IS NULL OR "resolvedAt" >= ${ts(n)} OR "firstResponseAt" IS NULL OR "firstResponseAt" >= ${ts(n)}${created})`
  }
  if (window.stored) {
    params.push(window.stored.version, window.stored.asOf)
    const v = `$${params.length - 1}::int`
    const at = `$${params.length}::float8`
    // The negation spelled as ranges and IS NULL, so that the few unsettled rows come from the two indexes
    // (partnershipId, slaSettledMs) and (partnershipId, slaVersion) rather than from reading every row.
    where += window.stored.settled
      ? ` AND "slaVersion" = ${v} AND "slaSettledMs" <= ${at}`
      : ` AND ("slaSettledMs" IS NULL OR "slaSettledMs" > ${at} OR "slaVersion" IS NULL OR "slaVersion" < ${v} OR "slaVersion" > ${v})`
  }
  return { where, params }
}

/** The scan's one query: also the baseline of the sla.report benchmark (the same rows, read the same way). */
export function scanTicketsQuery(partnershipId: string, window: ScanWindow): { sql: string; params: unknown[] } {
  const { where, params } = scanWhere(partnershipId, window)
  // Only one ticket in several has pauses: the others send NULL rather than an empty JSON array to parse.
  return {
    sql: `SELECT ${PACKED_NUMBERS}, "externalId", "title", "status", "queue", "assignee",
            CASE WHEN "pauses" = '[]'::jsonb THEN NULL ELSE "pauses"::text END, "lifecycle"${window.sources ? ', "source"' : ''}
       FROM "Ticket"
      WHERE ${where}
      ${window.ordered === false ? '' : 'ORDER BY "createdAt", "externalId", "source"'}`,
    params,
  }
}

export async function scanTickets(partnershipId: string, window: ScanWindow): Promise<TicketScan> {
  const { sql, params } = scanTicketsQuery(partnershipId, window)
  const rows = await queryArrays(sql, params)
  const n = rows.length
  const scan: TicketScan = {
    length: n,
    priority: new Array<Priority>(n),
    createdAt: new Float64Array(n),
    firstResponseAt: new Float64Array(n),
    resolvedAt: new Float64Array(n),
    pauses: new Array(n),
    externalId: new Array<string>(n),
    title: new Array<string>(n),
    status: new Array<string>(n),
    lifecycle: new Array<Lifecycle>(n),
    queue: new Array<string | null>(n),
    assignee: new Array<string | null>(n),
    escalated: new Uint8Array(n),
    csat: new Float64Array(n),
    vendorResponseMet: new Int8Array(n),
    vendorResolutionMet: new Int8Array(n),
  }
  if (window.sources) scan.source = rows.map((r) => r[8] as string)
  const numbers = new Float64Array(FIELDS)
  for (let i = 0; i < n; i++) {
    const r = rows[i]
    readNumbers(r[0] as string, numbers)
    scan.priority[i] = PRIORITIES[numbers[0] - 1]
    scan.createdAt[i] = numbers[1]
    scan.firstResponseAt[i] = numbers[2]
    scan.resolvedAt[i] = numbers[3]
    scan.escalated[i] = numbers[4]
    scan.csat[i] = numbers[5]
    scan.vendorResponseMet[i] = tri(numbers[6])
    scan.vendorResolutionMet[i] = tri(numbers[7])
    scan.externalId[i] = r[1] as string
    scan.title[i] = r[2] as string
    scan.status[i] = r[3] as string
    scan.queue[i] = r[4] as string | null
    scan.assignee[i] = r[5] as string | null
    scan.lifecycle[i] = r[7] as Lifecycle
    scan.pauses[i] = r[6] === null ? null : (JSON.parse(r[6] as string) as Array<[string, string | null]>).map(([s, e]) => [Date.parse(s), e === null ? null : Date.parse(e)] as const)
  }
  return scan
}
