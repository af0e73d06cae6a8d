import { queryArrays } from '../db/client.server.ts'
import { kpiMonthCounts } from './kpi-month-counts.server.ts'
import { PRIORITIES, type Priority } from '../sla/policy.ts'
import { type StatsCounts, localWeeks } from '../sla/ticket-stats.ts'

// The ticket statistics of the pack's two periods (sla/ticket-stats.ts: volume per week, per queue and assignee,
// escalations, CSAT, key-person counts) counted by the database in one pass, and the stored resolution minutes
// of the settled tickets (ADR 022). What ticketStatsOf counts from a scan, without reading every ticket here.

const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`
const iso = (t: number) => new Date(t).toISOString()
// Edges as UTC timestamps, so that rows are bucketed by comparing their stored instants (width_bucket over a sorted
// timestamp[]) rather than converting each to epoch milliseconds first. The same buckets: the columns are
// timestamp(3), whole milliseconds, and the edges are whole milliseconds.
const utcTimestamps = (edges: readonly number[]) => edges.map((t) => iso(t).slice(0, -1))

export interface StatsPeriods {
  partnershipId: string
  zone: string
  asOf: number
  /** The comparison window's tickets: created in [start, end). */
  previous: { start: number; end: number }
  /** The reviewed quarter's: created in [start, end), after the previous one's. */
  current: { start: number; end: number }
  /** The service KPIs' local months (sla/kpis): their cohort is every ticket created from previous.start to current.end. */
  kpiMonthStarts: readonly number[]
}

type Counts = Omit<StatsCounts, 'resolution'> & { first: number; last: number }

// GROUPING(per, w, priority, queue, assignee, m, kq): a bit set for each column a row is not grouped by. The texts
// are grouped in the "C" collation: the same groups (equal means the same bytes), sorted without the locale's rules.
const SET = { week: 15, queue: 55, assignee: 59, month: 125, keyPerson: 120 } as const

/**
 * Both periods' statistics and the service KPIs' counts (COUNTS_SQL's and KEY_PERSON_SQL's rows), in one pass
 * over the tickets: every count taken once per ticket into the finest groups (a few thousand), which grouping sets
 * then add up per (period, local week, priority), (period, queue),
 * (period, assignee) with the escalations, CSAT and key-person counts, per local month, and per (month, queue,
 * assignee) for the service KPIs' key-person counts. COUNTS_SQL's seven rate counts per month are kpiMonthCounts',
 * mostly from the roll-up.
 */
export async function storedCohortCounts(p: StatsPeriods): Promise<{ stats: [Counts, Counts]; countRows: number[][]; keyRows: Array<[number, string, string, number]> }> {
  const weeks = localWeeks(p.zone, p.previous.start, Math.max(p.previous.start, p.current.end - 1))
  const resolved = `"resolvedAt" <= ${ts(5)}`
  const until = Math.max(p.previous.start, p.current.end)
  // The service KPIs' seven rate counts per month, mostly from the roll-up (kpi-month-counts.server.ts), on another
  // connection meanwhile; the scan below still counts each month's tickets and key persons.
  const rated = kpiMonthCounts(p.partnershipId, p.zone, p.kpiMonthStarts, until, p.asOf)
  const rows = (await queryArrays(
    `SELECT GROUPING(per, w, "priority", "queue", "assignee", m, kq)::int, per, w, "priority"::text, "queue", "assignee", m, kq, sum(n)::int,
            sum(escalated)::int, sum(csat_sum)::int, sum(csat_n)::int, sum(critical)::int,
            round(date_part('epoch', min(lo)) * 1000)::float8, round(date_part('epoch', max(hi)) * 1000)::float8,
            sum(key_person)::int
       FROM (SELECT per, w, m, "priority", "queue", kq, "assignee", count(*) AS n,
                    count(*) FILTER (WHERE "escalated") AS escalated, coalesce(sum("csat"), 0) AS csat_sum, count("csat") AS csat_n,
                    count(*) FILTER (WHERE critical) AS critical, min("createdAt") AS lo, max("createdAt") AS hi,
                    count(*) FILTER (WHERE "keyPerson") AS key_person
               FROM (SELECT CASE WHEN "createdAt" >= ${ts(3)} THEN 1 WHEN "createdAt" < ${ts(2)} THEN 0 ELSE 2 END AS per, "createdAt",
                            width_bucket("createdAt", $6::timestamp[]) AS w, width_bucket("createdAt", $7::timestamp[]) AS m, "priority",
                            "queue" COLLATE "C" AS "queue", coalesce("queue", '(none)') COLLATE "C" AS kq, "assignee" COLLATE "C" AS "assignee",
                            "escalated", "csat",
                            (${resolved} AND "assignee" <> '' AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical,
                            (${resolved} AND "assignee" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS "keyPerson"
                       FROM "Ticket"
                      WHERE "partnershipId" = $1 AND "createdAt" >= ${ts(8)} AND "createdAt" < ${ts(4)}) AS r
              GROUP BY per, w, m, "priority", "queue", kq, "assignee") AS f
      GROUP BY GROUPING SETS ((per, w, "priority"), (per, "queue"), (per, "assignee"), (m), (m, kq, "assignee"))`,
    [p.partnershipId, iso(p.previous.end), iso(p.current.start), iso(until), iso(p.asOf), utcTimestamps(weeks.starts), utcTimestamps(p.kpiMonthStarts), iso(p.previous.start)],
  )) as Array<[number, number, number, Priority, string | null, string | null, number, string, ...number[]]>
  const rates = await rated

  const counts = [0, 1].map(() => ({
    total: 0,
    first: Number.POSITIVE_INFINITY,
    last: Number.NEGATIVE_INFINITY,
    weekKeys: [] as string[],
    perWeek: new Int32Array(0),
    queues: new Map<string, number>(),
    assignees: new Map<string, number>(),
    byAssignee: new Map<string, number>(),
    critical: 0,
    escalated: 0,
    csatSum: 0,
    csatCount: 0,
  }))
  const perWeek = [0, 1].map(() => new Map<string, Int32Array>())
  const countRows: number[][] = []
  const keyRows: Array<[number, string, string, number]> = []
  for (const [g, per, w, priority, queue, assignee, m, kq, n, escalated, csatSum, csatCount, critical, first, last, keyPerson] of rows) {
    if (g === SET.month) {
      countRows.push([m, n, ...(rates.get(m) ?? [0, 0, 0, 0, 0, 0, 0])])
      continue
    }
    if (g === SET.keyPerson) {
      if (keyPerson > 0) keyRows.push([m, kq, assignee!, keyPerson])
      continue
    }
    // Tickets of neither period (between the comparison window's end and the quarter's start) count only above.
    if (per === 2) continue
    const c = counts[per]
    if (g === SET.week) {
      c.total += n
      c.first = Math.min(c.first, first)
      c.last = Math.max(c.last, last)
      const key = weeks.keys[w - 1]
      const byPriority = perWeek[per].get(key) ?? perWeek[per].set(key, new Int32Array(PRIORITIES.length)).get(key)!
      byPriority[PRIORITIES.indexOf(priority)] += n
    } else if (g === SET.queue) {
      c.queues.set(queue ?? '(none)', n)
    } else if (g === SET.assignee) {
      c.assignees.set(assignee ?? '(unassigned)', n)
      c.escalated += escalated
      c.csatSum += csatSum
      c.csatCount += csatCount
      if (critical > 0) {
        c.byAssignee.set(assignee!, critical)
        c.critical += critical
      }
    }
  }
  // The weeks from the first ticket's to the last one's, empty ones included, as ticketStatsOf lists them.
  counts.forEach((c, i) => {
    c.weekKeys = c.total ? localWeeks(p.zone, c.first, c.last).keys : []
    c.perWeek = new Int32Array(c.weekKeys.length * PRIORITIES.length)
    c.weekKeys.forEach((key, k) => c.perWeek.set(perWeek[i].get(key) ?? [], k * PRIORITIES.length))
  })
  return { stats: [counts[0], counts[1]], countRows, keyRows }
}

/** float8send's bytes (IEEE 754, big-endian, 8 a value) read back: the same numbers as their text, without printing and parsing 20,000 of them. */
function float8s(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out = new Float64Array(bytes.byteLength / 8)
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i)
  return out
}

/**
 * The stored resolution minutes of the tickets settled under `version` by the as-of (all of them resolved by then)
 * created in [edges[0], edges[last]), per stretch between consecutive edges. NaN where none is stored.
 */
export async function storedResolutionMinutes(partnershipId: string, version: number, asOf: number, edges: readonly number[]): Promise<Float64Array[]> {
  const rows = (await queryArrays(
    `SELECT width_bucket("createdAt", $5::timestamp[]), string_agg(float8send(coalesce("resolutionElapsedMinutes", 'NaN'::float8)), ''::bytea)
       FROM "Ticket"
      WHERE "partnershipId" = $1 AND "createdAt" >= ${ts(2)} AND "createdAt" < ${ts(3)} AND "slaVersion" = $4::int AND "slaSettledMs" <= $6::float8
      GROUP BY 1`,
    [partnershipId, iso(edges[0]), iso(edges[edges.length - 1]), version, utcTimestamps(edges), asOf],
  )) as Array<[number, Uint8Array]>
  const out: Float64Array[] = edges.slice(1).map(() => new Float64Array(0))
  for (const [bucket, bytes] of rows) if (bucket >= 1 && bucket < edges.length) out[bucket - 1] = float8s(bytes)
  return out
}
