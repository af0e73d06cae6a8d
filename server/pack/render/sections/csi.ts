// The continual service improvement register: each opportunity's KPI over the reviewed quarter against its target.
import { fmtNum } from '../../../../app/charts/pack-format.ts'
import { enumLabel } from '../../../../app/utils/labels.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { BAD, CONTENT_W, GOOD } from '../theme.ts'

export function drawCsi({ s, w }: SectionContext) {
  w.newPage(sectionTitle('csi'))
  w.heading(sectionTitle('csi'))
  const period = s.period.toDate ? `${s.quarter} to date` : s.quarter
  w.note(`KPI values over ${period}, from the same figures as the rest of this pack.`)
  w.table(
    [
      { header: 'Opportunity', width: 112 },
      { header: 'Stage', width: 38 },
      { header: 'KPI', width: 148 },
      { header: 'Baseline', width: 48, align: 'right' },
      { header: 'Target', width: 42, align: 'right' },
      { header: period, width: 48, align: 'right' },
      { header: 'On target', width: CONTENT_W - 436 },
    ],
    s.csi.map((c) => [c.opportunity, enumLabel(c.stage), c.kpi ?? '—', fmtNum(c.baseline, 1), fmtNum(c.target, 1), fmtNum(c.current, 1), c.onTarget === null ? '—' : c.onTarget ? 'yes' : 'not yet']),
    { mark: (i) => (s.csi[i].onTarget === null ? null : s.csi[i].onTarget ? GOOD : BAD) },
  )
}
