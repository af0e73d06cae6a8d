import { queryArrays } from '../db/client.server.ts'
import { PRIORITIES, type Priority } from '../sla/policy.ts'
import type { SlaTicket, TicketColumns } from '../sla/engine.ts'

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
  queue: Array<string | null>
  assignee: Array<string | null>
  escalated: Uint8Array
  /** NaN for none. */
  csat: Float64Array
  /** -1 for none (the PSA sent no verdict), 0 breached, 1 met. */
  vendorResponseMet: Int8Array
  vendorResolutionMet: Int8Array
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
  /**
   * In createdAt, externalId order (default). Unordered, the server sends rows as it finds them, so reading
   * overlaps the scan instead of waiting for a sort: for readers that only count.
   */
  ordered?: boolean
}

// date_part returns float8; extract returns numeric since PostgreSQL 14, and numeric arithmetic on every row was
// half of the scan's time on the server. A float8 of seconds times 1000 is within a hair of the stored whole
// millisecond, hence the rounding when reading.
const epoch = (column: string) => `(date_part('epoch', "${column}") * 1000)`
const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`

const PRIORITY_OF: Record<string, Priority> = Object.fromEntries(PRIORITIES.map((p) => [p, p]))

export async function scanTickets(partnershipId: string, window: ScanWindow): Promise<TicketScan> {
  const params: unknown[] = [partnershipId, new Date(window.createdBefore).toISOString()]
  let where = `"partnershipId" = $1 AND "createdAt" < ${ts(2)}`
  if (window.createdFrom !== undefined) {
    params.push(new Date(window.createdFrom).toISOString())
    where += ` AND "createdAt" >= ${ts(params.length)}`
  }
  if (window.openAt !== undefined) {
    params.push(new Date(window.openAt).toISOString())
    const n = params.length
    where += ` AND ("resolvedAt" IS NULL OR "resolvedAt" >= ${ts(n)} OR "firstResponseAt" IS NULL OR "firstResponseAt" >= ${ts(n)})`
  }
  // Only one ticket in several has pauses: the others send NULL rather than an empty JSON array to parse.
  const rows = await queryArrays(
    `SELECT "externalId", "title", "priority"::text, "status", "queue", "assignee",
            ${epoch('createdAt')}, ${epoch('firstResponseAt')}, ${epoch('resolvedAt')},
            CASE WHEN "pauses" = '[]'::jsonb THEN NULL ELSE "pauses"::text END,
            "escalated", "csat", "vendorResponseMet", "vendorResolutionMet"
       FROM "Ticket"
      WHERE ${where}
      ${window.ordered === false ? '' : 'ORDER BY "createdAt", "externalId", "source"'}`,
    params,
  )
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
    queue: new Array<string | null>(n),
    assignee: new Array<string | null>(n),
    escalated: new Uint8Array(n),
    csat: new Float64Array(n),
    vendorResponseMet: new Int8Array(n),
    vendorResolutionMet: new Int8Array(n),
  }
  for (let i = 0; i < n; i++) {
    const r = rows[i]
    scan.externalId[i] = r[0] as string
    scan.title[i] = r[1] as string
    scan.priority[i] = PRIORITY_OF[r[2] as string]
    scan.status[i] = r[3] as string
    scan.queue[i] = r[4] as string | null
    scan.assignee[i] = r[5] as string | null
    scan.createdAt[i] = Math.round(r[6] as number)
    scan.firstResponseAt[i] = r[7] === null ? Number.NaN : Math.round(r[7] as number)
    scan.resolvedAt[i] = r[8] === null ? Number.NaN : Math.round(r[8] as number)
    scan.pauses[i] = r[9] === null ? null : (JSON.parse(r[9] as string) as Array<[string, string | null]>).map(([s, e]) => [Date.parse(s), e === null ? null : Date.parse(e)] as const)
    scan.escalated[i] = r[10] ? 1 : 0
    scan.csat[i] = r[11] === null ? Number.NaN : (r[11] as number)
    scan.vendorResponseMet[i] = r[12] === null ? -1 : r[12] ? 1 : 0
    scan.vendorResolutionMet[i] = r[13] === null ? -1 : r[13] ? 1 : 0
  }
  return scan
}
