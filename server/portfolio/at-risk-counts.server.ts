import { queryArrays } from '../db/client.server.ts'
import { queryArraysConcurrentRead } from '../db/query-concurrent-read.server.ts'
import { atRiskClocks } from '../sla/at-risk.ts'
import { calendarFor } from '../sla/calendar.ts'
import { evaluateBatch } from '../sla/engine.ts'
import type { Priority, SlaPolicy } from '../sla/policy.ts'
import { readStoredPauses } from '../sla/stored-pauses.ts'
import { onEngineParts } from '../sla/stored/pending-groups.server.ts'

// Open at asOf (no first response or resolution by then), among the tickets not settled by asOf (ADR 022: a ticket
// open at asOf has no settle instant or a later one, unless its stored columns are stale, version null). Those stored
// with as-of thresholds under the policy's version are counted in SQL (ADR 022 addendum: a running clock is at risk
// as of T ⇔ atRiskFrom ≤ T < breachFrom), an index-only read of the open-ticket index where the visibility map allows
// (ADR 023 addendum, 2026-12-07); the rest is read by index probes (onEngineParts) and evaluated by the engine.
const OPEN_COLUMNS = `"partnershipId", "priority"::text, round(date_part('epoch', "createdAt") * 1000)::float8,
  round(date_part('epoch', "firstResponseAt") * 1000)::float8, round(date_part('epoch', "resolvedAt") * 1000)::float8,
  CASE WHEN "pauses" = '[]'::jsonb THEN NULL ELSE "pauses"::text END, "lifecycle"`
const OPEN_AT = `"createdAt" <= ($2::timestamptz AT TIME ZONE 'UTC') AND ("resolvedAt" IS NULL OR "resolvedAt" > ($2::timestamptz AT TIME ZONE 'UTC')
  OR "firstResponseAt" IS NULL OR "firstResponseAt" > ($2::timestamptz AT TIME ZONE 'UTC'))`
// Per version (partnerships share a few; $n the partnerships, $n+1 the version): the rows without thresholds under
// it, each part an index probe (onEngineParts).
// ($1, all partnerships, is unused but shares the parameter list with storedSql.)
const openSql = (versions: number) => `SELECT * FROM (${Array.from({ length: versions }, (_, i) => 4 + 2 * i)
  .flatMap((n) => onEngineParts(n + 1, false, '"Ticket"').map((part) => `
  SELECT ${OPEN_COLUMNS} FROM "Ticket" WHERE "partnershipId" = ANY($${n}::text[]) AND ${part} AND ${OPEN_AT}`))
  .join('\n  UNION ALL')}
) o WHERE cardinality($1::text[]) > 0`
const SETTLED_LATER = ['"slaSettledMs" IS NULL', '"slaSettledMs" > $3::float8']
const RUNNING = (done: string) => `("${done}" IS NULL OR "${done}" > ($2::timestamptz AT TIME ZONE 'UTC'))`
const AT_RISK = `((${RUNNING('firstResponseAt')} AND "responseAtRiskFromMs" <= $3::float8 AND "responseBreachFromMs" > $3::float8)
     OR (${RUNNING('resolvedAt')} AND "resolutionAtRiskFromMs" <= $3::float8 AND "resolutionBreachFromMs" > $3::float8))`
export const storedSql = (versions: number) => `
SELECT pid, count(*)::int FROM (${Array.from({ length: versions }, (_, i) => 4 + 2 * i)
  .flatMap((n) => SETTLED_LATER.map((settled) => `
  SELECT "partnershipId" AS pid FROM "Ticket" WHERE "partnershipId" = ANY($${n}::text[]) AND ${settled} AND "slaVersion" = $${n + 1}::int
     AND "responseBreachFromMs" IS NOT NULL AND ${AT_RISK}`))
  .join('\n  UNION ALL')}
) r WHERE cardinality($1::text[]) > 0 GROUP BY 1`

/**
 * The number of at-risk tickets per partnership as of `asOf` under each one's newest policy (and its version):
 * findAtRiskClocks's rule (server/sla/find-at-risk-clocks.server.ts), by the stored thresholds where they hold, by
 * the engine on the other open tickets of every partnership, read in one query.
 */
export async function atRiskCounts(policies: ReadonlyMap<string, { policy: SlaPolicy; version: number }>, asOf: Date): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  if (policies.size === 0) return out
  const byVersion = new Map<number, string[]>()
  for (const [id, { version }] of policies) (byVersion.get(version) ?? byVersion.set(version, []).get(version)!).push(id)
  const params = [[...policies.keys()], asOf.toISOString(), asOf.getTime(), ...[...byVersion].flatMap(([version, ids]) => [ids, version])]
  const [stored, open] = await Promise.all([queryArraysConcurrentRead(storedSql(byVersion.size), params), queryArraysConcurrentRead(openSql(byVersion.size), params)])
  const counted = new Map((stored as Array<[string, number]>).map(([pid, n]) => [pid, n]))
  const rows = open.map(([partnershipId, priority, createdAt, firstResponseAt, resolvedAt, pauses, lifecycle]) => ({
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
  for (const [partnershipId, { policy }] of policies) {
    const open = byPartnership.get(partnershipId) ?? []
    if (open.length === 0) {
      out.set(partnershipId, counted.get(partnershipId) ?? 0)
      continue
    }
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
    out.set(partnershipId, tickets.size + (counted.get(partnershipId) ?? 0))
  }
  return out
}
