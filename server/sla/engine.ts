import { type BusinessCalendar, calendarFor } from './calendar.ts'
import type { Priority, SlaPolicy } from './policy.ts'
import type { Lifecycle } from '../tickets/status-history.ts'

// Ticket verdicts under a policy. The rules, each pinned by a test in engine.test.ts:
// - a `business` clock counts time inside the calendar's windows; a `24x7` clock counts real elapsed time;
// - response runs from createdAt to firstResponseAt and is never paused;
// - resolution runs from createdAt to resolvedAt, minus the clock time inside the pauses (merged, clipped to
//   [createdAt, end]; an open pause lasts until the end);
// - the due instant is the earliest instant at which the (net) clock reaches the target, so a budget that runs out
//   exactly at a window's end is due then; null while an open ticket sits in a pause that began before it was due;
// - one verdict rule (issue 11 §3): met when completed with elapsed ≤ target, breached when elapsed > target (completed
//   or not, elapsed counted up to asOf); otherwise pending. A completion later in wall-clock time with the same elapsed
//   clock time is still met: a budget that ran out at Monday 18:00 is met by a resolution at 19:00 or at Tuesday 08:00;
// - decidedAt is the completion for met, and for breached the last instant at which the clock still stood at the
//   target (the breach instant): the due instant when that falls inside clock hours, else the next instant the clock
//   runs again (the next window's start, or the end of a pause that began exactly at the due instant). So a verdict
//   never turns from breached back to met as asOf moves on, and breached ⇔ asOf > decidedAt for an open ticket;
// - the ticket is seen as of asOf: a response, resolution or pause end recorded after asOf has not happened yet;
// - a ticket finished by its lifecycle (resolved or closed) with no known completion instant has an unknown
//   completion: its resolution clock stays pending and `completionUnknown`, never breached nor at risk (ADR 011).
//
// All arithmetic is in epoch ms, exact for integer timestamps; minutes in the output are ms / 60 000, unrounded
// (round for display only).
//
// evaluateTicket returns objects; evaluateBatch writes a large batch into typed-array columns instead, which is what
// keeps a million verdicts well under a second (the objects, not the arithmetic, are what cost at that scale).

export type Verdict = 'met' | 'breached' | 'pending'
export type Clock = '24x7' | 'business'

export interface SlaTicket {
  priority: Priority
  createdAt: number
  firstResponseAt: number | null
  resolvedAt: number | null
  /** [start, end] in epoch ms; end null while open. Any order, may overlap (sorted and merged is fastest). */
  pauses: ReadonlyArray<readonly [start: number, end: number | null]>
  /** Resolved or closed by its lifecycle, but when is not known (no resolvedAt): no resolution verdict. */
  completionUnknown?: boolean
}

export interface MetricVerdict {
  verdict: Verdict
  dueAt: number | null
  elapsedMinutes: number
  decidedAt: number | null
  targetMinutes: number
  clock: Clock
}

export interface ResolutionVerdict extends MetricVerdict {
  pausedMinutes: number
  /** Finished, but when is not known: pending for good, never breached (elapsed is counted to asOf all the same). */
  completionUnknown: boolean
}

export interface TicketVerdict {
  response: MetricVerdict
  resolution: ResolutionVerdict
}

export type EnginePolicy = Pick<SlaPolicy, 'targets'>

const MINUTE_MS = 60_000

/** Verdict codes in a VerdictTable. */
export const VERDICTS: readonly Verdict[] = ['pending', 'met', 'breached']
const PENDING = 0
const MET = 1
const BREACHED = 2

/**
 * Verdicts of many tickets as columns (row i is tickets[i]): no objects per ticket, so a batch of a million costs
 * a few typed arrays instead of millions of small objects for the garbage collector. Instants are epoch ms and
 * NaN stands for null; verdicts are indexes into VERDICTS.
 */
export interface VerdictTable {
  length: number
  responseVerdict: Uint8Array
  responseDueAt: Float64Array
  responseElapsedMinutes: Float64Array
  responseDecidedAt: Float64Array
  resolutionVerdict: Uint8Array
  resolutionDueAt: Float64Array
  resolutionElapsedMinutes: Float64Array
  resolutionPausedMinutes: Float64Array
  resolutionDecidedAt: Float64Array
  /** 1 where the ticket finished at an unknown instant (pending for good). */
  resolutionUnknown: Uint8Array
}

export function createVerdictTable(length: number): VerdictTable {
  return {
    length,
    responseVerdict: new Uint8Array(length),
    responseDueAt: new Float64Array(length),
    responseElapsedMinutes: new Float64Array(length),
    responseDecidedAt: new Float64Array(length),
    resolutionVerdict: new Uint8Array(length),
    resolutionDueAt: new Float64Array(length),
    resolutionElapsedMinutes: new Float64Array(length),
    resolutionPausedMinutes: new Float64Array(length),
    resolutionDecidedAt: new Float64Array(length),
    resolutionUnknown: new Uint8Array(length),
  }
}

// One evaluation reports through module state rather than a result object: it runs once per ticket on the hot
// path, and nothing here awaits, so no other evaluation can interleave.
let responseVerdict = PENDING
let responseDue = 0
let responseElapsed = 0
let responseDecided = Number.NaN
let resolutionVerdict = PENDING
let resolutionDue = Number.NaN
let resolutionElapsed = 0
let resolutionPaused = 0
let resolutionDecided = Number.NaN
let resolutionUnknown = 0
let walkCursor = 0
let walkRemaining = 0
let walkDueFound = false
let walkBreach = Number.NaN

type Target = SlaPolicy['targets'][Priority]

function targetOf(policy: EnginePolicy, priority: Priority): Target {
  const target = policy.targets[priority]
  if (target === undefined) throw new RangeError(`No SLA targets for priority ${String(priority)}`)
  return target
}

/** Evaluates one ticket into the module state above. */
function compute(calendar: BusinessCalendar, target: Target, ticket: SlaTicket, asOf: number): void {
  const business = target.clock === 'business'
  const created = ticket.createdAt
  const createdPos = business ? calendar.position(created) : created

  const firstResponseAt = ticket.firstResponseAt
  const responded = firstResponseAt !== null && firstResponseAt <= asOf
  const responseEnd = responded ? firstResponseAt : asOf
  const responseTarget = target.responseMinutes * MINUTE_MS
  responseElapsed = responseEnd > created ? (business ? calendar.position(responseEnd) : responseEnd) - createdPos : 0
  responseDue = business ? calendar.instantAt(createdPos + responseTarget) : created + responseTarget
  if (responseElapsed > responseTarget) {
    responseVerdict = BREACHED
    responseDecided = business ? calendar.lastInstantAt(createdPos + responseTarget) : responseDue
  } else if (responded) {
    responseVerdict = MET
    responseDecided = firstResponseAt
  } else {
    responseVerdict = PENDING
    responseDecided = Number.NaN
  }

  const resolvedAt = ticket.resolvedAt
  const resolved = resolvedAt !== null && resolvedAt <= asOf
  const resolutionTarget = target.resolutionMinutes * MINUTE_MS
  walkResolution(calendar, business, created, createdPos, resolved ? resolvedAt : asOf, resolved, ticket.pauses, resolutionTarget)
  resolutionUnknown = !resolved && resolvedAt === null && ticket.completionUnknown === true ? 1 : 0
  if (resolutionUnknown) {
    // It finished at some instant we do not know: no verdict, rather than "open past due" for ever.
    resolutionVerdict = PENDING
    resolutionDecided = Number.NaN
  } else if (resolutionElapsed > resolutionTarget) {
    resolutionVerdict = BREACHED
    resolutionDecided = walkBreach
  } else if (resolved) {
    resolutionVerdict = MET
    resolutionDecided = resolvedAt
  } else {
    // Includes an open ticket held by a pause: its due instant is unknown (NaN) and it cannot breach while held.
    resolutionVerdict = PENDING
    resolutionDecided = Number.NaN
  }
}

function sizeTable(out: VerdictTable, length: number): void {
  if (out.responseVerdict.length < length) throw new RangeError(`The table holds ${out.responseVerdict.length} rows, not ${length}`)
  out.length = length
}

/** Writes the module state of the last evaluation into row i of a table. */
function store(out: VerdictTable, i: number): void {
  out.responseVerdict[i] = responseVerdict
  out.responseDueAt[i] = responseDue
  out.responseElapsedMinutes[i] = responseElapsed / MINUTE_MS
  out.responseDecidedAt[i] = responseDecided
  out.resolutionVerdict[i] = resolutionVerdict
  out.resolutionDueAt[i] = resolutionDue
  out.resolutionElapsedMinutes[i] = resolutionElapsed / MINUTE_MS
  out.resolutionPausedMinutes[i] = resolutionPaused / MINUTE_MS
  out.resolutionDecidedAt[i] = resolutionDecided
  out.resolutionUnknown[i] = resolutionUnknown
}

const orNull = (x: number) => (Number.isNaN(x) ? null : x)

export function evaluateTicket(calendar: BusinessCalendar, policy: EnginePolicy, ticket: SlaTicket, asOf: number): TicketVerdict {
  const target = targetOf(policy, ticket.priority)
  compute(calendar, target, ticket, asOf)
  return {
    response: {
      verdict: VERDICTS[responseVerdict],
      dueAt: responseDue,
      elapsedMinutes: responseElapsed / MINUTE_MS,
      decidedAt: orNull(responseDecided),
      targetMinutes: target.responseMinutes,
      clock: target.clock,
    },
    resolution: {
      verdict: VERDICTS[resolutionVerdict],
      dueAt: orNull(resolutionDue),
      elapsedMinutes: resolutionElapsed / MINUTE_MS,
      pausedMinutes: resolutionPaused / MINUTE_MS,
      decidedAt: orNull(resolutionDecided),
      targetMinutes: target.resolutionMinutes,
      clock: target.clock,
      completionUnknown: resolutionUnknown === 1,
    },
  }
}

/** evaluateTicket over many tickets at one asOf, as objects (see evaluateBatch for large batches). */
export function evaluateTickets(calendar: BusinessCalendar, policy: EnginePolicy, tickets: readonly SlaTicket[], asOf: number): TicketVerdict[] {
  const out = new Array<TicketVerdict>(tickets.length)
  for (let i = 0; i < tickets.length; i++) out[i] = evaluateTicket(calendar, policy, tickets[i], asOf)
  return out
}

/** evaluateTicket over many tickets at one asOf, into columns (`out` is reused when given and large enough). */
export function evaluateBatch(
  calendar: BusinessCalendar,
  policy: EnginePolicy,
  tickets: readonly SlaTicket[],
  asOf: number,
  out: VerdictTable = createVerdictTable(tickets.length),
): VerdictTable {
  sizeTable(out, tickets.length)
  const { targets } = policy
  for (let i = 0; i < tickets.length; i++) {
    const ticket = tickets[i]
    compute(calendar, targets[ticket.priority] ?? targetOf(policy, ticket.priority), ticket, asOf)
    store(out, i)
  }
  return out
}

/** Tickets as columns (row i across the arrays), the shape a database scan produces: instants in epoch ms, NaN for none. */
export interface TicketColumns {
  length: number
  priority: readonly Priority[]
  createdAt: Float64Array
  firstResponseAt: Float64Array
  resolvedAt: Float64Array
  /** null for a ticket that was never paused. */
  pauses: ReadonlyArray<SlaTicket['pauses'] | null>
  /** Where each ticket stands; a resolved or closed one without resolvedAt has an unknown completion. */
  lifecycle?: readonly Lifecycle[]
}

const NO_PAUSES: SlaTicket['pauses'] = []

/** evaluateBatch over columns: one reused ticket view instead of an object per row. */
export function evaluateColumns(calendar: BusinessCalendar, policy: EnginePolicy, tickets: TicketColumns, asOf: number, out: VerdictTable = createVerdictTable(tickets.length)): VerdictTable {
  sizeTable(out, tickets.length)
  const { targets } = policy
  const view: { -readonly [K in keyof SlaTicket]: SlaTicket[K] } = { priority: 'P1', createdAt: 0, firstResponseAt: null, resolvedAt: null, pauses: NO_PAUSES, completionUnknown: false }
  const lifecycle = tickets.lifecycle
  for (let i = 0; i < tickets.length; i++) {
    const priority = tickets.priority[i]
    const firstResponseAt = tickets.firstResponseAt[i]
    const resolvedAt = tickets.resolvedAt[i]
    view.priority = priority
    view.createdAt = tickets.createdAt[i]
    view.firstResponseAt = Number.isNaN(firstResponseAt) ? null : firstResponseAt
    view.resolvedAt = Number.isNaN(resolvedAt) ? null : resolvedAt
    view.pauses = tickets.pauses[i] ?? NO_PAUSES
    view.completionUnknown = lifecycle !== undefined && (lifecycle[i] === 'resolved' || lifecycle[i] === 'closed')
    compute(calendar, targets[priority] ?? targetOf(policy, priority), view, asOf)
    store(out, i)
  }
  return out
}

/** Row i of a table as the objects evaluateTicket returns. */
export function verdictAt(table: VerdictTable, i: number, policy: EnginePolicy, priority: Priority): TicketVerdict {
  const target = targetOf(policy, priority)
  return {
    response: {
      verdict: VERDICTS[table.responseVerdict[i]],
      dueAt: orNull(table.responseDueAt[i]),
      elapsedMinutes: table.responseElapsedMinutes[i],
      decidedAt: orNull(table.responseDecidedAt[i]),
      targetMinutes: target.responseMinutes,
      clock: target.clock,
    },
    resolution: {
      verdict: VERDICTS[table.resolutionVerdict[i]],
      dueAt: orNull(table.resolutionDueAt[i]),
      elapsedMinutes: table.resolutionElapsedMinutes[i],
      pausedMinutes: table.resolutionPausedMinutes[i],
      decidedAt: orNull(table.resolutionDecidedAt[i]),
      targetMinutes: target.resolutionMinutes,
      clock: target.clock,
      completionUnknown: table.resolutionUnknown[i] === 1,
    },
  }
}

/**
 * Walks the clock from createdAt to end through the merged pauses: the net elapsed and paused clock time, the due
 * instant (the first active stretch in which the remaining budget runs out) and, when the net elapsed exceeds the
 * budget, the breach instant (the first active stretch that goes past it).
 */
function walkResolution(
  calendar: BusinessCalendar,
  business: boolean,
  created: number,
  createdPos: number,
  end: number,
  resolved: boolean,
  pauses: SlaTicket['pauses'],
  targetMs: number,
): void {
  resolutionPaused = 0
  resolutionDue = Number.NaN
  walkDueFound = false
  walkBreach = Number.NaN
  walkCursor = createdPos
  walkRemaining = targetMs
  // An open ticket paused at asOf: its clock is held and the due instant is unknown until the pause ends.
  let held = false
  if (pauses.length > 0 && end > created) {
    const list = isSortedByStart(pauses) ? pauses : [...pauses].sort((a, b) => a[0] - b[0])
    let from = 0
    let to = 0
    let open = false
    for (let i = 0; i < list.length; i++) {
      const rawStart = list[i][0]
      if (rawStart >= end) break
      const rawEnd = list[i][1]
      const start = rawStart > created ? rawStart : created
      let stop: number
      if (rawEnd === null || rawEnd > end) {
        stop = end
        if (!resolved) held = true
      } else {
        stop = rawEnd
      }
      if (stop <= start) continue
      if (open && start <= to) {
        if (stop > to) to = stop
        continue
      }
      if (open) pauseSpan(calendar, business, from, to)
      from = start
      to = stop
      open = true
    }
    if (open) pauseSpan(calendar, business, from, to)
  }
  const total = end > created ? (business ? calendar.position(end) : end) - createdPos : 0
  resolutionElapsed = total - resolutionPaused
  if (!held) {
    const p = walkCursor + walkRemaining
    if (!walkDueFound) resolutionDue = business ? calendar.instantAt(p) : p
    // Only a breached verdict reads the breach instant; the others skip its lookup.
    if (Number.isNaN(walkBreach) && resolutionElapsed > targetMs) walkBreach = business ? calendar.lastInstantAt(p) : p
  }
}

/** Accounts for the active stretch from the cursor to `from`, then the pause [from, to]. */
function pauseSpan(calendar: BusinessCalendar, business: boolean, from: number, to: number): void {
  const fromPos = business ? calendar.position(from) : from
  const toPos = business ? calendar.position(to) : to
  if (Number.isNaN(walkBreach)) {
    const active = fromPos - walkCursor
    const p = walkCursor + walkRemaining
    if (!walkDueFound && active >= walkRemaining) {
      resolutionDue = business ? calendar.instantAt(p) : p
      walkDueFound = true
    }
    // A budget that runs out exactly where this pause begins is not exceeded yet: the breach waits for the clock to run again.
    if (active > walkRemaining) walkBreach = business ? calendar.lastInstantAt(p) : p
    else walkRemaining -= active
  }
  resolutionPaused += toPos - fromPos
  walkCursor = toPos
}

function isSortedByStart(pauses: SlaTicket['pauses']): boolean {
  for (let i = 1; i < pauses.length; i++) if (pauses[i][0] < pauses[i - 1][0]) return false
  return true
}

/** A policy bound to its calendar: the shape most callers want. */
export class SlaEngine {
  readonly calendar: BusinessCalendar

  constructor(readonly policy: Pick<SlaPolicy, 'timezone' | 'businessHours' | 'holidays' | 'targets'>) {
    this.calendar = calendarFor(policy)
  }

  evaluate(ticket: SlaTicket, asOf: number): TicketVerdict {
    return evaluateTicket(this.calendar, this.policy, ticket, asOf)
  }

  evaluateAll(tickets: readonly SlaTicket[], asOf: number): TicketVerdict[] {
    return evaluateTickets(this.calendar, this.policy, tickets, asOf)
  }

  /** Clock time between a and b, in ms (0 when b ≤ a). */
  clockBetween(clock: Clock, a: number, b: number): number {
    if (b <= a) return 0
    return clock === '24x7' ? b - a : this.calendar.between(a, b)
  }
}

const engines = new WeakMap<object, SlaEngine>()

/** One engine per policy object. */
export function engineFor(policy: SlaPolicy): SlaEngine {
  let engine = engines.get(policy)
  if (!engine) {
    engine = new SlaEngine(policy)
    engines.set(policy, engine)
  }
  return engine
}
