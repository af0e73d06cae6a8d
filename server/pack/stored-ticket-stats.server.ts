import { queryArrays } from '../db/client.server.ts'
import { kpiMonthCounts } from './kpi-month-counts.server.ts'
import { PRIORITIES, type Priority } from '../sla/policy.ts'
import { MonthIndex } from '../sla/periods.ts'
import { type StatsCounts, bucketOf, localWeeks } from '../sla/ticket-stats.ts'

// The ticket statistics of the pack's two periods (sla/ticket-stats.ts: volume per week, per queue and assignee,
// escalations, CSAT, key-person counts) counted by the database from the cohort roll-up, and the stored resolution
// minutes of the settled tickets (ADR 022). What ticketStatsOf counts from a scan, without reading every ticket here.

const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`
const iso = (t: number) => new Date(t).toISOString()
const DAY_MS = 86_400_000
// Edges as UTC timestamps, so that rows are bucketed by comparing their stored instants (width_bucket over a sorted
// timestamp[]) rather than converting each to epoch milliseconds first. The same buckets: the columns are
// timestamp(3), whole milliseconds, and the edges are whole milliseconds.
const utcTimestamps = (edges: readonly number[]) => edges.map((t) => iso(t).slice(0, -1))

export interface StatsPeriods {
  partnershipId: string
  zone: string
  asOf: number
  /** The policy version in force at the as-of (its zone is `zone`): its tickets are counted from the cohort roll-up. */
  version: number
  /** The comparison window's tickets: created in [start, end). */
  previous: { start: number; end: number }
  /** The reviewed quarter's: created in [start, end), after the previous one's. */
  current: { start: number; end: number }
  /** The service KPIs' local months (sla/kpis): their cohort is every ticket created from previous.start to current.end. */
  kpiMonthStarts: readonly number[]
  /** Their keys ("2026-07"), as MonthIndex gives them. */
  kpiMonthKeys: readonly string[]
}

type Counts = Omit<StatsCounts, 'resolution'>

// GROUPING(per, w, priority, queue, assignee, m, kq): a bit set for each column a row is not grouped by. The texts
// are grouped in the "C" collation: the same groups (equal means the same bytes), sorted without the locale's rules.
const SET = { week: 15, queue: 55, assignee: 59, month: 125, keyPerson: 120 } as const

/**
 * The pieces of the window [from, until): each local (month, week) intersection, as "TicketCohortRollup" keys it,
 * with its period (0 previous, 1 current, 2 between them), week and month positions (1-based, as width_bucket
 * numbers them). A piece cut by a period's end or by the window's end is not counted from the roll-up: its
 * stretch inside the window is read from the tickets (`raw`).
 */
export function cohortPieces(p: StatsPeriods, weeks: { starts: readonly number[]; keys: readonly string[] }, until: number) {
  const from = p.previous.start
  const pieces = { keys: [] as string[], per: [] as number[], w: [] as number[], m: [] as number[] }
  const raw = { lo: [] as string[], hi: [] as string[] }
  // The edges of every piece, the ends of the last week and of the last month included.
  const lastWeek = weeks.starts[weeks.starts.length - 1]
  const lastMonth = p.kpiMonthStarts[p.kpiMonthStarts.length - 1]
  const ends = [localWeeks(p.zone, lastWeek, lastWeek + 8 * DAY_MS).starts[1], new MonthIndex(p.zone, lastMonth, lastMonth + 32 * DAY_MS).starts()[1]]
  const edges = [...new Set([...weeks.starts, ...p.kpiMonthStarts, ...ends])].sort((a, b) => a - b)
  const cuts = [p.previous.end, p.current.start]
  for (let i = 0; i < edges.length; i++) {
    const start = edges[i]
    // The last edge closes nothing: the month and week lists reach past the window.
    const end = edges[i + 1] ?? Number.POSITIVE_INFINITY
    if (end <= from || start >= until) continue
    const w = widthBucket(weeks.starts, start)
    const m = widthBucket(p.kpiMonthStarts, start)
    const whole = start >= from && end <= until && !cuts.some((c) => c > start && c < end) && w > 0 && m > 0
    if (whole) {
      pieces.keys.push(`${p.kpiMonthKeys[m - 1]}|${weeks.keys[w - 1]}`)
      pieces.per.push(start >= p.current.start ? 1 : end <= p.previous.end ? 0 : 2)
      pieces.w.push(w)
      pieces.m.push(m)
    } else {
      raw.lo.push(utcTimestamps([Math.max(start, from)])[0])
      raw.hi.push(utcTimestamps([Math.min(end, until)])[0])
    }
  }
  return { pieces, raw }
}

/** width_bucket's number for t over sorted starts: 0 before the first, k when starts[k - 1] <= t < starts[k]. */
const widthBucket = (starts: readonly number[], t: number) => bucketOf(starts, t) + 1

/**
 * Both periods' statistics and the service KPIs' counts (COUNTS_SQL's and KEY_PERSON_SQL's rows) from the cohort
 * roll-up (ADR 008 addendum "the cohort from a roll-up"): the rows of the version's whole pieces of the window, plus
 * the tickets the roll-up does not hold for this pack, read one by one: those stored under no or another version
 * (the zone of their pieces may differ), and those in a piece cut by a period's or the window's end. The roll-up
 * counts a ticket critical when resolved at all; those of its tickets resolved after the as-of are taken off.
 * Grouping sets then add the rows up per (period, local week, priority), (period, queue), (period, assignee) with
 * the escalations, CSAT and key-person counts, per local month, and per (month, queue, assignee) for the service
 * KPIs' key-person counts. COUNTS_SQL's seven rate counts per month are kpiMonthCounts', mostly from the roll-up.
 */
export async function storedCohortCounts(p: StatsPeriods): Promise<{ stats: [Counts, Counts]; countRows: number[][]; keyRows: Array<[number, string, string, number]> }> {
  const weeks = localWeeks(p.zone, p.previous.start, Math.max(p.previous.start, p.current.end - 1))
  const until = Math.max(p.previous.start, p.current.end)
  const { pieces, raw } = cohortPieces(p, weeks, until)
  // The service KPIs' seven rate counts per month, mostly from the roll-up (kpi-month-counts.server.ts), on another
  // connection meanwhile; the statement below counts each month's tickets and key persons.
  const rated = kpiMonthCounts(p.partnershipId, p.zone, p.kpiMonthStarts, until, p.asOf)
  // Awaited after the statement below: should that fail first, this one's failure is not left unhandled.
  rated.catch(() => {})
  // A ticket read one by one, with its period, week and month found as the pieces' are.
  const one = (sign: string, critical: string) => `SELECT CASE WHEN "createdAt" >= ${ts(3)} THEN 1 WHEN "createdAt" < ${ts(2)} THEN 0 ELSE 2 END AS per,
            width_bucket("createdAt", $6::timestamp[]) AS w, width_bucket("createdAt", $7::timestamp[]) AS m, "priority",
            "queue" COLLATE "C" AS "queue", coalesce("queue", '(none)') COLLATE "C" AS kq, "assignee" COLLATE "C" AS "assignee",
            ${sign} AS n, ${sign === '1' ? '"escalated"::int' : '0'} AS escalated, ${sign === '1' ? 'coalesce("csat", 0)' : '0'} AS csat_sum,
            ${sign === '1' ? '("csat" IS NOT NULL)::int' : '0'} AS csat_n, ${critical} AS crit`
  const crit = `("escalated" OR "priority" IN ('P1', 'P2'))`
  const inWindow = `"createdAt" >= ${ts(8)} AND "createdAt" < ${ts(4)}`
  const inRaw = `EXISTS (SELECT 1 FROM unnest($14::timestamp[], $15::timestamp[]) AS g(lo, hi) WHERE "createdAt" >= g.lo AND "createdAt" < g.hi)`
  const rows = (await queryArrays(
    `WITH f AS (
       SELECT p.per, p.w, p.m, r."priority", r."queue" COLLATE "C" AS "queue", coalesce(r."queue", '(none)') COLLATE "C" AS kq,
              r."assignee" COLLATE "C" AS "assignee", r."tickets" AS n, r."escalated", r."csatSum" AS csat_sum, r."csatCount" AS csat_n, r."critical" AS crit
         FROM unnest($10::text[], $11::int[], $12::int[], $13::int[]) AS p(key, per, w, m)
        CROSS JOIN LATERAL (SELECT * FROM "TicketCohortRollup" WHERE "partnershipId" = $1 AND "slaVersion" = $9::int AND "cohortKey" = p.key) r
       UNION ALL
       ${one('1', `("resolvedAt" <= ${ts(5)} AND ${crit})::int`)}
         FROM "Ticket"
        WHERE "partnershipId" = $1 AND ${inWindow} AND ("slaVersion" IS NULL OR "slaVersion" < $9::int OR "slaVersion" > $9::int)
       UNION ALL
       ${one('1', `("resolvedAt" <= ${ts(5)} AND ${crit})::int`)}
         FROM unnest($14::timestamp[], $15::timestamp[]) AS g(lo, hi)
        CROSS JOIN LATERAL (SELECT * FROM "Ticket" WHERE "partnershipId" = $1 AND "createdAt" >= g.lo AND "createdAt" < g.hi AND "slaVersion" = $9::int) t
       UNION ALL
       ${one('0', '-1')}
         FROM "Ticket"
        WHERE "partnershipId" = $1 AND "resolvedAt" > ${ts(5)} AND ${inWindow} AND "slaVersion" = $9::int AND ${crit} AND NOT ${inRaw}
     )
     SELECT GROUPING(per, w, "priority", "queue", "assignee", m, kq)::int, per, w, "priority"::text, "queue", "assignee", m, kq, sum(n)::int,
            sum(escalated)::int, sum(csat_sum)::int, sum(csat_n)::int,
            coalesce(sum(crit) FILTER (WHERE "assignee" <> ''), 0)::int, coalesce(sum(crit) FILTER (WHERE "assignee" IS NOT NULL), 0)::int
       FROM f
      GROUP BY GROUPING SETS ((per, w, "priority"), (per, "queue"), (per, "assignee"), (m), (m, kq, "assignee"))
     HAVING sum(n) > 0`,
    [p.partnershipId, iso(p.previous.end), iso(p.current.start), iso(until), iso(p.asOf), utcTimestamps(weeks.starts), utcTimestamps(p.kpiMonthStarts), iso(p.previous.start), p.version, pieces.keys, pieces.per, pieces.w, pieces.m, raw.lo, raw.hi],
  )) as Array<[number, number, number, Priority, string | null, string | null, number, string, ...number[]]>
  const rates = await rated

  const counts = [0, 1].map(() => ({
    total: 0,
    firstWeek: Number.POSITIVE_INFINITY,
    lastWeek: Number.NEGATIVE_INFINITY,
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
  for (const [g, per, w, priority, queue, assignee, m, kq, n, escalated, csatSum, csatCount, critical, keyPerson] of rows) {
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
      c.firstWeek = Math.min(c.firstWeek, w)
      c.lastWeek = Math.max(c.lastWeek, w)
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
  const stats = counts.map(({ firstWeek, lastWeek, ...c }, i) => {
    c.weekKeys = c.total ? weeks.keys.slice(firstWeek - 1, lastWeek) : []
    c.perWeek = new Int32Array(c.weekKeys.length * PRIORITIES.length)
    c.weekKeys.forEach((key, k) => c.perWeek.set(perWeek[i].get(key) ?? [], k * PRIORITIES.length))
    return c
  })
  return { stats: [stats[0], stats[1]], countRows, keyRows }
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
  // One range read of the (partnershipId, createdAt) index per stretch: cheaper than bucketing every row of one read.
  const bounds = utcTimestamps(edges)
  const rows = (await queryArrays(
    `SELECT e.k::int, (SELECT string_agg(float8send(coalesce("resolutionElapsedMinutes", 'NaN'::float8)), ''::bytea)
                        FROM "Ticket"
                       WHERE "partnershipId" = $1 AND "createdAt" >= e.lo AND "createdAt" < e.hi AND "slaVersion" = $2::int AND "slaSettledMs" <= $3::float8)
       FROM unnest($4::timestamp[], $5::timestamp[]) WITH ORDINALITY AS e(lo, hi, k)`,
    [partnershipId, version, asOf, bounds.slice(0, -1), bounds.slice(1)],
  )) as Array<[number, Uint8Array | null]>
  const out: Float64Array[] = edges.slice(1).map(() => new Float64Array(0))
  for (const [stretch, bytes] of rows) if (bytes) out[stretch - 1] = float8s(bytes)
  return out
}
