import { queryArrays } from '../db/client.server.ts'
import { atRiskClocks } from '../sla/at-risk.ts'
import { calendarFor } from '../sla/calendar.ts'
import { evaluateBatch } from '../sla/engine.ts'
import type { Priority, SlaPolicy } from '../sla/policy.ts'
import { readStoredPauses } from '../sla/stored-pauses.ts'

// Open at asOf (no first response or resolution by then), among the tickets not settled by asOf (ADR 022: a ticket
// open at asOf has no settle instant or a later one, unless its stored columns are stale, version null): three parts,
// each from an index ((partnershipId, slaSettledMs), (partnershipId, slaVersion)), rather than every ticket.
const OPEN_COLUMNS = `"partnershipId", "priority"::text, round(date_part('epoch', "createdAt") * 1000)::float8,
  round(date_part('epoch', "firstResponseAt") * 1000)::float8, round(date_part('epoch', "resolvedAt") * 1000)::float8,
  CASE WHEN "pauses" = '[]'::jsonb THEN NULL ELSE "pauses"::text END, "lifecycle"`
const OPEN_AT = `"createdAt" <= ($2::timestamptz AT TIME ZONE 'UTC') AND ("resolvedAt" IS NULL OR "resolvedAt" > ($2::timestamptz AT TIME ZONE 'UTC')
  OR "firstResponseAt" IS NULL OR "firstResponseAt" > ($2::timestamptz AT TIME ZONE 'UTC'))`
const OPEN_SQL = `
SELECT ${OPEN_COLUMNS} FROM "Ticket" WHERE "partnershipId" = ANY($1::text[]) AND "slaSettledMs" IS NULL AND ${OPEN_AT}
UNION ALL
SELECT ${OPEN_COLUMNS} FROM "Ticket" WHERE "partnershipId" = ANY($1::text[]) AND "slaSettledMs" > $3::float8 AND ${OPEN_AT}
UNION ALL
SELECT ${OPEN_COLUMNS} FROM "Ticket" WHERE "partnershipId" = ANY($1::text[]) AND "slaVersion" IS NULL AND "slaSettledMs" <= $3::float8 AND ${OPEN_AT}`

/**
 * The number of at-risk tickets per partnership as of `asOf`: findAtRiskClocks's rule and engine
 * (server/sla/find-at-risk-clocks.server.ts), with the open tickets of every partnership read in one query.
 */
export async function atRiskCounts(policies: ReadonlyMap<string, SlaPolicy>, asOf: Date): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  if (policies.size === 0) return out
  const rows = (await queryArrays(OPEN_SQL, [[...policies.keys()], asOf.toISOString(), asOf.getTime()])).map(([partnershipId, priority, createdAt, firstResponseAt, resolvedAt, pauses, lifecycle]) => ({
    partnershipId: partnershipId as string,
    priority: priority as Priority,
    createdAt: createdAt as number,
    firstResponseAt: firstResponseAt as number | null,
    resolvedAt: resolvedAt as number | null,
    pauses: pauses === null ? [] : JSON.parse(pauses as string),
    lifecycle: lifecycle as string,
  }))
  const byPartnership = new Map<string, typeof rows>()
  for (const r of rows) {
    const list = byPartnership.get(r.partnershipId)
    if (list) list.push(r)
    else byPartnership.set(r.partnershipId, [r])
  }
  for (const [partnershipId, policy] of policies) {
    const open = byPartnership.get(partnershipId) ?? []
    const table = evaluateBatch(
      calendarFor(policy),
      policy,
      open.map((r) => ({
        priority: r.priority,
        createdAt: r.createdAt,
        firstResponseAt: r.firstResponseAt,
        resolvedAt: r.resolvedAt,
        pauses: readStoredPauses(r.pauses),
        completionUnknown: r.lifecycle === 'resolved' || r.lifecycle === 'closed',
      })),
      asOf.getTime(),
    )
    // A ticket counts once, however many of its clocks are at risk.
    const tickets = new Set(atRiskClocks(table, open.map((r) => r.priority), policy).map((c) => c.row))
    out.set(partnershipId, tickets.size)
  }
  return out
}
