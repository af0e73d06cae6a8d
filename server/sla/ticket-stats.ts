import { DateTime } from 'luxon'
import { PRIORITIES, type Priority } from './policy.ts'

// Figures for the QBR beyond SLA attainment, pure over plain ticket rows.

export interface StatsTicket {
  priority: Priority
  createdAt: number
  resolvedAt: number | null
  escalated: boolean
  csat: number | null
  assignee: string | null
  queue: string | null
  /** Net business (or 24x7, per the priority's clock) minutes to resolution; null while open. */
  resolutionMinutes: number | null
}

export interface TicketStats {
  total: number
  weekly: Array<{ week: string; count: number; byPriority: Record<Priority, number> }>
  byQueue: Array<{ queue: string; count: number }>
  /** Tickets opened per assignee ("(unassigned)" for none), most first. */
  byAssignee: Array<{ assignee: string; count: number }>
  escalationRate: number | null
  meanResolutionMinutes: number | null
  medianResolutionMinutes: number | null
  csatAverage: number | null
  csatResponses: number
  keyPersonDependency: { share: number | null; topAssignees: Array<{ assignee: string; count: number }>; considered: number }
}

/** What the figures read of each ticket, as a scan's columns (NaN for none). */
export interface StatsColumns {
  length: number
  priority: readonly Priority[]
  createdAt: Float64Array
  resolvedAt: Float64Array
  escalated: Uint8Array
  csat: Float64Array
  assignee: ReadonlyArray<string | null>
  queue: ReadonlyArray<string | null>
}

export function median(sorted: ArrayLike<number>): number | null {
  if (sorted.length === 0) return null
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const weekKey = (d: DateTime) => `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`

/** ISO week of the instant in the zone, e.g. "2026-W27". */
export function isoWeek(t: number, zone: string): string {
  return weekKey(DateTime.fromMillis(t, { zone }))
}

/**
 * The local ISO weeks (Monday 00:00 to Monday 00:00 in the zone) from the week of `from` to the week of `to`, as
 * instants: bucketing many instants is then a binary search each instead of a timezone conversion each.
 */
// The weeks of (zone, from, to), computed once per process (a pure function of its arguments; see MonthIndex).
const WEEKS_CACHE_LIMIT = 256
const weeksCache = new Map<string, { starts: readonly number[]; keys: readonly string[] }>()

export function localWeeks(zone: string, from: number, to: number): { starts: number[]; keys: string[] } {
  const key = `${zone}|${from}|${to}`
  let hit = weeksCache.get(key)
  if (!hit) {
    const starts: number[] = []
    const keys: string[] = []
    const last = DateTime.fromMillis(to, { zone })
    for (let week = DateTime.fromMillis(from, { zone }).startOf('week'); week <= last; week = week.plus({ weeks: 1 }).startOf('week')) {
      starts.push(week.toMillis())
      keys.push(weekKey(week))
    }
    hit = { starts, keys }
    if (weeksCache.size >= WEEKS_CACHE_LIMIT) weeksCache.delete(weeksCache.keys().next().value!)
    weeksCache.set(key, hit)
  }
  // Copies: a caller may change its lists.
  return { starts: [...hit.starts], keys: [...hit.keys] }
}

/** Index of the last start at or before t (-1 before the first): a binary search over sorted instants. */
export function bucketOf(starts: readonly number[], t: number): number {
  let lo = 0
  let hi = starts.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (starts[mid] <= t) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

const PRIORITY_INDEX: Record<Priority, number> = { P1: 0, P2: 1, P3: 2, P4: 3 }

/**
 * Volume per local ISO week (every week from the first ticket's to the last one's, empty weeks included), volume
 * per queue, escalation rate and CSAT average, mean and median resolution time, and key-person dependency.
 * Rates are percentages except the key-person share (a fraction); each is null when there is nothing to rate.
 * Over plain ticket objects; ticketStatsOf reads a scan's columns.
 */
export function ticketStats(tickets: readonly StatsTicket[], zone: string): TicketStats {
  const resolutionMinutes = Float64Array.from(tickets, (t) => t.resolutionMinutes ?? Number.NaN)
  const columns: StatsColumns = {
    length: tickets.length,
    priority: tickets.map((t) => t.priority),
    createdAt: Float64Array.from(tickets, (t) => t.createdAt),
    // Resolved as far as the figures go: the objects say so themselves.
    resolvedAt: Float64Array.from(tickets, (t) => (t.resolvedAt === null ? Number.NaN : 0)),
    escalated: Uint8Array.from(tickets, (t) => (t.escalated ? 1 : 0)),
    csat: Float64Array.from(tickets, (t) => t.csat ?? Number.NaN),
    assignee: tickets.map((t) => t.assignee),
    queue: tickets.map((t) => t.queue),
  }
  return ticketStatsOf(columns, resolutionMinutes, 0, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, zone)
}

/**
 * ticketStats of the tickets of a scan created in [from, to), seen as of asOf (a resolution after it has not
 * happened yet), with their net resolution minutes from an evaluation of the same rows at the same asOf. One pass
 * over the columns, counting into arrays: no object per ticket.
 */
export function ticketStatsOf(rows: StatsColumns, resolutionMinutes: Float64Array, asOf: number, from: number, to: number, zone: string): TicketStats {
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  let total = 0
  for (let i = 0; i < rows.length; i++) {
    const createdAt = rows.createdAt[i]
    if (createdAt < from || createdAt >= to) continue
    total++
    if (createdAt < first) first = createdAt
    if (createdAt > last) last = createdAt
  }
  const weekIndex = total ? localWeeks(zone, first, last) : { starts: [], keys: [] }
  const perWeek = new Int32Array(weekIndex.keys.length * PRIORITIES.length)
  const queues = new Map<string, number>()
  const assignees = new Map<string, number>()
  const byAssignee = new Map<string, number>()
  let critical = 0
  let escalated = 0
  let csatSum = 0
  let csatCount = 0
  const resolution = new Float64Array(total)
  let resolved = 0
  for (let i = 0; i < rows.length; i++) {
    const createdAt = rows.createdAt[i]
    if (createdAt < from || createdAt >= to) continue
    const priority = rows.priority[i]
    perWeek[bucketOf(weekIndex.starts, createdAt) * PRIORITIES.length + PRIORITY_INDEX[priority]]++
    const queue = rows.queue[i] ?? '(none)'
    queues.set(queue, (queues.get(queue) ?? 0) + 1)
    const assignee = rows.assignee[i]
    const assigned = assignee ?? '(unassigned)'
    assignees.set(assigned, (assignees.get(assigned) ?? 0) + 1)
    const isEscalated = rows.escalated[i] === 1
    if (isEscalated) escalated++
    const csat = rows.csat[i]
    if (!Number.isNaN(csat)) {
      csatSum += csat
      csatCount++
    }
    // Resolved by asOf (NaN, no resolution, compares false).
    if (rows.resolvedAt[i] <= asOf) {
      resolution[resolved++] = resolutionMinutes[i]
      // Key-person dependency: of the escalated or P1/P2 tickets resolved, the share resolved by the top three
      // assignees (tickets without an assignee cannot be attributed to anyone and are left out of the count).
      if (assignee && (isEscalated || priority === 'P1' || priority === 'P2')) {
        critical++
        byAssignee.set(assignee, (byAssignee.get(assignee) ?? 0) + 1)
      }
    }
  }
  // A typed array sorts numerically without a comparator call per comparison.
  return statsOfCounts({ total, weekKeys: weekIndex.keys, perWeek, queues, assignees, byAssignee, critical, escalated, csatSum, csatCount, resolution: resolution.subarray(0, resolved).sort() })
}

/** What the figures are made of, counted over a period's tickets (by a scan here, or by the database). */
export interface StatsCounts {
  total: number
  /** The local ISO weeks from the first ticket's to the last one's (localWeeks), and per week the count per priority. */
  weekKeys: readonly string[]
  perWeek: Int32Array
  queues: ReadonlyMap<string, number>
  assignees: ReadonlyMap<string, number>
  /** Escalated or P1/P2 tickets resolved by the as-of, per assignee (unassigned ones left out), and their sum. */
  byAssignee: ReadonlyMap<string, number>
  critical: number
  escalated: number
  csatSum: number
  csatCount: number
  /** Resolution minutes of the tickets resolved by the as-of, sorted (Float64Array order: NaN last). */
  resolution: Float64Array
}

export function statsOfCounts(c: StatsCounts): TicketStats {
  const { total, weekKeys, perWeek, escalated, csatSum, csatCount, critical } = c
  const sorted = c.resolution
  const top = [...c.byAssignee.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3)
  const weekly: TicketStats['weekly'] = weekKeys.map((week, w) => {
    const counts = perWeek.subarray(w * PRIORITIES.length, (w + 1) * PRIORITIES.length)
    return { week, count: counts.reduce((a, b) => a + b, 0), byPriority: { P1: counts[0], P2: counts[1], P3: counts[2], P4: counts[3] } }
  })

  return {
    total,
    weekly,
    byQueue: [...c.queues.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([queue, count]) => ({ queue, count })),
    byAssignee: [...c.assignees.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([assignee, count]) => ({ assignee, count })),
    escalationRate: total ? (100 * escalated) / total : null,
    meanResolutionMinutes: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null,
    medianResolutionMinutes: median(sorted),
    csatAverage: csatCount ? csatSum / csatCount : null,
    csatResponses: csatCount,
    keyPersonDependency: {
      share: critical ? top.reduce((a, [, n]) => a + n, 0) / critical : null,
      topAssignees: top.map(([assignee, count]) => ({ assignee, count })),
      considered: critical,
    },
  }
}
