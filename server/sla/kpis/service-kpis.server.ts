import type { PartnershipScope } from '../../access/policy.server.ts'
import { AppError } from '../../errors.ts'
import { queryArrays } from '../../db/client.server.ts'
import { scanTickets } from '../../tickets/scan-tickets.server.ts'
import { calendarFor } from '../calendar.ts'
import { evaluateColumns } from '../engine.ts'
import { MonthIndex, periodBounds } from '../periods.ts'
import type { SlaPolicy } from '../policy.ts'
import { requireSlaPolicy } from '../sla-policies.server.ts'
import { type KpiCounts, ZERO_COUNTS, addCounts, figuresOf, keyPersonOf, mergeSorted, previousQuarter } from './kpi-math.ts'
import { type ServiceKpis, ZServiceKpisInput } from './service-kpis.schemas.ts'

const MONTHS = 6
const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`
const bucket = `width_bucket((extract(epoch from "createdAt") * 1000)::float8, $3::float8[])`
// The tickets created in the two quarters, up to the as-of instant: the cohort every KPI counts.
const COHORT = `"partnershipId" = $1 AND "createdAt" >= ${ts(2)} AND "createdAt" < ${ts(4)}`

/** Per local month: the counts the rates are made of (one pass, GROUP BY month). */
export const COUNTS_SQL = `SELECT ${bucket} AS m, count(*)::int,
    count(*) FILTER (WHERE "resolvedAt" <= ${ts(5)})::int,
    count(*) FILTER (WHERE "resolvedAt" <= ${ts(5)} AND "reopens" > 0)::int,
    count(*) FILTER (WHERE "resolvedAt" <= ${ts(5)} AND "firstContact" IS NOT NULL)::int,
    count(*) FILTER (WHERE "resolvedAt" <= ${ts(5)} AND "firstContact")::int,
    count(*) FILTER (WHERE "origin" IS NOT NULL)::int,
    count(*) FILTER (WHERE "origin" IN ('alert', 'maintenance'))::int,
    count(*) FILTER (WHERE "origin" IS DISTINCT FROM 'maintenance')::int
  FROM "Ticket" WHERE ${COHORT} GROUP BY 1`

/** Per local month, queue and engineer: the complex tickets resolved (escalated or P1/P2, with an assignee). */
export const KEY_PERSON_SQL = `SELECT ${bucket} AS m, coalesce("queue", '(none)'), "assignee", count(*)::int
  FROM "Ticket" WHERE ${COHORT} AND "resolvedAt" <= ${ts(5)} AND "assignee" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))
  GROUP BY 1, 2, 3`

/**
 * Service KPIs beyond SLA % for a quarter, beside the previous one and month by month (ADR 024): reopen rate,
 * first-contact resolution, incidents per 100 users, proactive share, resolution time median and p90, key-person
 * dependency overall and per queue. Counts come from GROUP BY queries; resolution times from the SLA engine.
 */
export async function serviceKpis(scope: PartnershipScope, input: unknown, now = new Date()): Promise<ServiceKpis> {
  const parsed = ZServiceKpisInput.parse(input)
  const { policy } = await requireSlaPolicy(scope)
  const asOf = parsed.asOf ? Date.parse(parsed.asOf) : now.getTime()
  return computeServiceKpis(scope, policy, { quarter: parsed.quarter, asOf, topN: parsed.topN ?? null })
}

/**
 * The headcount as it stood at an instant: the value its last change by then set, or, when every change came
 * later, the value the first of them replaced; the current one when it was never changed. Read from the audit
 * trail, so that a pack regenerated as of a past instant counts the users of then.
 */
export async function headcountAsOf(clientOrgId: string, asOf: number): Promise<number | null> {
  // A few events per client over its life: read them all, oldest first, beside the current value (one statement
  // through the driver: a pack reads it, ADR 008).
  const rows = (await queryArrays(
    `SELECT 0, NULL::float8, NULL::jsonb, "headcount" FROM "Organization" WHERE "id" = $1
     UNION ALL
     SELECT 1, round(date_part('epoch', "createdAt") * 1000)::float8, "changes", NULL FROM "AuditEvent"
      WHERE "organizationId" = $1 AND "action" = 'organization.headcount' AND "entityId" = $1
     ORDER BY 1, 2`,
    [clientOrgId],
  )) as Array<[number, number | null, unknown, number | null]>
  const current = rows.find((r) => r[0] === 0)
  if (!current) throw new AppError('NOT_FOUND', 'No such organization.')
  const changes = rows.flatMap(([kind, at, json]) => {
    const c = kind === 1 ? (json as { headcount?: { before: unknown; after: unknown } } | null)?.headcount : undefined
    const n = (v: unknown) => (typeof v === 'number' ? v : null)
    return c ? [{ at: at!, before: n(c.before), after: n(c.after) }] : []
  })
  const last = changes.filter((c) => c.at <= asOf).pop()
  if (last) return last.after
  if (changes.length) return changes[0].before
  return current[3]
}

/** Resolution minutes as the SLA engine counts them (each priority's clock, pauses taken out), by creation month. */
async function scannedMinutes(partnershipId: string, policy: SlaPolicy, months: MonthIndex, prevStart: number, createdBefore: number, asOf: number): Promise<number[][]> {
  const scan = await scanTickets(partnershipId, { createdFrom: prevStart, createdBefore: Math.max(prevStart, createdBefore), ordered: false })
  const table = evaluateColumns(calendarFor(policy), policy, scan, asOf)
  const minutes: number[][] = months.keys().map(() => [])
  for (let i = 0; i < scan.length; i++) {
    if (!(scan.resolvedAt[i] <= asOf)) continue
    const m = months.indexOf(scan.createdAt[i])
    const v = table.resolutionElapsedMinutes[i]
    if (m >= 0 && !Number.isNaN(v)) minutes[m].push(v)
  }
  return minutes
}

/** What the KPIs are made of, when a caller counted them itself (the pack, with its other figures, ADR 022). */
export interface KpiInputs {
  /** COUNTS_SQL's rows and KEY_PERSON_SQL's rows, over the same cohort and months. */
  countRows: unknown[][]
  keyRows: unknown[][]
  /**
   * The engine's resolution minutes of the tickets resolved by the as-of, per local month of creation, each month's
   * sorted as a Float64Array sorts (ascending, -0 before +0) and without NaN: the caller has sorted them already.
   */
  resolutionMinutes: ReadonlyArray<Float64Array>
}

/**
 * serviceKpis under a given policy (the pack passes the one in force at its as-of). `given`: the counts and
 * resolution minutes counted by the caller; otherwise they are queried and scanned here.
 */
export async function computeServiceKpis(
  scope: Pick<PartnershipScope, 'id' | 'slug' | 'clientOrgId'>,
  policy: SlaPolicy,
  parsed: { quarter: string; asOf: number; topN: number | null; given?: Promise<KpiInputs> },
): Promise<ServiceKpis> {
  // The caller's, awaited below only once the periods are known: should they throw first, the caller sees that
  // failure (and its own await of `given` this one), not an unhandled rejection.
  parsed.given?.catch(() => {})
  const zone = policy.timezone
  const asOf = parsed.asOf
  const previous = previousQuarter(parsed.quarter)
  const { start: prevStart } = periodBounds(zone, { quarter: previous })
  const { end } = periodBounds(zone, { quarter: parsed.quarter })
  const createdBefore = Math.min(end, asOf + 1)
  const months = new MonthIndex(zone, prevStart, end - 1)
  const keys = months.keys()
  const iso = (t: number) => new Date(t).toISOString()
  const params = [scope.id, iso(prevStart), months.starts(), iso(Math.max(prevStart, createdBefore)), iso(asOf)]
  const [{ countRows, keyRows, monthSorted }, headcount] = await Promise.all([
    parsed.given
      ? parsed.given.then((g) => ({ countRows: g.countRows, keyRows: g.keyRows, monthSorted: keys.map((_, m) => g.resolutionMinutes[m] ?? new Float64Array(0)) }))
      : Promise.all([queryArrays(COUNTS_SQL, params), queryArrays(KEY_PERSON_SQL, params), scannedMinutes(scope.id, policy, months, prevStart, createdBefore, asOf)]).then(
          // Each month's minutes sorted once; a quarter's are its months' merged (the same array as sorting them together).
          ([countRows, keyRows, minutes]) => ({ countRows, keyRows, monthSorted: minutes.map((list) => Float64Array.from(list).sort()) }),
        ),
    headcountAsOf(scope.clientOrgId, asOf),
  ])

  const counts: KpiCounts[] = keys.map(() => ZERO_COUNTS)
  for (const [m, tickets, resolved, reopened, firstContactKnown, firstContact, originKnown, proactive, incidents] of countRows as number[][]) {
    if (m >= 1 && m <= keys.length) counts[m - 1] = { tickets, resolved, reopened, firstContactKnown, firstContact, originKnown, proactive, incidents }
  }

  const engineers = keys.map(() => new Map<string, number>())
  const quarterEngineers = [new Map<string, number>(), new Map<string, number>()]
  const queues = new Map<string, Map<string, number>>()
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n)
  for (const [m, queue, assignee, n] of keyRows as Array<[number, string, string, number]>) {
    if (m < 1 || m > keys.length) continue
    add(engineers[m - 1], assignee, n)
    add(quarterEngineers[m - 1 < 3 ? 0 : 1], assignee, n)
    if (m > 3) add(queues.get(queue) ?? queues.set(queue, new Map()).get(queue)!, assignee, n)
  }
  const topN = parsed.topN
  const quarterCounts = (from: number) => counts.slice(from, from + 3).reduce(addCounts, ZERO_COUNTS)

  return {
    partnership: scope.slug,
    quarter: parsed.quarter,
    previousQuarter: previous,
    asOf: iso(asOf),
    timezone: zone,
    headcount,
    topN,
    current: figuresOf(quarterCounts(3), mergeSorted(monthSorted.slice(3)), headcount),
    previous: figuresOf(quarterCounts(0), mergeSorted(monthSorted.slice(0, 3)), headcount),
    monthly: keys.map((month, i) => ({ month, ...figuresOf(counts[i], monthSorted[i], headcount), keyPersonShare: keyPersonOf(engineers[i], topN).share })),
    keyPerson: {
      current: keyPersonOf(quarterEngineers[1], topN),
      previous: keyPersonOf(quarterEngineers[0], topN),
      byQueue: [...queues.entries()]
        .map(([queue, map]) => ({ queue, ...keyPersonOf(map, topN) }))
        .sort((a, b) => b.considered - a.considered || a.queue.localeCompare(b.queue)),
    },
  }
}
