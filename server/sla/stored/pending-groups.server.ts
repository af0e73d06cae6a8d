import { queryArraysConcurrentRead } from '../../db/query-concurrent-read.server.ts'

// The tickets not settled at the as-of (open then, or settled later) whose as-of thresholds are stored under the
// version the figures use (ADR 022 addendum): each clock's verdict as of asOf resolved in SQL by comparison, then
// counted by groups like the settled ones (settled-groups.server.ts). Per clock, with end = min(completion, asOf)
// (asOf while not completed by then): breached when end ≥ breachFrom, decided at the stored breach instant; else
// met when completed by asOf, decided at the completion; else pending. The rest (stale, or written before the
// thresholds existed) is for the engine: onEngineParts below picks it. (LEAST ignores a null completion.)
//
// (OFFSET 0 keeps each subquery a step of its own: flattened, the planner copied each verdict's CASE into every
// expression that reads it, computing it three times a row; 70 -> 65 ms over 97k rows.)
//
// A group: [partnershipId, response verdict, its decided stretch, resolution verdict, its decided stretch, the
// creation's stretch, the stretch of the later completion (beyond the last edge when either is missing), count].
// Stretches are width_bucket numbers over the sorted edges, as in settled-groups.server.ts.

export type PendingGroup = [string, number, number | null, number, number | null, number, number, number]

const MS = (column: string) => `round(date_part('epoch', t."${column}") * 1000)::float8`

// One part per version (partnerships share a few) and per index range of (partnershipId, slaSettledMs): the open
// tickets, then those settled after asOf. $n the partnerships, $n+1 their version.
const PART = (n: number, settled: string) => `
        SELECT t."partnershipId" AS pid, ${MS('firstResponseAt')} AS fr, ${MS('resolvedAt')} AS rs, ${MS('createdAt')} AS created,
               t."responseBreachFromMs" AS rbf, t."responseBreachMs" AS rbd, t."resolutionBreachFromMs" AS sbf, t."resolutionBreachMs" AS sbd
          FROM "Ticket" t
         WHERE t."partnershipId" = ANY($${n}::text[]) AND ${settled} AND t."slaVersion" = $${n + 1}::int AND t."responseBreachFromMs" IS NOT NULL
           AND t."createdAt" < ($1::timestamptz AT TIME ZONE 'UTC')
           AND (t."resolvedAt" IS NULL OR t."resolvedAt" >= ($2::timestamptz AT TIME ZONE 'UTC') OR t."firstResponseAt" IS NULL OR t."firstResponseAt" >= ($2::timestamptz AT TIME ZONE 'UTC'))`

/** $1 the window's end (exclusive), $2 its start, $3 asOf (ms), $4 edges; then each version's partnerships and version from $5. */
export const pendingGroupsSql = (versions: number) => `
SELECT pid, rv, CASE rv WHEN 2 THEN width_bucket(rbd, $4::float8[]) WHEN 1 THEN width_bucket(fr, $4::float8[]) END,
       sv, CASE sv WHEN 2 THEN width_bucket(sbd, $4::float8[]) WHEN 1 THEN width_bucket(rs, $4::float8[]) END,
       width_bucket(created, $4::float8[]), width_bucket(last_done, $4::float8[]), count(*)::int
  FROM (
    SELECT pid, fr, rs, created, rbd, sbd,
           CASE WHEN fr IS NULL OR rs IS NULL THEN 'Infinity'::float8 ELSE GREATEST(fr, rs) END AS last_done,
           CASE WHEN LEAST(fr, $3::float8) >= rbf THEN 2 WHEN fr <= $3::float8 THEN 1 ELSE 0 END AS rv,
           CASE WHEN LEAST(rs, $3::float8) >= sbf THEN 2 WHEN rs <= $3::float8 THEN 1 ELSE 0 END AS sv
      FROM (${Array.from({ length: versions }, (_, i) => `${PART(5 + 2 * i, 't."slaSettledMs" IS NULL')}
             UNION ALL ${PART(5 + 2 * i, 't."slaSettledMs" > $3::float8')}`).join('\n             UNION ALL ')}
      OFFSET 0) r
    OFFSET 0) c
 GROUP BY 1, 2, 3, 4, 5, 6, 7`

/** The groups of the pending-at-asOf tickets stored with thresholds under each partnership's version. */
export async function pendingGroups(byVersion: ReadonlyMap<number, string[]>, edges: number[], at: number): Promise<PendingGroup[]> {
  if (byVersion.size === 0) return []
  const windowEnd = new Date(Math.min(edges[edges.length - 1], at + 1)).toISOString()
  const params = [windowEnd, new Date(edges[0]).toISOString(), at, edges, ...[...byVersion].flatMap(([version, ids]) => [ids, version])]
  return (await queryArraysConcurrentRead(pendingGroupsSql(byVersion.size), params)) as PendingGroup[]
}

/**
 * The rows the engine reads instead (not stored with thresholds under the version in $n; $3 asOf in ms), as disjoint
 * conditions, one UNION ALL part each, every one an index probe that finds nothing when all rows are current (ADR 023
 * addendum, 2026-12-07): stale versions from (partnershipId, slaVersion) ranges (null, below, above: `<>` is no index
 * range), then rows of the version without thresholds from the open-ticket index, whose keys lead with
 * (partnershipId, slaVersion, responseBreachFromMs), and from (partnershipId, slaSettledMs) for those settled after
 * asOf. `settledToo`: a stale row settled by asOf is read as well (the figures' rule; at-risk reads only the null
 * version there). An `OR` of these on one scan made the planner read every open ticket from the heap (~300 ms).
 */
export function onEngineParts(n: number, settledToo: boolean, alias = 't'): string[] {
  const c = (column: string) => `${alias}."${column}"`
  const unsettled = `(${c('slaSettledMs')} IS NULL OR ${c('slaSettledMs')} > $3::float8)`
  const stale = (range: string) => (settledToo ? range : `${range} AND ${unsettled}`)
  return [
    `${c('slaVersion')} IS NULL`,
    stale(`${c('slaVersion')} < $${n}::int`),
    stale(`${c('slaVersion')} > $${n}::int`),
    `${c('slaVersion')} = $${n}::int AND ${c('responseBreachFromMs')} IS NULL AND ${c('slaSettledMs')} IS NULL`,
    `${c('slaVersion')} = $${n}::int AND ${c('responseBreachFromMs')} IS NULL AND ${c('slaSettledMs')} > $3::float8`,
  ]
}
