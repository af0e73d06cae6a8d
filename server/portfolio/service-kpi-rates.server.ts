import { queryArrays } from '../db/client.server.ts'
import { type KpiCounts, figuresOf } from '../sla/kpis/kpi-math.ts'

// The service KPIs beyond SLA % (issue 15 §4, ADR 024) of many partnerships' tickets opened in [from, to), in one
// query grouped by partnership: reopen rate, first-contact resolution, incidents per 100 users and proactive share,
// with the SLA page's definitions (the counts are COUNTS_SQL's, the rates figuresOf's). Resolved means by asOf.

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

/** Rates per partnership id; `headcounts` is each partnership's client headcount (null: incidents per 100 users unknown). */
export async function serviceKpiRates(partnershipIds: string[], headcounts: ReadonlyMap<string, number | null>, from: Date, to: Date, asOf: Date): Promise<Map<string, ServiceKpiRates>> {
  const out = new Map<string, ServiceKpiRates>()
  if (partnershipIds.length === 0) return out
  // A ticket opened after asOf has not happened yet.
  const until = new Date(Math.min(to.getTime(), asOf.getTime() + 1))
  const rows = await queryArrays(SQL, [partnershipIds, from.toISOString(), until.toISOString(), asOf.toISOString()])
  for (const [p, tickets, resolved, reopened, firstContactKnown, firstContact, originKnown, proactive, incidents] of rows as Array<[string, ...number[]]>) {
    const counts: KpiCounts = { tickets, resolved, reopened, firstContactKnown, firstContact, originKnown, proactive, incidents }
    const f = figuresOf(counts, [], headcounts.get(p) ?? null)
    out.set(p, { reopenRate: f.reopenRate, firstContactRate: f.firstContactRate, incidentsPer100Users: f.incidentsPer100Users, proactiveShare: f.proactiveShare })
  }
  return out
}
