import { VERDICTS, type VerdictTable } from './engine.ts'
import type { Priority, SlaPolicy } from './policy.ts'

// At risk before breach (issue 11 §6): a clock still pending that has used at least the policy's atRiskShare of its
// budget (elapsed clock time / target). A held resolution clock (open pause) counts by what it had used when the
// pause began; its due instant is unknown. Met and breached clocks are never at risk: they are decided; nor is the
// resolution clock of a ticket finished at an unknown instant.

export type AtRiskMetric = 'response' | 'resolution'

export interface AtRiskClock {
  /** Row of the verdict table. */
  row: number
  metric: AtRiskMetric
  /** elapsed / target, in [share, 1]. */
  usedShare: number
  /** Epoch ms; null while held by an open pause. */
  dueAt: number | null
  elapsedMinutes: number
  targetMinutes: number
}

/** The at-risk clocks of a verdict table, soonest due first (held clocks last), then by row and metric. */
export function atRiskClocks(table: VerdictTable, priorities: ArrayLike<Priority>, policy: Pick<SlaPolicy, 'targets' | 'atRiskShare'>): AtRiskClock[] {
  const out: AtRiskClock[] = []
  const share = policy.atRiskShare
  for (let i = 0; i < table.length; i++) {
    const target = policy.targets[priorities[i]]
    if (!target) continue
    const clocks = [
      ['response', table.responseVerdict[i], table.responseElapsedMinutes[i], target.responseMinutes, table.responseDueAt[i]],
      ['resolution', table.resolutionVerdict[i], table.resolutionElapsedMinutes[i], target.resolutionMinutes, table.resolutionDueAt[i]],
    ] as const
    for (const [metric, verdict, elapsed, targetMinutes, due] of clocks) {
      if (VERDICTS[verdict] !== 'pending') continue
      // Finished at an unknown instant: nothing left to risk.
      if (metric === 'resolution' && table.resolutionUnknown[i] === 1) continue
      const used = elapsed / targetMinutes
      if (used >= share) out.push({ row: i, metric, usedShare: Math.min(1, used), dueAt: Number.isNaN(due) ? null : due, elapsedMinutes: elapsed, targetMinutes })
    }
  }
  return out.sort((a, b) => (a.dueAt ?? Number.POSITIVE_INFINITY) - (b.dueAt ?? Number.POSITIVE_INFINITY) || a.row - b.row || a.metric.localeCompare(b.metric))
}
