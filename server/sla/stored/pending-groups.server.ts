import { queryArrays } from '../../db/client.server.ts'

// The tickets not settled at the as-of (open then, or settled later) whose as-of thresholds are stored under the
// version the figures use (ADR 022 addendum): each clock's verdict as of asOf resolved in SQL by comparison, then
// counted by groups like the settled ones (settled-groups.server.ts). Per clock, with end = min(completion, asOf)
// (asOf while not completed by then): breached when end ≥ breachFrom, decided at the stored breach instant; else
// met when completed by asOf, decided at the completion; else pending. The rest (stale, or written before the
// thresholds existed) is for the engine: pendingOnEngine below picks it. (LEAST ignores a null completion.)
//
// A group: [partnershipId, response verdict, its decided stretch, resolution verdict, its decided stretch, the
// creation's stretch, the stretch of the later completion (beyond the last edge when either is missing), count].
// Stretches are width_bucket numbers over the sorted edges, as in settled-groups.server.ts.

export type PendingGroup = [string, number, number | null, number, number | null, number, number, number]

const MS = (column: string) => `round(date_part('epoch', t."${column}") * 1000)::float8`

/** $1 partnership ids, $2 their versions, $3 the window's end (exclusive), $4 its start, $5 asOf (ms), $6 edges. */
const SQL = `
SELECT pid, rv, CASE rv WHEN 2 THEN width_bucket(rbd, $6::float8[]) WHEN 1 THEN width_bucket(fr, $6::float8[]) END,
       sv, CASE sv WHEN 2 THEN width_bucket(sbd, $6::float8[]) WHEN 1 THEN width_bucket(rs, $6::float8[]) END,
       width_bucket(created, $6::float8[]), width_bucket(last_done, $6::float8[]), count(*)::int
  FROM (
    SELECT pid, fr, rs, created, rbd, sbd,
           CASE WHEN fr IS NULL OR rs IS NULL THEN 'Infinity'::float8 ELSE GREATEST(fr, rs) END AS last_done,
           CASE WHEN LEAST(fr, $5::float8) >= rbf THEN 2 WHEN fr <= $5::float8 THEN 1 ELSE 0 END AS rv,
           CASE WHEN LEAST(rs, $5::float8) >= sbf THEN 2 WHEN rs <= $5::float8 THEN 1 ELSE 0 END AS sv
      FROM (
        SELECT t."partnershipId" AS pid, ${MS('firstResponseAt')} AS fr, ${MS('resolvedAt')} AS rs, ${MS('createdAt')} AS created,
               t."responseBreachFromMs" AS rbf, t."responseBreachMs" AS rbd, t."resolutionBreachFromMs" AS sbf, t."resolutionBreachMs" AS sbd
          FROM unnest($1::text[], $2::int[]) AS v(pid, version)
          JOIN "Ticket" t ON t."partnershipId" = v.pid AND t."slaVersion" = v.version
         WHERE (t."slaSettledMs" IS NULL OR t."slaSettledMs" > $5::float8) AND t."responseBreachFromMs" IS NOT NULL
           AND t."createdAt" < ($3::timestamptz AT TIME ZONE 'UTC')
           AND (t."resolvedAt" IS NULL OR t."resolvedAt" >= ($4::timestamptz AT TIME ZONE 'UTC') OR t."firstResponseAt" IS NULL OR t."firstResponseAt" >= ($4::timestamptz AT TIME ZONE 'UTC'))
      ) r
  ) c
 GROUP BY 1, 2, 3, 4, 5, 6, 7`

/** The groups of the pending-at-asOf tickets stored with thresholds under each partnership's version. */
export async function pendingGroups(ids: string[], versions: number[], edges: number[], at: number): Promise<PendingGroup[]> {
  const windowEnd = new Date(Math.min(edges[edges.length - 1], at + 1)).toISOString()
  return (await queryArrays(SQL, [ids, versions, windowEnd, new Date(edges[0]).toISOString(), at, edges])) as PendingGroup[]
}

/** Of the tickets not settled at asOf, those the engine reads: not stored with thresholds under the version in $n. */
export const pendingOnEngine = (n: number, alias = 't') => `(${alias}."slaVersion" IS NULL OR ${alias}."slaVersion" <> $${n}::int OR ${alias}."responseBreachFromMs" IS NULL)`
