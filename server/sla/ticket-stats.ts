import { DateTime } from 'luxon'
import type { Priority } from './policy.ts'

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

/**
 * The tickets of a scan created in [from, to), seen as of asOf (a resolution after it has not happened yet), with
 * their net resolution minutes from an evaluation of the same rows at the same asOf.
 */
export function statsTickets(rows: StatsColumns, resolutionMinutes: Float64Array, asOf: number, from: number, to: number): StatsTicket[] {
  const out: StatsTicket[] = []
  for (let i = 0; i < rows.length; i++) {
    const createdAt = rows.createdAt[i]
    if (createdAt < from || createdAt >= to) continue
    const resolvedAt = rows.resolvedAt[i] <= asOf ? rows.resolvedAt[i] : null
    out.push({
      priority: rows.priority[i],
      createdAt,
      resolvedAt,
      escalated: rows.escalated[i] === 1,
      csat: Number.isNaN(rows.csat[i]) ? null : rows.csat[i],
      assignee: rows.assignee[i],
      queue: rows.queue[i],
      resolutionMinutes: resolvedAt === null ? null : resolutionMinutes[i],
    })
  }
  return out
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
function localWeeks(zone: string, from: number, to: number): { starts: number[]; keys: string[] } {
  const starts: number[] = []
  const keys: string[] = []
  const last = DateTime.fromMillis(to, { zone })
  for (let week = DateTime.fromMillis(from, { zone }).startOf('week'); week <= last; week = week.plus({ weeks: 1 })) {
    starts.push(week.toMillis())
    keys.push(weekKey(week))
  }
  return { starts, keys }
}

/** Index of the last start at or before t. */
function bucketOf(starts: readonly number[], t: number): number {
  let lo = 0
  let hi = starts.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (starts[mid] <= t) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

/**
 * Volume per local ISO week (every week from the first ticket's to the last one's, empty weeks included), volume
 * per queue, escalation rate and CSAT average, mean and median resolution time, and key-person dependency.
 * Rates are percentages except the key-person share (a fraction); each is null when there is nothing to rate.
 */
export function ticketStats(tickets: readonly StatsTicket[], zone: string): TicketStats {
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (const t of tickets) {
    if (t.createdAt < first) first = t.createdAt
    if (t.createdAt > last) last = t.createdAt
  }
  const weekIndex = tickets.length ? localWeeks(zone, first, last) : { starts: [], keys: [] }
  const weekly: TicketStats['weekly'] = weekIndex.keys.map((week) => ({ week, count: 0, byPriority: { P1: 0, P2: 0, P3: 0, P4: 0 } }))
  const queues = new Map<string, number>()
  let escalated = 0
  let csatSum = 0
  let csatCount = 0
  const resolution = new Float64Array(tickets.length)
  let resolved = 0
  for (const t of tickets) {
    const w = weekly[bucketOf(weekIndex.starts, t.createdAt)]
    w.count++
    w.byPriority[t.priority]++
    const queue = t.queue ?? '(none)'
    queues.set(queue, (queues.get(queue) ?? 0) + 1)
    if (t.escalated) escalated++
    if (t.csat !== null) {
      csatSum += t.csat
      csatCount++
    }
    if (t.resolutionMinutes !== null) resolution[resolved++] = t.resolutionMinutes
  }
  // A typed array sorts numerically without a comparator call per comparison.
  const sorted = resolution.subarray(0, resolved).sort()

  // Key-person dependency: of the escalated or P1/P2 tickets resolved, the share resolved by the top three assignees
  // (tickets without an assignee cannot be attributed to anyone and are left out of the count).
  const critical = tickets.filter((t) => t.resolvedAt !== null && t.assignee && (t.escalated || t.priority === 'P1' || t.priority === 'P2'))
  const byAssignee = new Map<string, number>()
  for (const t of critical) byAssignee.set(t.assignee!, (byAssignee.get(t.assignee!) ?? 0) + 1)
  const top = [...byAssignee.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3)

  return {
    total: tickets.length,
    weekly,
    byQueue: [...queues.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([queue, count]) => ({ queue, count })),
    escalationRate: tickets.length ? (100 * escalated) / tickets.length : null,
    meanResolutionMinutes: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null,
    medianResolutionMinutes: median(sorted),
    csatAverage: csatCount ? csatSum / csatCount : null,
    csatResponses: csatCount,
    keyPersonDependency: {
      share: critical.length ? top.reduce((a, [, n]) => a + n, 0) / critical.length : null,
      topAssignees: top.map(([assignee, count]) => ({ assignee, count })),
      considered: critical.length,
    },
  }
}
