// The lifecycle table's rows, the same in the PDF and the presentation: one row per asset type and quarter.
import { fmtMoney, fmtNum } from './pack-format.ts'

export interface LifecycleQuarter {
  quarter: string
  count: number
  costs: Array<{ currency: string; cents: number }>
  groups: Array<{ type: string; count: number; overdue: number; reasons: { warranty: number; endOfLife: number }; costs: Array<{ currency: string; cents: number }> }>
}

export const lifecycleCosts = (list: Array<{ currency: string; cents: number }>) => (list.length ? list.map((c) => fmtMoney(c.cents / 100, c.currency)).join(' + ') : '—')

export function lifecycleRows(l: { quarters: LifecycleQuarter[] }): string[][] {
  return l.quarters.flatMap((q) =>
    q.groups.length === 0
      ? [[q.quarter, 'Nothing due', '0', '—', '—']]
      : q.groups.map((g, i) => [
          i === 0 ? q.quarter : '',
          g.type,
          fmtNum(g.count),
          [g.reasons.warranty ? `${fmtNum(g.reasons.warranty)} warranty ends` : '', g.reasons.endOfLife ? `${fmtNum(g.reasons.endOfLife)} end of life` : '', g.overdue ? `${fmtNum(g.overdue)} overdue` : ''].filter(Boolean).join(', '),
          lifecycleCosts(g.costs),
        ]),
  )
}
