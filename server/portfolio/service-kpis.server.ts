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

// One pass over the tickets, grouped by partnership and assignee (a few rows per partnership); the top three
// assignees and the sums per partnership are taken from those groups here. A CTE with a window function over the
// same rows took five times as long on 2.5M tickets (tests/bench/portfolio.bench.ts).
const SQL = `
SELECT "partnershipId", "assignee", count(*)::int, (count(*) FILTER (WHERE "escalated"))::int, sum("csat")::float8, count("csat")::int,
       (count(*) FILTER (WHERE "resolvedAt" <= ($4::timestamptz AT TIME ZONE 'UTC') AND ("escalated" OR "priority" IN ('P1', 'P2'))))::int
  FROM "Ticket"
 WHERE "partnershipId" = ANY($1::text[])
   AND "createdAt" >= ($2::timestamptz AT TIME ZONE 'UTC') AND "createdAt" < ($3::timestamptz AT TIME ZONE 'UTC')
 GROUP BY 1, 2`

export async function serviceKpis(partnershipIds: string[], from: Date, to: Date, asOf: Date): Promise<Map<string, ServiceKpis>> {
  const out = new Map<string, ServiceKpis>()
  if (partnershipIds.length === 0) return out
  // A ticket opened after asOf has not happened yet.
  const until = new Date(Math.min(to.getTime(), asOf.getTime() + 1))
  const rows = await queryArrays(SQL, [partnershipIds, from.toISOString(), until.toISOString(), asOf.toISOString()])
  const sums = new Map<string, { opened: number; escalated: number; csat: number; csatN: number; critical: number[] }>()
  for (const [p, assignee, opened, escalated, csat, csatN, critical] of rows as Array<[string, string | null, number, number, number | null, number, number]>) {
    const s = sums.get(p) ?? { opened: 0, escalated: 0, csat: 0, csatN: 0, critical: [] }
    s.opened += opened
    s.escalated += escalated
    s.csat += csat ?? 0
    s.csatN += csatN
    // Tickets without an assignee cannot be attributed to anyone: left out of the key-person count.
    if (assignee !== null && critical > 0) s.critical.push(critical)
    sums.set(p, s)
  }
  for (const [p, s] of sums) {
    const considered = s.critical.reduce((a, b) => a + b, 0)
    const top = s.critical.sort((a, b) => b - a).slice(0, 3).reduce((a, b) => a + b, 0)
    out.set(p, {
      opened: s.opened,
      escalationRate: s.opened ? (100 * s.escalated) / s.opened : null,
      csatAverage: s.csatN ? s.csat / s.csatN : null,
      csatResponses: s.csatN,
      keyPersonShare: considered ? top / considered : null,
    })
  }
  return out
}
