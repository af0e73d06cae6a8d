import type { BusinessCalendar } from '../calendar.ts'
import type { EnginePolicy, SlaTicket } from '../engine.ts'
import type { SlaPolicy } from '../policy.ts'

// The as-of instants of a ticket's clocks (ADR 022 addendum): stored at write so that "is this clock breached, met,
// pending or at risk as of T?" is a comparison of T with stored numbers, not an engine call.
//
// A clock's elapsed time as of T, E(T), is the active clock time in [createdAt, T] (business time or real time,
// minus the merged pauses for resolution, a pause seen as of T: one that ends after T is still open then). E never
// decreases as T moves on, and every instant and position is a whole ms, so for each whole-ms budget k there is a
// first whole-ms as-of at which E reaches k (none when an open pause holds the clock before). With the engine's rules:
// - breached as of T ⇔ E(min(T, completion)) > targetMs ⇔ min(T, completion) ≥ breachFrom, where breachFrom is the
//   first instant with E ≥ floor(targetMs) + 1;
// - at risk as of T ⇔ open and not breached at T and (E(T) / 60 000) / targetMinutes ≥ atRiskShare ⇔ T ≥ atRiskFrom,
//   where atRiskFrom is the first instant with E ≥ the least whole ms that passes that float test;
// - the breach's decided instant is the engine's walkBreach, which does not depend on T once breached.
// A clock held by an open pause is covered too: E stays at its value at the pause's start, so each threshold lies
// before that start or is never reached (Infinity). A resolution finished at an unknown instant is never breached
// nor at risk: its thresholds are Infinity. Instants not reached are Infinity (stored as NEVER_MS, stored-verdicts.ts).

const MINUTE_MS = 60_000

export interface ClockThresholds {
  /** The first as-of (epoch ms) from which the clock, still running, is breached; Infinity: never. */
  breachFrom: number
  /** The breach's decided instant (the engine's decidedAt of a breached verdict); null when never breached. */
  breachDecided: number | null
  /** The first as-of from which the clock, still running, has used atRiskShare of its budget; Infinity: never. */
  atRiskFrom: number
}

export interface AsOfThresholds {
  response: ClockThresholds
  resolution: ClockThresholds
}

/** The least whole number of ms whose use of a target passes atRiskClocks's test (elapsed / target ≥ share). */
export function atRiskBudgetMs(targetMinutes: number, share: number): number {
  let k = Math.max(1, Math.ceil(share * targetMinutes * MINUTE_MS))
  while (k > 1 && (k - 1) / MINUTE_MS / targetMinutes >= share) k--
  while (k / MINUTE_MS / targetMinutes < share) k++
  return k
}

/** The least whole number of ms the engine counts as past a target (elapsed > targetMs). */
const breachBudgetMs = (targetMinutes: number) => Math.floor(targetMinutes * MINUTE_MS) + 1

type Stretch = readonly [fromPos: number, toPos: number]

/** The ticket's pauses merged as the engine merges them, clipped to start at createdAt, an open one never ending. */
function mergedPauses(calendar: BusinessCalendar, business: boolean, created: number, pauses: SlaTicket['pauses']): Stretch[] {
  const out: Stretch[] = []
  if (pauses.length === 0) return out
  const list = [...pauses].sort((a, b) => a[0] - b[0])
  let from = 0
  let to = 0
  let open = false
  const pos = (t: number) => (t === Number.POSITIVE_INFINITY ? t : business ? calendar.position(t) : t)
  for (const [rawStart, rawEnd] of list) {
    const start = rawStart > created ? rawStart : created
    const stop = rawEnd === null ? Number.POSITIVE_INFINITY : rawEnd
    if (stop <= start) continue
    if (open && start <= to) {
      if (stop > to) to = stop
      continue
    }
    if (open) out.push([pos(from), pos(to)])
    from = start
    to = stop
    open = true
  }
  if (open) out.push([pos(from), pos(to)])
  return out
}

/** The first instant at which the active clock time reaches `k` ms (k ≥ 1); Infinity when a pause holds it for good. */
function reach(calendar: BusinessCalendar, business: boolean, createdPos: number, pauses: readonly Stretch[], k: number): number {
  let cursor = createdPos
  let remaining = k
  for (const [fromPos, toPos] of pauses) {
    const active = fromPos - cursor
    if (active >= remaining) break
    remaining -= active
    if (toPos === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY
    cursor = toPos
  }
  return business ? calendar.instantAt(cursor + remaining) : cursor + remaining
}

/** The engine's breach instant (walkBreach): the last instant the clock still stood at the target. */
function breachInstant(calendar: BusinessCalendar, business: boolean, createdPos: number, pauses: readonly Stretch[], targetMs: number): number | null {
  let cursor = createdPos
  let remaining = targetMs
  for (const [fromPos, toPos] of pauses) {
    const active = fromPos - cursor
    if (active > remaining) break
    remaining -= active
    if (toPos === Number.POSITIVE_INFINITY) return null
    cursor = toPos
  }
  const p = cursor + remaining
  return business ? calendar.lastInstantAt(p) : p
}

export function asOfThresholds(
  calendar: BusinessCalendar,
  policy: EnginePolicy & Pick<SlaPolicy, 'atRiskShare'>,
  ticket: SlaTicket,
): AsOfThresholds {
  const target = policy.targets[ticket.priority]
  if (target === undefined) throw new RangeError(`No SLA targets for priority ${String(ticket.priority)}`)
  const business = target.clock === 'business'
  const created = ticket.createdAt
  const createdPos = business ? calendar.position(created) : created
  const clock = (pauses: readonly Stretch[], targetMinutes: number): ClockThresholds => {
    const breachFrom = reach(calendar, business, createdPos, pauses, breachBudgetMs(targetMinutes))
    return {
      breachFrom,
      breachDecided: breachFrom === Number.POSITIVE_INFINITY ? null : breachInstant(calendar, business, createdPos, pauses, targetMinutes * MINUTE_MS),
      atRiskFrom: reach(calendar, business, createdPos, pauses, atRiskBudgetMs(targetMinutes, policy.atRiskShare)),
    }
  }
  const never: ClockThresholds = { breachFrom: Number.POSITIVE_INFINITY, breachDecided: null, atRiskFrom: Number.POSITIVE_INFINITY }
  return {
    response: clock([], target.responseMinutes),
    resolution: ticket.resolvedAt === null && ticket.completionUnknown === true ? never : clock(mergedPauses(calendar, business, created, ticket.pauses), target.resolutionMinutes),
  }
}
