import type { PartnershipScope } from '../access/policy.server.ts'
import type { z } from 'zod'
import { MonthIndex, periodBounds } from './periods.ts'
import type { SlaPolicy } from './policy.ts'
import { requireSlaPolicy } from './sla-policies.server.ts'
import type { ZReportPeriod } from './sla.schemas.ts'
import type { VerdictPolicy } from './stored/verdict-policy.server.ts'
import { type VerdictsState, verdictsState } from './stored/verdicts-state.server.ts'

/** What sla.report and sla.reportList both resolve first: the policy version the figures use, the period, the as-of. */
export interface ReportContext {
  verdicts: VerdictsState
  /** The stored verdicts' policy, when its version parses (else the reference path). */
  vp: VerdictPolicy | null
  policy: SlaPolicy
  version: number
  start: number
  end: number
  label: string
  asOf: number
  months: MonthIndex
  window: { createdBefore: number; openAt: number }
}

export async function reportContext(scope: PartnershipScope, parsed: z.output<typeof ZReportPeriod>, now: Date): Promise<ReportContext> {
  const newest = await requireSlaPolicy(scope)
  // Until a re-evaluation has finished, the figures are those of the version the verdicts were stored with.
  const { state: verdicts, policy: vp } = await verdictsState(scope.id, newest.version)
  const policy = vp?.policy ?? newest.policy
  const version = vp?.version ?? newest.version
  const { start, end, label } = periodBounds(policy.timezone, parsed.quarter ? { quarter: parsed.quarter } : { from: parsed.from!, to: parsed.to! })
  const asOf = parsed.asOf ? Date.parse(parsed.asOf) : now.getTime()
  return { verdicts, vp, policy, version, start, end, label, asOf, months: new MonthIndex(policy.timezone, start, end - 1), window: { createdBefore: Math.min(end, asOf + 1), openAt: start } }
}
