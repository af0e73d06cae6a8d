// Roadmap items of the next four quarters, and the budget roll-up per currency (committed and planned).
import { fmtMoney, fmtNum, packBudgetYear, packQuarter } from '../../../../app/charts/pack-format.ts'
import { enumLabel } from '../../../../app/utils/labels.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { CONTENT_W } from '../theme.ts'

export function drawRoadmap({ s, w }: SectionContext) {
  const { quarters, items, budget } = s.roadmap
  w.newPage(sectionTitle('roadmap'))
  w.heading(sectionTitle('roadmap'))
  w.subheading(`Next four quarters: ${packQuarter(s, quarters[0])} to ${packQuarter(s, quarters[quarters.length - 1])}`)
  w.table(
    [
      { header: 'Quarter', width: 55 },
      { header: 'Item', width: 175 },
      { header: 'Status', width: 75 },
      { header: 'Priority', width: 60 },
      { header: 'One-time', width: 70, align: 'right' },
      { header: 'Recurring', width: CONTENT_W - 435, align: 'right' },
    ],
    items.map((i) => [i.targetQuarter ? packQuarter(s, i.targetQuarter, true) : '—', i.title, enumLabel(i.status), enumLabel(i.priority), fmtMoney(i.oneTime, i.currency), `${fmtMoney(i.recurring, i.currency)}/${i.recurringPeriod === 'YEAR' ? 'yr' : 'mo'}`]),
  )
  for (const b of budget) {
    w.subheading(`Budget roll-up (${b.currency}): committed and planned`)
    w.table(
      [
        { header: 'Period', width: 70 },
        ...['Committed one-time', 'Committed recurring', 'Committed total', 'Planned one-time', 'Planned recurring', 'Planned total'].map((h) => ({ header: h, width: (CONTENT_W - 70) / 6, align: 'right' as const })),
      ],
      [...b.quarters.map((l) => ({ ...l, period: packQuarter(s, l.period, true) })), ...b.years.map((l) => ({ ...l, period: packBudgetYear(s, l.period) }))].map((l) => [l.period, ...[l.committed, l.planned].flatMap((c) => [fmtNum(c.oneTime), fmtNum(c.recurring), fmtNum(c.total)])]),
    )
  }
  if (budget.length === 0) w.note('No budgeted roadmap items in these quarters.')
}
