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

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** ISO week of the instant in the zone, e.g. "2026-W27". */
export function isoWeek(t: number, zone: string): string {
  const d = DateTime.fromMillis(t, { zone })
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`
}

export function ticketStats(tickets: readonly StatsTicket[], zone: string): TicketStats {
  const weeks = new Map<string, { count: number; byPriority: Record<Priority, number> }>()
  const queues = new Map<string, number>()
  let escalated = 0
  let csatSum = 0
  let csatCount = 0
  const resolution: number[] = []
  const weekCache = new Map<number, string>()
  for (const t of tickets) {
    // One timezone conversion per local day, not per ticket.
    const dayKey = Math.floor(t.createdAt / 3_600_000)
    let week = weekCache.get(dayKey)
    if (!week) {
      week = isoWeek(t.createdAt, zone)
      weekCache.set(dayKey, week)
    }
    const w = weeks.get(week) ?? { count: 0, byPriority: { P1: 0, P2: 0, P3: 0, P4: 0 } }
    w.count++
    w.byPriority[t.priority]++
    weeks.set(week, w)
    const queue = t.queue ?? '(none)'
    queues.set(queue, (queues.get(queue) ?? 0) + 1)
    if (t.escalated) escalated++
    if (t.csat !== null) {
      csatSum += t.csat
      csatCount++
    }
    if (t.resolutionMinutes !== null) resolution.push(t.resolutionMinutes)
  }
  resolution.sort((a, b) => a - b)

  // Key-person dependency: of the escalated or P1/P2 tickets resolved, the share resolved by the top three assignees.
  const critical = tickets.filter((t) => t.resolvedAt !== null && t.assignee && (t.escalated || t.priority === 'P1' || t.priority === 'P2'))
  const byAssignee = new Map<string, number>()
  for (const t of critical) byAssignee.set(t.assignee!, (byAssignee.get(t.assignee!) ?? 0) + 1)
  const top = [...byAssignee.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3)

  return {
    total: tickets.length,
    weekly: [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, w]) => ({ week, ...w })),
    byQueue: [...queues.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([queue, count]) => ({ queue, count })),
    escalationRate: tickets.length ? (100 * escalated) / tickets.length : null,
    meanResolutionMinutes: resolution.length ? resolution.reduce((a, b) => a + b, 0) / resolution.length : null,
    medianResolutionMinutes: median(resolution),
    csatAverage: csatCount ? csatSum / csatCount : null,
    csatResponses: csatCount,
    keyPersonDependency: {
      share: critical.length ? top.reduce((a, [, n]) => a + n, 0) / critical.length : null,
      topAssignees: top.map(([assignee, count]) => ({ assignee, count })),
      considered: critical.length,
    },
  }
}
