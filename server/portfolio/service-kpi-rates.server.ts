import { queryArrays } from '../db/client.server.ts'
import { type KpiCounts, figuresOf } from '../sla/kpis/kpi-math.ts'
import { isMonthStart } from './service-kpis.server.ts'

// The service KPIs beyond SLA % (issue 15 §4, ADR 024) of many partnerships' tickets opened in [from, to): reopen
// rate, first-contact resolution, incidents per 100 users and proactive share, with the SLA page's definitions (the
// counts are COUNTS_SQL's, the rates figuresOf's). Resolved means by asOf. For periods of whole UTC months (the
// portfolio's) the counts come from TicketKpiRollup (ADR 023 addendum); otherwise from one GROUP BY over the tickets.

export interface ServiceKpiRates {
  reopenRate: number | null
  firstContactRate: number | null
  incidentsPer100Users: number | null
  proactiveShare: number | null
}

const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`
const SQL = `
SELECT "partnershipId", count(*)::int,
       (count(*) FILTER (WHERE "resolvedAt" <= ${ts(4)}))::int,
       (count(*) FILTER (WHERE "resolvedAt" <= ${ts(4)} AND "reopens" > 0))::int,
       (count(*) FILTER (WHERE "resolvedAt" <= ${ts(4)} AND "firstContact" IS NOT NULL))::int,
       (count(*) FILTER (WHERE "resolvedAt" <= ${ts(4)} AND "firstContact"))::int,
       (count(*) FILTER (WHERE "origin" IS NOT NULL))::int,
       (count(*) FILTER (WHERE "origin" IN ('alert', 'maintenance')))::int,
       (count(*) FILTER (WHERE "origin" IS DISTINCT FROM 'maintenance'))::int
  FROM "Ticket"
 WHERE "partnershipId" = ANY($1::text[])
   AND "createdAt" >= ${ts(2)} AND "createdAt" < ${ts(3)}
 GROUP BY 1`

const ROLLUP_SQL = `
SELECT "partnershipId", sum("opened")::int, sum("resolved")::int, sum("reopened")::int, sum("firstContactKnown")::int,
       sum("firstContact")::int, sum("originKnown")::int, sum("proactive")::int, sum("incidents")::int
  FROM "TicketKpiRollup"
 WHERE "partnershipId" = ANY($1::text[]) AND "createdMonth" >= $2::date AND "createdMonth" < $3::date
 GROUP BY 1`

// The window's tickets resolved after asOf (read by the (partnershipId, resolvedAt) index): counted resolved by the
// roll-up, not yet resolved as of asOf.
const RESOLVED_LATER_SQL = `
SELECT "partnershipId", 0, count(*)::int, (count(*) FILTER (WHERE "reopens" > 0))::int,
       (count(*) FILTER (WHERE "firstContact" IS NOT NULL))::int, (count(*) FILTER (WHERE "firstContact"))::int, 0, 0, 0
  FROM "Ticket"
 WHERE "partnershipId" = ANY($1::text[]) AND "resolvedAt" > ${ts(4)}
   AND "createdAt" >= ${ts(2)} AND "createdAt" < ${ts(3)}
 GROUP BY 1`

const COUNT_KEYS = ['tickets', 'resolved', 'reopened', 'firstContactKnown', 'firstContact', 'originKnown', 'proactive', 'incidents'] as const
const zero = (): KpiCounts => ({ tickets: 0, resolved: 0, reopened: 0, firstContactKnown: 0, firstContact: 0, originKnown: 0, proactive: 0, incidents: 0 })

function addRows(out: Map<string, KpiCounts>, rows: unknown[][], sign: number): void {
  for (const [p, ...n] of rows as Array<[string, ...number[]]>) {
    const c = out.get(p) ?? out.set(p, zero()).get(p)!
    COUNT_KEYS.forEach((k, i) => (c[k] += sign * n[i]))
  }
}

const iso = (t: number) => new Date(t).toISOString()

/** The counts of the tickets opened in [from, until), resolved by asOf, from one GROUP BY over the tickets. */
export async function rateCountsFromTickets(ids: string[], from: number, until: number, asOf: Date): Promise<Map<string, KpiCounts>> {
  const out = new Map<string, KpiCounts>()
  addRows(out, await queryArrays(SQL, [ids, iso(from), iso(until), asOf.toISOString()]), 1)
  return out
}

/**
 * The same counts from the roll-up (`from` a UTC month start): the months from `from` to the one holding `until`, less
 * the tickets of that month created from `until` on (counted by the roll-up's rule: resolved at all), less the
 * window's tickets resolved after asOf (both none when asOf is now, and read by index).
 */
export async function rateCountsFromRollup(ids: string[], from: number, until: number, asOf: Date): Promise<Map<string, KpiCounts>> {
  const u = new Date(until - 1)
  const ceiling = isMonthStart(until) ? until : Date.UTC(u.getUTCFullYear(), u.getUTCMonth() + 1, 1)
  const [rollup, created, resolved] = await Promise.all([
    queryArrays(ROLLUP_SQL, [ids, iso(from).slice(0, 10), iso(ceiling).slice(0, 10)]),
    ceiling > until ? queryArrays(SQL, [ids, iso(until), iso(ceiling), 'infinity']) : Promise.resolve([]),
    queryArrays(RESOLVED_LATER_SQL, [ids, iso(from), iso(until), asOf.toISOString()]),
  ])
  const out = new Map<string, KpiCounts>()
  addRows(out, rollup, 1)
  addRows(out, created, -1)
  addRows(out, resolved, -1)
  return out
}

/** Rates per partnership id; `headcounts` is each partnership's client headcount (null: incidents per 100 users unknown). */
export async function serviceKpiRates(partnershipIds: string[], headcounts: ReadonlyMap<string, number | null>, from: Date, to: Date, asOf: Date): Promise<Map<string, ServiceKpiRates>> {
  const out = new Map<string, ServiceKpiRates>()
  if (partnershipIds.length === 0) return out
  // A ticket opened after asOf has not happened yet.
  const until = Math.min(to.getTime(), asOf.getTime() + 1)
  if (until <= from.getTime()) return out
  const byRollup = isMonthStart(from.getTime()) && isMonthStart(to.getTime())
  const counts = await (byRollup ? rateCountsFromRollup : rateCountsFromTickets)(partnershipIds, from.getTime(), until, asOf)
  for (const [p, c] of counts) {
    // A partnership without a ticket in the window has no row (as the GROUP BY gives none).
    if (c.tickets === 0) continue
    const f = figuresOf(c, [], headcounts.get(p) ?? null)
    out.set(p, { reopenRate: f.reopenRate, firstContactRate: f.firstContactRate, incidentsPer100Users: f.incidentsPer100Users, proactiveShare: f.proactiveShare })
  }
  return out
}
