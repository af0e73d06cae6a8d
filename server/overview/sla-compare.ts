import { PRIORITIES, type Priority, type SlaPolicy } from '../sla/policy.ts'

// Each MSP's SLA targets side by side, the best and the worst of each cell marked. Pure.

export type Mark = 'better' | 'worse' | null

export interface TargetCell {
  minutes: number
  clock: string
  mark: Mark
}

export interface SlaComparison {
  msps: string[]
  rows: Array<{ priority: Priority; metric: 'response' | 'resolution'; cells: Record<string, TargetCell | null> }>
}

/**
 * Fewer minutes is better. With one MSP, or when every MSP offers the same, nothing is marked. The clocks differ
 * (business hours or round the clock) and are shown beside the minutes; the mark compares minutes only.
 */
export function compareSlas(policies: ReadonlyArray<{ msp: string; policy: SlaPolicy | null }>): SlaComparison {
  const msps = policies.map((p) => p.msp)
  const rows: SlaComparison['rows'] = []
  for (const priority of PRIORITIES) {
    for (const metric of ['response', 'resolution'] as const) {
      const cells: Record<string, TargetCell | null> = {}
      for (const { msp, policy } of policies) {
        const target = policy?.targets[priority]
        cells[msp] = target ? { minutes: metric === 'response' ? target.responseMinutes : target.resolutionMinutes, clock: target.clock, mark: null } : null
      }
      const values = Object.values(cells).filter((c): c is TargetCell => c !== null)
      if (values.length > 1) {
        const best = Math.min(...values.map((c) => c.minutes))
        const worst = Math.max(...values.map((c) => c.minutes))
        if (best !== worst) for (const c of values) c.mark = c.minutes === best ? 'better' : c.minutes === worst ? 'worse' : null
      }
      rows.push({ priority, metric, cells })
    }
  }
  return { msps, rows }
}
