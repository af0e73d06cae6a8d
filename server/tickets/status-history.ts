// Status history -> pause intervals, and a status -> lifecycle (pure: the PSA sync, the CSV import and the push
// API share it). Status names compare case-insensitively and trimmed: vendors and people type them differently.

export const LIFECYCLES = ['open', 'waiting', 'resolved', 'closed'] as const
export type Lifecycle = (typeof LIFECYCLES)[number]

/** One status change: the ticket entered `to` at `at` (ISO instant), coming from `from` when the source says. */
export interface StatusChange {
  at: string
  from: string | null
  to: string
}

/** A pause as stored: [start, end (null = still paused), reason (the status name or names)]. */
export type Pause = [string, string | null, string]

/** Which status names mean waiting (the clock stops), resolved and closed. */
export interface StatusRules {
  waiting: ReadonlySet<string>
  resolved: ReadonlySet<string>
  closed: ReadonlySet<string>
}

export const statusKey = (name: string) => name.trim().toLowerCase()

export function statusRules(map: { waiting?: readonly string[]; resolved?: readonly string[]; closed?: readonly string[] }): StatusRules {
  const set = (names: readonly string[] | undefined) => new Set((names ?? []).map(statusKey).filter(Boolean))
  return { waiting: set(map.waiting), resolved: set(map.resolved), closed: set(map.closed) }
}

/**
 * Where a ticket stands. A source's own closed flag wins (ConnectWise `closedFlag`, Autotask Complete, Halo's
 * closing ids), then the map by name; a ticket with a resolution time and no status saying otherwise is resolved.
 */
export function lifecycleOf(status: string, closedFlag: boolean, resolved: boolean, rules: StatusRules): Lifecycle {
  const key = statusKey(status)
  if (closedFlag || rules.closed.has(key)) return 'closed'
  if (rules.resolved.has(key)) return 'resolved'
  if (rules.waiting.has(key)) return 'waiting'
  return resolved ? 'resolved' : 'open'
}

/**
 * The changes oldest first (equal instants in the order given) with their instants in ms; a change whose instant
 * does not parse is left out. A history already in order, as the PSAs send it, is not copied: a sync reads one per
 * ticket, three times over (pauses, completion, reopens).
 */
function chronological(changes: readonly StatusChange[]): { list: readonly StatusChange[]; ms: number[] } {
  const ms = new Array<number>(changes.length)
  let ordered = true
  for (let i = 0; i < changes.length; i++) {
    ms[i] = Date.parse(changes[i].at)
    if (Number.isNaN(ms[i]) || (i > 0 && ms[i] < ms[i - 1])) ordered = false
  }
  if (ordered) return { list: changes, ms }
  const sorted = changes
    .map((c, i) => ({ c, ms: ms[i], i }))
    .filter((c) => !Number.isNaN(c.ms))
    .sort((a, b) => a.ms - b.ms || a.i - b.i)
  return { list: sorted.map((c) => c.c), ms: sorted.map((c) => c.ms) }
}

/**
 * Walks a status history oldest first: entering a waiting status opens a pause, leaving it for any other status
 * (closing included) ends it, consecutive waiting statuses are one pause (its reason names each, in order). The
 * status before the first change is that change's `from` (unknown: not waiting); with no change at all, it is
 * `initialStatus` (the current one). A ticket still waiting at the end
 * has an open pause (end null), which the SLA engine ends at its as-of instant. A pause never starts before
 * `createdAt` (it is clamped there), and one that ends there or before is dropped.
 */
export function pausesFromHistory(changes: readonly StatusChange[], options: { createdAt: string; initialStatus: string | null; waiting: ReadonlySet<string> }): Pause[] {
  const created = Date.parse(options.createdAt)
  const { list, ms } = chronological(changes)
  const pauses: Pause[] = []
  let open: { start: number; reasons: string[] } | null = null
  const enter = (status: string | null, at: number) => {
    const waiting = status !== null && options.waiting.has(statusKey(status))
    if (waiting) {
      if (!open) open = { start: Math.max(at, created), reasons: [] }
      if (!open.reasons.some((r) => statusKey(r) === statusKey(status))) open.reasons.push(status.trim())
    } else if (open) {
      if (at > open.start) pauses.push([new Date(open.start).toISOString(), new Date(at).toISOString(), open.reasons.join(', ')])
      open = null
    }
  }
  enter(list.length ? list[0].from : options.initialStatus, created)
  for (let i = 0; i < list.length; i++) enter(list[i].to, ms[i])
  if (open) {
    const still = open as { start: number; reasons: string[] }
    pauses.push([new Date(still.start).toISOString(), null, still.reasons.join(', ')])
  }
  return pauses
}

/**
 * The CSV `statusHistory` cell: `instant=Status;instant=Status`, each the instant a ticket entered a status (an
 * ISO instant has no "=", a status name may hold any other character but ";").
 */
export function parseStatusHistoryCell(value: string | undefined): Array<{ at: string; status: string }> {
  const v = (value ?? '').trim()
  if (!v) return []
  return v.split(';').flatMap((part) => {
    if (!part.trim()) return []
    const cut = part.indexOf('=')
    // Left for the schema to reject with the field named ("statusHistory.N.at" / ".status").
    return [cut < 0 ? { at: part.trim(), status: '' } : { at: part.slice(0, cut).trim(), status: part.slice(cut + 1).trim() }]
  })
}

/**
 * What a PSA said of a ticket's statuses, kept on the ticket (`Ticket.statusSource`) so that a new status map is
 * applied to stored tickets without reading the PSA again: its own closed flag, its own resolution time, the board
 * whose statuses name it (ConnectWise), and its status changes as [at, from, to].
 */
export interface StatusSource {
  closed: boolean
  resolvedAt: string | null
  board: string | null
  changes: Array<[string, string | null, string]>
}

export function statusSourceOf(ticket: { closed: boolean; resolvedAt: string | null; boardId?: string | null }, changes: readonly StatusChange[]): StatusSource {
  return { closed: ticket.closed, resolvedAt: ticket.resolvedAt, board: ticket.boardId ?? null, changes: changes.map((c) => [c.at, c.from, c.to]) }
}

/** A kept status source as read back from the database; null when the row has none or it is not one. */
export function readStatusSource(value: unknown): StatusSource | null {
  if (!value || typeof value !== 'object' || !Array.isArray((value as StatusSource).changes)) return null
  const v = value as StatusSource
  return { closed: v.closed === true, resolvedAt: typeof v.resolvedAt === 'string' ? v.resolvedAt : null, board: typeof v.board === 'string' ? v.board : null, changes: v.changes }
}

export const changesOf = (source: StatusSource): StatusChange[] => source.changes.map(([at, from, to]) => ({ at, from, to }))

/**
 * When a finished ticket (lifecycle resolved or closed) finished, read from its status history: the first change of
 * the last stretch of resolved or closed statuses (In Progress → Resolved at t1 → Closed at t2 finished at t1; a
 * reopened ticket finished when it was last resolved or closed). Null when the history does not show it: the ticket
 * never entered a resolved or closed status that the rules know, or the change is not in the history.
 */
export function completionFromHistory(changes: readonly StatusChange[], rules: StatusRules): string | null {
  const done = (status: string) => rules.resolved.has(statusKey(status)) || rules.closed.has(statusKey(status))
  const { list, ms } = chronological(changes)
  let start: number | null = null
  for (let i = 0; i < list.length; i++) {
    if (!done(list[i].to)) start = null
    else if (start === null) start = ms[i]
  }
  return start === null ? null : new Date(start).toISOString()
}

/**
 * How many times a ticket was reopened: left a resolved or closed status for any other (oldest change first). The
 * status before the first change is its `from` when known. Rules that name no resolved or closed status count none.
 */
export function reopensFromHistory(changes: readonly StatusChange[], rules: StatusRules): number {
  const finished = (status: string | null) => status !== null && (rules.resolved.has(statusKey(status)) || rules.closed.has(statusKey(status)))
  const { list } = chronological(changes)
  let count = 0
  let done = list.length ? finished(list[0].from) : false
  for (const c of list) {
    const now = finished(c.to)
    if (done && !now) count++
    done = now
  }
  return count
}
