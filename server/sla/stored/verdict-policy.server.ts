import type { Tx } from '../../db/client.server.ts'
import type { NormalisedTicket } from '../../tickets/normalize-ticket.ts'
import { type BusinessCalendar, calendarFor } from '../calendar.ts'
import { type SlaPolicy, ZSlaPolicy } from '../policy.ts'
import { readStoredPauses } from '../stored-pauses.ts'
import { MonthBuckets, storedRow, storedVerdict } from './stored-verdicts.ts'

// The policy a write evaluates its tickets under: the partnership's newest version (ADR 022). Parsed policies and
// their calendars are kept per (partnership, version): a version never changes once written.

export interface VerdictPolicy {
  version: number
  policy: SlaPolicy
  calendar: BusinessCalendar
  months: MonthBuckets
}

const cache = new Map<string, VerdictPolicy>()

function compiled(partnershipId: string, version: number, definition: unknown): VerdictPolicy | null {
  const key = `${partnershipId}:${version}`
  let hit = cache.get(key)
  if (!hit) {
    const parsed = ZSlaPolicy.safeParse(definition)
    // A version that no longer passes the policy rules is not evaluated (sla-policies.server.ts refuses it too).
    if (!parsed.success) return null
    hit = { version, policy: parsed.data, calendar: calendarFor(parsed.data), months: new MonthBuckets(parsed.data.timezone) }
    // Room for an MSP's every partnership at two versions (the portfolio reads them all per request).
    if (cache.size > 5000) cache.clear()
    cache.set(key, hit)
  }
  return hit
}

/**
 * A version's definition as parsed (ZSlaPolicy.parse), from the per-version cache: a version never changes once
 * written. Throws ZSlaPolicy's error for one that no longer passes the rules, as parse does.
 */
export function parsedPolicyVersion(partnershipId: string, version: number, definition: unknown): SlaPolicy {
  return compiled(partnershipId, version, definition)?.policy ?? ZSlaPolicy.parse(definition)
}

/** The newest policy of a partnership, or null when it has none (or one that no longer passes the rules). */
export async function currentVerdictPolicy(tx: Tx, partnershipId: string): Promise<VerdictPolicy | null> {
  const row = await tx.slaPolicy.findFirst({ where: { partnershipId }, orderBy: { version: 'desc' }, select: { version: true, definition: true } })
  return row ? compiled(partnershipId, row.version, row.definition) : null
}

/** A given version of a partnership's policy. */
export async function verdictPolicyAt(tx: Tx, partnershipId: string, version: number): Promise<VerdictPolicy | null> {
  const cached = cache.get(`${partnershipId}:${version}`)
  if (cached) return cached
  const row = await tx.slaPolicy.findFirst({ where: { partnershipId, version }, select: { version: true, definition: true } })
  return row ? compiled(partnershipId, row.version, row.definition) : null
}

/** The stored-verdict columns of normalised tickets under a policy (all null without one). */
export function storedRowsOf(vp: VerdictPolicy | null, tickets: readonly NormalisedTicket[]): unknown[][] {
  return tickets.map((t) =>
    vp === null
      ? storedRow(null, null)
      : storedRow(
          vp.version,
          storedVerdict(vp.calendar, vp.policy, vp.months, {
            priority: t.priority,
            createdAt: t.createdAt.getTime(),
            firstResponseAt: t.firstResponseAt?.getTime() ?? null,
            resolvedAt: t.resolvedAt?.getTime() ?? null,
            pauses: readStoredPauses(t.pauses),
            lifecycle: t.lifecycle,
          }),
        ),
  )
}
