import type { PartnershipScope } from '../access/policy.server.ts'
import { bumpPartnership } from '../cache/short-cache.ts'
import { type Tx, db } from '../db/client.server.ts'
import { STORED_COLUMNS } from '../sla/stored/stored-verdicts.ts'
import { currentVerdictPolicy, storedRowsOf } from '../sla/stored/verdict-policy.server.ts'
import { type NormalisedTicket, type Priority, statusSourceJson } from './normalize-ticket.ts'

export interface UpsertCounts {
  inserted: number
  updated: number
  unchanged: number
}

/** The ticket's own columns and their types (the stored verdicts follow them: STORED_COLUMNS). */
export const TICKET_COLUMNS = [
  ['externalId', 'text'],
  ['title', 'text'],
  ['priority', '"Priority"'],
  ['sourcePriority', 'text'],
  ['status', 'text'],
  ['lifecycle', 'text'],
  ['queue', 'text'],
  ['assignee', 'text'],
  ['createdAt', 'ts'],
  ['firstResponseAt', 'ts'],
  ['resolvedAt', 'ts'],
  ['pauses', 'jsonb'],
  ['escalated', 'boolean'],
  ['csat', 'int'],
  ['vendorResponseMet', 'boolean'],
  ['vendorResolutionMet', 'boolean'],
  ['statusSource', 'jsonb'],
  ['reopens', 'int'],
  ['firstContact', 'boolean'],
  ['origin', 'text'],
  ['contentHash', 'text'],
] as const satisfies ReadonlyArray<readonly [keyof NormalisedTicket, string]>

const ARRAY_TYPE: Record<string, string> = { text: 'text[]', '"Priority"': 'text[]', ts: 'text[]', jsonb: 'text[]', boolean: 'boolean[]', int: 'int[]', int2: 'int2[]', float8: 'float8[]' }
/** Every column written: the ticket's own, then its stored verdicts (ADR 022), evaluated here under the newest policy. */
const ALL_COLUMNS: ReadonlyArray<readonly [string, string]> = [...TICKET_COLUMNS, ...STORED_COLUMNS]

/** A column's value as written (timestamps as ISO strings, JSON as text). */
export function ticketColumnValue(ticket: NormalisedTicket, key: (typeof TICKET_COLUMNS)[number][0]): unknown {
  const value = ticket[key]
  if (value instanceof Date) return value.toISOString()
  if (key === 'pauses') return JSON.stringify(value)
  if (key === 'statusSource') return ticket.statusSource ? statusSourceJson(ticket.statusSource) : null
  if (key === 'reopens') return value ?? 0
  if (key === 'firstContact' || key === 'origin') return value ?? null
  return value
}

function cast(name: string, type: string): string {
  // Timestamps travel as ISO strings with Z and are stored as UTC (Prisma's DateTime), whatever the session zone.
  if (type === 'ts') return `(u."${name}"::timestamptz AT TIME ZONE 'UTC')`
  return type === 'text' ? `u."${name}"` : `u."${name}"::${type}`
}

/**
 * Inserts or updates a batch by (partnership, source, externalId) in one statement, the rows passed as one array
 * per column (unnest) rather than thousands of parameters. A row whose content hash is unchanged is not touched,
 * so re-importing the same data changes nothing (not even updatedAt).
 */
export async function upsertTicketBatch(tx: Tx, partnershipId: string, source: string, tickets: readonly NormalisedTicket[]): Promise<UpsertCounts> {
  if (tickets.length === 0) return { inserted: 0, updated: 0, unchanged: 0 }
  bumpPartnership(partnershipId)
  // The last occurrence of an externalId in a batch wins, as if the rows had been sent one by one.
  const rows = [...new Map(tickets.map((t) => [t.externalId, t])).values()]
  const stored = storedRowsOf(await currentVerdictPolicy(tx, partnershipId), rows)
  const arrays = [...TICKET_COLUMNS.map(([key]) => rows.map((t) => ticketColumnValue(t, key))), ...STORED_COLUMNS.map((_, c) => stored.map((r) => r[c]))]
  const names = ['id', 'partnershipId', 'source', ...ALL_COLUMNS.map(([k]) => k), 'updatedAt'].map((n) => `"${n}"`).join(', ')
  const updates = [...ALL_COLUMNS.map(([k]) => k), 'updatedAt'].map((k) => `"${k}" = EXCLUDED."${k}"`).join(', ')
  const sql = `INSERT INTO "Ticket" (${names})
    SELECT gen_random_uuid()::text, $1::text, $2::text, ${ALL_COLUMNS.map(([k, type]) => cast(k, type)).join(', ')}, now() AT TIME ZONE 'UTC'
      FROM unnest(${ALL_COLUMNS.map(([, type], i) => `$${i + 3}::${ARRAY_TYPE[type]}`).join(', ')}) AS u(${ALL_COLUMNS.map(([k]) => `"${k}"`).join(', ')})
    ON CONFLICT ("partnershipId", "source", "externalId") DO UPDATE SET ${updates}
    WHERE "Ticket"."contentHash" IS DISTINCT FROM EXCLUDED."contentHash"
    RETURNING (xmax = 0) AS inserted`
  const result = await tx.$queryRawUnsafe<Array<{ inserted: boolean }>>(sql, partnershipId, source, ...arrays)
  const inserted = result.filter((r) => r.inserted).length
  const updated = result.length - inserted
  return { inserted, updated, unchanged: rows.length - inserted - updated }
}

export async function loadPriorityMapping(partnershipId: string, source: string): Promise<Map<string, Priority>> {
  const rows = await (await db()).priorityMapping.findMany({ where: { partnershipId, source }, select: { sourceName: true, priority: true } })
  return new Map(rows.map((r) => [r.sourceName.toLowerCase(), r.priority]))
}

export type { PartnershipScope }
