import { queryArrays } from '../db/client.server.ts'

// Escalation rate, CSAT and key-person share of many partnerships' tickets opened in [from, to), in one query. The
// definitions are ticketStatsOf's (server/sla/ticket-stats.ts): escalation rate = escalated / opened (a
// percentage); CSAT = mean of the answers; key-person share = of the escalated or P1/P2 tickets resolved by asOf
// with an assignee, the share resolved by the top three assignees (a fraction).

export interface ServiceKpis {
  opened: number
  escalationRate: number | null
  csatAverage: number | null
  csatResponses: number
  keyPersonShare: number | null
}

const SQL = `
WITH t AS (
  SELECT "partnershipId" AS p, "assignee", "escalated", "csat", "priority"::text AS priority, "resolvedAt"
    FROM "Ticket"
   WHERE "partnershipId" = ANY($1::text[])
     AND "createdAt" >= ($2::timestamptz AT TIME ZONE 'UTC') AND "createdAt" < ($3::timestamptz AT TIME ZONE 'UTC')
), base AS (
  SELECT p, count(*)::int AS opened, count(*) FILTER (WHERE "escalated")::int AS escalated,
         avg("csat")::float8 AS csat, count("csat")::int AS csat_n
    FROM t GROUP BY p
), crit AS (
  SELECT p, "assignee", count(*)::int AS n
    FROM t
   WHERE "resolvedAt" <= ($4::timestamptz AT TIME ZONE 'UTC') AND "assignee" IS NOT NULL
     AND ("escalated" OR priority IN ('P1', 'P2'))
   GROUP BY p, "assignee"
), ranked AS (
  SELECT p, n, row_number() OVER (PARTITION BY p ORDER BY n DESC) AS rk FROM crit
), key_people AS (
  SELECT p, (sum(n) FILTER (WHERE rk <= 3))::int AS top, sum(n)::int AS considered FROM ranked GROUP BY p
)
SELECT b.p, b.opened, b.escalated, b.csat, b.csat_n, coalesce(k.top, 0), coalesce(k.considered, 0)
  FROM base b LEFT JOIN key_people k ON k.p = b.p`

export async function serviceKpis(partnershipIds: string[], from: Date, to: Date, asOf: Date): Promise<Map<string, ServiceKpis>> {
  const out = new Map<string, ServiceKpis>()
  if (partnershipIds.length === 0) return out
  // A ticket opened after asOf has not happened yet.
  const until = new Date(Math.min(to.getTime(), asOf.getTime() + 1))
  const rows = await queryArrays(SQL, [partnershipIds, from.toISOString(), until.toISOString(), asOf.toISOString()])
  for (const [p, opened, escalated, csat, csatN, top, considered] of rows as Array<[string, number, number, number | null, number, number, number]>) {
    out.set(p, {
      opened,
      escalationRate: opened ? (100 * escalated) / opened : null,
      csatAverage: csatN ? csat : null,
      csatResponses: csatN,
      keyPersonShare: considered ? top / considered : null,
    })
  }
  return out
}
