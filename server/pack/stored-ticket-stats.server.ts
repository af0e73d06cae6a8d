import { queryArrays } from '../db/client.server.ts'
import { PRIORITIES, type Priority } from '../sla/policy.ts'
import { type StatsCounts, localWeeks } from '../sla/ticket-stats.ts'

// The ticket statistics of the pack's two periods (sla/ticket-stats.ts: volume per week, per queue and assignee,
// escalations, CSAT, key-person counts) counted by the database in one pass, and the stored resolution minutes
// of the settled tickets (ADR 022). What ticketStatsOf counts from a scan, without reading every ticket here.

const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`
const MS = `round(date_part('epoch', "createdAt") * 1000)::float8`
const iso = (t: number) => new Date(t).toISOString()

export interface StatsPeriods {
  partnershipId: string
  zone: string
  asOf: number
  /** The comparison window's tickets: created in [start, end). */
  previous: { start: number; end: number }
  /** The reviewed quarter's: created in [start, end), after the previous one's. */
  current: { start: number; end: number }
}

type Counts = Omit<StatsCounts, 'resolution'> & { first: number; last: number }

/**
 * Both periods' counts. One GROUP BY with grouping sets: per (period, local week, priority), per (period, queue)
 * and per (period, assignee); the escalations, CSAT and key-person counts ride on the assignee rows.
 */
export async function storedStatsCounts(p: StatsPeriods): Promise<[Counts, Counts]> {
  const weeks = localWeeks(p.zone, p.previous.start, Math.max(p.previous.start, p.current.end - 1))
  const rows = (await queryArrays(
    `SELECT GROUPING("queue", "assignee")::int, cur, w, "priority", "queue", "assignee", count(*)::int,
            count(*) FILTER (WHERE "escalated")::int, coalesce(sum("csat"), 0)::int, count("csat")::int, count(*) FILTER (WHERE critical)::int,
            min(ms), max(ms)
       FROM (SELECT ("createdAt" >= ${ts(4)})::int AS cur, ${MS} AS ms, width_bucket(${MS}, $6::float8[]) AS w, "priority"::text AS "priority",
                    "queue", "assignee", "escalated", "csat",
                    ("resolvedAt" <= ${ts(7)} AND "assignee" <> '' AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
               FROM "Ticket"
              WHERE "partnershipId" = $1 AND (("createdAt" >= ${ts(2)} AND "createdAt" < ${ts(3)}) OR ("createdAt" >= ${ts(4)} AND "createdAt" < ${ts(5)}))) AS t
      GROUP BY GROUPING SETS ((cur, w, "priority"), (cur, "queue"), (cur, "assignee"))`,
    [p.partnershipId, iso(p.previous.start), iso(p.previous.end), iso(p.current.start), iso(p.current.end), weeks.starts, iso(p.asOf)],
  )) as Array<[number, number, number | null, Priority | null, string | null, string | null, number, number, number, number, number, number, number]>

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
  for (const [g, cur, w, priority, queue, assignee, n, escalated, csatSum, csatCount, critical, first, last] of rows) {
    const c = counts[cur]
    // GROUPING bits: 1 = assignee not grouped, 2 = queue not grouped; 3 = the (period, week, priority) rows.
    if (g === 3) {
      c.total += n
      c.first = Math.min(c.first, first)
      c.last = Math.max(c.last, last)
      const key = weeks.keys[w! - 1]
      const byPriority = perWeek[cur].get(key) ?? perWeek[cur].set(key, new Int32Array(PRIORITIES.length)).get(key)!
      byPriority[PRIORITIES.indexOf(priority!)] += n
    } else if (g === 1) {
      c.queues.set(queue ?? '(none)', n)
    } else {
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
  return [counts[0], counts[1]]
}

/**
 * The stored resolution minutes of the tickets settled under `version` by the as-of (all of them resolved by then)
 * created in [edges[0], edges[last]), per stretch between consecutive edges. NaN where none is stored.
 */
export async function storedResolutionMinutes(partnershipId: string, version: number, asOf: number, edges: readonly number[]): Promise<number[][]> {
  const rows = (await queryArrays(
    `SELECT width_bucket(${MS}, $5::float8[]), string_agg(coalesce("resolutionElapsedMinutes"::text, 'NaN'), ',')
       FROM "Ticket"
      WHERE "partnershipId" = $1 AND "createdAt" >= ${ts(2)} AND "createdAt" < ${ts(3)} AND "slaVersion" = $4::int AND "slaSettledMs" <= $6::float8
      GROUP BY 1`,
    [partnershipId, iso(edges[0]), iso(edges[edges.length - 1]), version, edges, asOf],
  )) as Array<[number, string]>
  const out: number[][] = edges.slice(1).map(() => [])
  for (const [bucket, list] of rows) if (bucket >= 1 && bucket < edges.length) out[bucket - 1] = list.split(',').map(Number)
  return out
}
