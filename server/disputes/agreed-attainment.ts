import { type AttainmentSummary, summariseSource } from '../sla/attainment.ts'
import type { VerdictTable } from '../sla/engine.ts'
import type { MonthIndex } from '../sla/periods.ts'
import type { Priority } from '../sla/policy.ts'

// Attainment as agreed (pure): the computed verdicts, except where the MSP accepted a dispute, which counts as the
// verdict both parties agreed on. An agreed verdict stays in the period of the computed one (its decidedAt), so a
// dispute moves a ticket between met and breached, never between months. An override applies only while the
// verdict is decided: a ticket whose data changed back to pending is pending in both columns.

export type OverrideKey = `${'response' | 'resolution'}:${string}`
/** `metric:externalId` → agreed verdict code (1 met, 2 breached, as in VERDICTS). */
export type Overrides = ReadonlyMap<OverrideKey, 1 | 2>

export const overrideKey = (metric: 'response' | 'resolution', externalId: string): OverrideKey => `${metric}:${externalId}`

export interface AgreedRows {
  length: number
  externalId: readonly string[]
  priority: readonly Priority[]
  createdAt: ArrayLike<number>
}

export interface AgreedOptions {
  start: number
  end: number
  months: MonthIndex
  /** Rows created at or after this instant are left out (as in periodFigures). */
  createdBefore?: number
}

export function agreedAttainment(rows: AgreedRows, table: VerdictTable, overrides: Overrides, options: AgreedOptions, computed?: AttainmentSummary): AttainmentSummary {
  const createdBefore = options.createdBefore ?? Number.POSITIVE_INFINITY
  const verdictOf = (metric: 'response' | 'resolution', i: number) => {
    const v = metric === 'response' ? table.responseVerdict[i] : table.resolutionVerdict[i]
    return v === 0 ? 0 : (overrides.get(overrideKey(metric, rows.externalId[i])) ?? v)
  }
  // Nothing accepted: the agreed figures are the computed ones, without a second pass over the tickets.
  if (overrides.size === 0 && computed) return computed
  return summariseSource(
    {
      length: rows.length,
      priority: (i) => rows.priority[i],
      included: (i) => rows.createdAt[i] < createdBefore,
      verdict: verdictOf,
      decidedAt: (metric, i) => (metric === 'response' ? table.responseDecidedAt[i] : table.resolutionDecidedAt[i]),
    },
    options.months,
    options.start,
    options.end,
  )
}
