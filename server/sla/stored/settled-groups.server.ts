import { queryArrays } from '../../db/client.server.ts'

// The settled tickets of many partnerships, counted by (partnership, response verdict, stretch of its decided
// instant, resolution verdict, stretch of its decided instant), where a stretch is a width_bucket between the
// periods' sorted edges: the groups attainmentByPartnership adds into periods. Only tickets settled under their
// partnership's version at asOf count, and only those settled from the first edge on can have a decided instant in
// a period (a verdict is decided no later than the settle instant).
//
// Two ways to the same groups (tests/integration/sla-rollup.integration.test.ts compares them):
// - settledFromTickets: one GROUP BY over the tickets, for any edges;
// - settledFromRollup: when every edge is a UTC month's start, from SlaRollup (a few rows per partnership and month,
//   kept by triggers in the statement that writes the tickets): the months settled from the first edge up to
//   asOf's month, less the tickets of asOf's month settled after asOf (none when asOf is now), read by the index on
//   (partnershipId, slaSettledMs). A decided instant and its month fall in the same stretch, since a stretch is a run
//   of whole months.

/** [partnershipId, response verdict, response stretch, resolution verdict, resolution stretch, tickets]. */
export type SettledGroup = [string, number, number | null, number, number | null, number]

/** Whether every edge is the start of a UTC month (the portfolio's periods). */
export function monthAligned(edges: readonly number[]): boolean {
  return edges.every((e) => {
    const d = new Date(e)
    return d.getUTCDate() === 1 && d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0
  })
}

const TICKET_GROUPS = (settle: string) => `
  SELECT t."partnershipId", t."responseVerdict", width_bucket(t."responseDecidedMs", $3::float8[]),
         t."resolutionVerdict", width_bucket(t."resolutionDecidedMs", $3::float8[]), count(*)::int
    FROM "Ticket" t JOIN unnest($1::text[], $2::int[]) AS p("id", "version") ON t."partnershipId" = p."id" AND t."slaVersion" = p."version"
   WHERE ${settle}
   GROUP BY 1, 2, 3, 4, 5`

export async function settledFromTickets(ids: string[], versions: number[], edges: number[], asOf: number): Promise<SettledGroup[]> {
  return (await queryArrays(TICKET_GROUPS(`t."slaSettledMs" >= $4::float8 AND t."slaSettledMs" <= $5::float8`), [ids, versions, edges, edges[0], asOf])) as SettledGroup[]
}

export async function settledFromRollup(ids: string[], versions: number[], edges: number[], asOf: number): Promise<SettledGroup[]> {
  if (asOf < edges[0]) return []
  const d = new Date(asOf)
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  const [months, after] = await Promise.all([
    queryArrays(
      // The months are compared as dates with the edges (each a UTC month's start): the same stretches as their
      // instants in ms, without a numeric EXTRACT per row (half of this read's time on the bench).
      `SELECT r."partnershipId", r."responseVerdict", width_bucket(r."responseMonth", $3::date[]),
              r."resolutionVerdict", width_bucket(r."resolutionMonth", $3::date[]), sum(r."tickets")::int
         FROM "SlaRollup" r JOIN unnest($1::text[], $2::int[]) AS p("id", "version") ON r."partnershipId" = p."id" AND r."slaVersion" = p."version"
        WHERE r."settleMonth" >= $4::date AND r."settleMonth" <= $5::date
        GROUP BY 1, 2, 3, 4, 5`,
      [ids, versions, edges.map(day), day(edges[0]), day(monthStart)],
    ),
    queryArrays(TICKET_GROUPS(`t."slaSettledMs" > $4::float8 AND t."slaSettledMs" < $5::float8 AND t."slaSettledMs" >= $6::float8`), [ids, versions, edges, asOf, nextMonth, edges[0]]),
  ])
  const out = new Map<string, SettledGroup>()
  const add = (rows: SettledGroup[], sign: number) => {
    for (const [pid, rv, rb, sv, sb, n] of rows) {
      const key = `${pid}\u0000${rv}\u0000${rb}\u0000${sv}\u0000${sb}`
      const g = out.get(key) ?? out.set(key, [pid, rv, rb, sv, sb, 0]).get(key)!
      g[5] += sign * n
    }
  }
  add(months as SettledGroup[], 1)
  add(after as SettledGroup[], -1)
  return [...out.values()].filter((g) => g[5] !== 0)
}
