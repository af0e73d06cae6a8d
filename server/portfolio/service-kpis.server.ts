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

// For periods of whole UTC months (the portfolio's), the sums come from the roll-ups (kpiSumsFromRollups). Otherwise one
// pass over the tickets, grouped by partnership and assignee (a few rows per partnership); the top three assignees
// and the sums per partnership are taken from those groups here.
const SQL = `
SELECT "partnershipId", "assignee", count(*)::int, (count(*) FILTER (WHERE "escalated"))::int, sum("csat")::float8, count("csat")::int,
       (count(*) FILTER (WHERE "resolvedAt" <= ($4::timestamptz AT TIME ZONE 'UTC') AND ("escalated" OR "priority" IN ('P1', 'P2'))))::int
  FROM "Ticket"
 WHERE "partnershipId" = ANY($1::text[])
   AND "createdAt" >= ($2::timestamptz AT TIME ZONE 'UTC') AND "createdAt" < ($3::timestamptz AT TIME ZONE 'UTC')
 GROUP BY 1, 2`

export interface KpiSums {
  opened: number
  escalated: number
  csat: number
  csatN: number
  /** Escalated or P1/P2 tickets resolved by asOf, per assignee. */
  critical: Map<string, number>
}

const sumsOf = (out: Map<string, KpiSums>, p: string) => out.get(p) ?? out.set(p, { opened: 0, escalated: 0, csat: 0, csatN: 0, critical: new Map() }).get(p)!

function addRows(out: Map<string, KpiSums>, rows: unknown[][], sign: number): void {
  for (const [p, assignee, opened, escalated, csat, csatN, critical] of rows as Array<[string, string | null, number, number, number | null, number, number]>) {
    const s = sumsOf(out, p)
    s.opened += sign * opened
    s.escalated += sign * escalated
    s.csat += sign * (csat ?? 0)
    s.csatN += sign * csatN
    // Tickets without an assignee cannot be attributed to anyone: left out of the key-person count.
    if (assignee !== null && critical !== 0) s.critical.set(assignee, (s.critical.get(assignee) ?? 0) + sign * critical)
  }
}

export const isMonthStart = (t: number) => {
  const d = new Date(t)
  return d.getUTCDate() === 1 && t % 86_400_000 === 0
}

/**
 * The sums from the roll-ups the triggers keep per UTC month of creation (TicketKpiRollup, KeyPersonRollup): the
 * months from `from` to the one holding `until`, less the tickets of that month created from `until` on, less the
 * critical tickets of the window resolved after asOf (both none when asOf is now, and read by index).
 */
export async function kpiSumsFromRollups(ids: string[], from: number, until: number, asOf: Date): Promise<Map<string, KpiSums>> {
  const u = new Date(until - 1)
  const ceiling = isMonthStart(until) ? until : Date.UTC(u.getUTCFullYear(), u.getUTCMonth() + 1, 1)
  const iso = (t: number) => new Date(t).toISOString()
  const [kpis, keyPeople, created, resolved] = await Promise.all([
    queryArrays(
      `SELECT "partnershipId", NULL, sum("opened")::int, sum("escalated")::int, sum("csatSum")::float8, sum("csatCount")::int, 0
         FROM "TicketKpiRollup" WHERE "partnershipId" = ANY($1::text[]) AND "createdMonth" >= $2::date AND "createdMonth" < $3::date GROUP BY 1`,
      [ids, iso(from).slice(0, 10), iso(ceiling).slice(0, 10)],
    ),
    queryArrays(
      `SELECT "partnershipId", "assignee", 0, 0, 0, 0, sum("critical")::int
         FROM "KeyPersonRollup" WHERE "partnershipId" = ANY($1::text[]) AND "createdMonth" >= $2::date AND "createdMonth" < $3::date GROUP BY 1, 2`,
      [ids, iso(from).slice(0, 10), iso(ceiling).slice(0, 10)],
    ),
    // Counted by the roll-up's rule (critical: resolved at all), to be taken off.
    queryArrays(
      `SELECT "partnershipId", "assignee", count(*)::int, (count(*) FILTER (WHERE "escalated"))::int, sum("csat")::float8, count("csat")::int,
              (count(*) FILTER (WHERE "resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))))::int
         FROM "Ticket"
        WHERE "partnershipId" = ANY($1::text[]) AND "createdAt" >= ($2::timestamptz AT TIME ZONE 'UTC') AND "createdAt" < ($3::timestamptz AT TIME ZONE 'UTC')
        GROUP BY 1, 2`,
      [ids, iso(until), iso(ceiling)],
    ),
    queryArrays(
      `SELECT "partnershipId", "assignee", 0, 0, 0, 0, count(*)::int
         FROM "Ticket"
        WHERE "partnershipId" = ANY($1::text[]) AND "resolvedAt" > ($4::timestamptz AT TIME ZONE 'UTC')
          AND "createdAt" >= ($2::timestamptz AT TIME ZONE 'UTC') AND "createdAt" < ($3::timestamptz AT TIME ZONE 'UTC')
          AND ("escalated" OR "priority" IN ('P1', 'P2'))
        GROUP BY 1, 2`,
      [ids, iso(from), iso(until), asOf.toISOString()],
    ),
  ])
  const out = new Map<string, KpiSums>()
  addRows(out, kpis, 1)
  addRows(out, keyPeople, 1)
  addRows(out, created, -1)
  addRows(out, resolved, -1)
  return out
}

/** The sums from one GROUP BY over the tickets (any period). */
export async function kpiSumsFromTickets(ids: string[], from: number, until: number, asOf: Date): Promise<Map<string, KpiSums>> {
  const out = new Map<string, KpiSums>()
  addRows(out, await queryArrays(SQL, [ids, new Date(from).toISOString(), new Date(until).toISOString(), asOf.toISOString()]), 1)
  return out
}

export async function serviceKpis(partnershipIds: string[], from: Date, to: Date, asOf: Date): Promise<Map<string, ServiceKpis>> {
  const out = new Map<string, ServiceKpis>()
  if (partnershipIds.length === 0) return out
  // A ticket opened after asOf has not happened yet.
  const until = Math.min(to.getTime(), asOf.getTime() + 1)
  if (until <= from.getTime()) return out
  let sums: Map<string, KpiSums>
  // Periods of whole UTC months (the portfolio's) are read from the roll-ups.
  if (isMonthStart(from.getTime()) && isMonthStart(to.getTime())) sums = await kpiSumsFromRollups(partnershipIds, from.getTime(), until, asOf)
  else sums = await kpiSumsFromTickets(partnershipIds, from.getTime(), until, asOf)
  for (const [p, s] of sums) {
    if (s.opened === 0) continue
    const critical = [...s.critical.values()].filter((n) => n > 0)
    const considered = critical.reduce((a, b) => a + b, 0)
    const top = critical.sort((a, b) => b - a).slice(0, 3).reduce((a, b) => a + b, 0)
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
