// Hardware lifecycle: what falls due for replacement in the next four quarters (warranty ending or end of life) and
// what it costs, by asset type, from the assets known at the pack's instant.
import { lifecycleCosts as costs, lifecycleRows } from '../../../../app/charts/lifecycle-rows.ts'
import { fmtNum } from '../../../../app/charts/pack-format.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { BAD, CONTENT_W } from '../theme.ts'

export function drawLifecycle({ s, w }: SectionContext) {
  w.newPage(sectionTitle('lifecycle'))
  w.heading(sectionTitle('lifecycle'))
  const l = s.lifecycle
  if (!l || l.assets === 0) {
    w.note('No assets were recorded for this client when this pack was generated: import them or sync the PSA’s configuration items.')
    return
  }
  const due = l.quarters.reduce((n, q) => n + q.count, 0)
  const total = new Map<string, number>()
  for (const q of l.quarters) for (const c of q.costs) total.set(c.currency, (total.get(c.currency) ?? 0) + c.cents)
  w.subheading(`${fmtNum(due)} of ${fmtNum(l.assets)} assets due for replacement by ${l.quarters[l.quarters.length - 1].quarter}: ${costs([...total].map(([currency, cents]) => ({ currency, cents })))}`)
  w.note(
    `Due in the quarter its warranty ends or its end of life comes, whichever is first; anything already past both is due now (${l.quarters[0].quarter}).${l.undated ? ` ${fmtNum(l.undated)} assets have neither date and are not counted.` : ''}`,
  )
  const rows = lifecycleRows(l)
  w.table(
    [
      { header: 'Quarter', width: 55 },
      { header: 'Type', width: 95 },
      { header: 'Assets', width: 45, align: 'right' },
      { header: 'Why', width: 205 },
      { header: 'Replacement cost', width: CONTENT_W - 400, align: 'right' },
    ],
    rows,
    { mark: (i) => (rows[i][3].includes('overdue') ? BAD : null) },
  )
}
