import { BusinessCalendar } from './calendar.ts'
import type { Priority, SlaPolicy } from './policy.ts'

// Ticket verdicts under a policy (the rules are pinned one by one in engine.test.ts):
// - a `business` clock counts time inside the business windows; a `24x7` clock counts real elapsed time;
// - response runs from createdAt to firstResponseAt and is never paused;
// - resolution runs from createdAt to resolvedAt minus the clock time inside pauses;
// - due is the earliest instant at which the (net) clock reaches the target;
// - met: completed within target; breached: completed late, or open and past due; else pending;
// - decidedAt is the completion for met, the due instant for breached.
// Instants are epoch ms; minutes in the output are fractional (rounded only for display).

export type Verdict = 'met' | 'breached' | 'pending'
export type Clock = '24x7' | 'business'

export interface SlaTicket {
  priority: Priority
  createdAt: number
  firstResponseAt: number | null
  resolvedAt: number | null
  /** Sorted, non-overlapping; an open pause has end null. */
  pauses: ReadonlyArray<readonly [number, number | null]>
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
}

export interface TicketVerdict {
  response: MetricVerdict
  resolution: ResolutionVerdict
}

const MINUTE = 60_000

export class SlaEngine {
  readonly calendar: BusinessCalendar

  constructor(readonly policy: Pick<SlaPolicy, 'timezone' | 'businessHours' | 'holidays' | 'targets'>) {
    this.calendar = new BusinessCalendar(policy)
  }

  /** Clock time between a and b, in ms. */
  clockBetween(clock: Clock, a: number, b: number): number {
    if (b <= a) return 0
    return clock === '24x7' ? b - a : this.calendar.between(a, b)
  }

  private clockAfter(clock: Clock, from: number, ms: number): number {
    return clock === '24x7' ? from + ms : this.calendar.after(from, ms)
  }

  /** Clock time inside pauses, clipped to [from, to]. */
  pausedBetween(clock: Clock, pauses: SlaTicket['pauses'], from: number, to: number): number {
    let paused = 0
    for (let i = 0; i < pauses.length; i++) {
      const start = pauses[i][0] < from ? from : pauses[i][0]
      const rawEnd = pauses[i][1] ?? to
      const end = rawEnd > to ? to : rawEnd
      if (end > start) paused += this.clockBetween(clock, start, end)
    }
    return paused
  }

  /** When the net clock reaches `ms`, skipping pauses; null while an open pause holds the clock. */
  dueWithPauses(clock: Clock, created: number, ms: number, pauses: SlaTicket['pauses']): number | null {
    let remaining = ms
    let cursor = created
    for (let i = 0; i < pauses.length; i++) {
      const [ps, pe] = pauses[i]
      if (pe !== null && pe <= cursor) continue
      if (ps > cursor) {
        const available = this.clockBetween(clock, cursor, ps)
        if (available >= remaining) return this.clockAfter(clock, cursor, remaining)
        remaining -= available
      }
      if (pe === null) return null
      cursor = pe
    }
    return this.clockAfter(clock, cursor, remaining)
  }

  evaluate(ticket: SlaTicket, asOf: number): TicketVerdict {
    const target = this.policy.targets[ticket.priority]
    const clock = target.clock
    const created = ticket.createdAt

    // Completions after the as-of instant had not happened yet at that instant.
    const responded = ticket.firstResponseAt !== null && ticket.firstResponseAt <= asOf ? ticket.firstResponseAt : null
    const resolved = ticket.resolvedAt !== null && ticket.resolvedAt <= asOf ? ticket.resolvedAt : null

    const responseTargetMs = target.responseMinutes * MINUTE
    const responseDue = this.clockAfter(clock, created, responseTargetMs)
    const responseElapsed = this.clockBetween(clock, created, responded ?? asOf)
    const response: MetricVerdict = decide(responded, responseElapsed, responseTargetMs, responseDue, asOf, target.responseMinutes, clock)

    const resolutionTargetMs = target.resolutionMinutes * MINUTE
    const end = resolved ?? asOf
    const pauses = pausesAsOf(ticket.pauses, resolved, asOf)
    const paused = this.pausedBetween(clock, pauses, created, end)
    const resolutionElapsed = this.clockBetween(clock, created, end) - paused
    const resolutionDue = this.dueWithPauses(clock, created, resolutionTargetMs, pauses)
    const resolution = decide(resolved, resolutionElapsed, resolutionTargetMs, resolutionDue, asOf, target.resolutionMinutes, clock) as ResolutionVerdict
    resolution.pausedMinutes = paused / MINUTE
    return { response, resolution }
  }
}

/**
 * The pauses as they stood: a resolved ticket's open pause ends at resolution; for an open ticket, what began
 * after the as-of instant had not begun, and what ended after it was still running.
 */
function pausesAsOf(pauses: SlaTicket['pauses'], resolved: number | null, asOf: number): SlaTicket['pauses'] {
  const limit = resolved ?? asOf
  let clean = true
  for (let i = 0; i < pauses.length; i++) {
    const end = pauses[i][1]
    if (pauses[i][0] > limit || end === null || end > limit) {
      clean = false
      break
    }
  }
  if (clean) return pauses
  const out: Array<readonly [number, number | null]> = []
  for (const [start, end] of pauses) {
    if (start > limit) continue
    if (resolved !== null) out.push([start, end === null || end > resolved ? resolved : end])
    else out.push([start, end === null || end > asOf ? null : end])
  }
  return out
}

function decide(
  completedAt: number | null,
  elapsedMs: number,
  targetMs: number,
  dueAt: number | null,
  asOf: number,
  targetMinutes: number,
  clock: Clock,
): MetricVerdict {
  let verdict: Verdict
  let decidedAt: number | null
  if (completedAt !== null) {
    verdict = elapsedMs <= targetMs ? 'met' : 'breached'
    decidedAt = verdict === 'met' ? completedAt : dueAt
  } else if (dueAt !== null && asOf > dueAt) {
    verdict = 'breached'
    decidedAt = dueAt
  } else {
    verdict = 'pending'
    decidedAt = null
  }
  return { verdict, dueAt, elapsedMinutes: elapsedMs / MINUTE, decidedAt, targetMinutes, clock }
}

const engines = new WeakMap<object, SlaEngine>()
/** One compiled engine per policy object. */
export function engineFor(policy: SlaPolicy): SlaEngine {
  let engine = engines.get(policy)
  if (!engine) {
    engine = new SlaEngine(policy)
    engines.set(policy, engine)
  }
  return engine
}
