// SLA performance: attainment per priority and clock, attainment per month, metric SLAs, the first breaches.
import { fitPercentRange, lineChart } from '../../../../app/charts/geometry.ts'
import { ATTAINMENT_GOAL, fmtNum, fmtPct } from '../../../../app/charts/pack-format.ts'
import { duration } from '../../../../app/utils/format.ts'
import type { Tally } from '../../../sla/attainment.ts'
import { renderPackDisputes } from '../../disputes-section.ts'
import type { PackSnapshot } from '../../snapshot.ts'
import { drawLines } from '../charts.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { CONTENT_W, type Column, GOOD, M } from '../theme.ts'
import { breachColumns, breachRows } from './breaches.ts'
import { NO_POLICY_TEXT } from './changes.ts'

const tally = (t: Tally) => [fmtPct(t.attainment), fmtNum(t.met), fmtNum(t.breached), fmtNum(t.pending)]

// Ten columns on the width of the page: each as wide as its widest header or cell ("4 h 00 min / 1 d 0 h",
// "breached"), the rest to the last.
const clock = (name: string): Column[] => [
  { header: name, width: name === 'Response' ? 54 : 58, align: 'right' },
  { header: 'met', width: 38, align: 'right' },
  { header: 'breached', width: 52, align: 'right' },
  { header: 'pending', width: 47, align: 'right' },
]

/** The pending resolution clocks that are "completion unknown", not open (ADR 011, addendum of issue 11). */
export function completionUnknownNote(count: number): string {
  return `Of the pending resolution clocks, ${fmtNum(count)} ${count === 1 ? 'is' : 'are'} completion unknown: closed with no resolution time from the PSA, so never decided and never a breach.`
}

export function drawSla({ s, w, day }: SectionContext) {
  w.newPage(sectionTitle('sla'))
  w.heading(sectionTitle('sla'))
  const policy = s.policy
  if (!policy) {
    w.note(NO_POLICY_TEXT)
    return
  }
  w.subheading('By priority')
  // Each target on its own clock: business-hours targets in business hours, 24×7 ones in days, hours and minutes.
  const target = (p: keyof typeof policy.targets) => {
    const { responseMinutes, resolutionMinutes, clock } = policy.targets[p]
    const c = clock === 'business' ? 'business' : '24x7'
    return `${duration(responseMinutes, c)} / ${duration(resolutionMinutes, c)}`
  }
  const columns: Column[] = [{ header: 'P', width: 24 }, { header: 'Targets', width: 102 }, ...clock('Response'), ...clock('Resolution')]
  columns[columns.length - 1].width = CONTENT_W - columns.slice(0, -1).reduce((sum, c) => sum + c.width, 0)
  w.table(columns, [
    ...s.sla.byPriority.map((p) => [p.priority, target(p.priority), ...tally(p.response), ...tally(p.resolution)]),
    ['All', '', ...tally(s.sla.overall.response), ...tally(s.sla.overall.resolution)],
  ])
  const unknown = s.sla.completionUnknown ?? 0
  if (unknown > 0) w.note(completionUnknownNote(unknown))

  w.subheading('Attainment per month')
  // The axis fitted around the goal and the data: on 0–100 % every month sat flat along the top.
  const monthly = lineChart({
    width: CONTENT_W,
    height: 190,
    ...fitPercentRange(s.sla.months.flatMap((m) => [m.response, m.resolution]), ATTAINMENT_GOAL.value),
    target: ATTAINMENT_GOAL,
    format: (v) => `${v}%`,
    categories: s.sla.months.map((m) => m.month),
    series: [
      { name: 'Response', color: w.accent, values: s.sla.months.map((m) => m.response) },
      { name: 'Resolution', color: GOOD, values: s.sla.months.map((m) => m.resolution) },
    ],
  })
  w.ensure(200)
  drawLines(w, monthly, M.left, w.y)
  w.y += 200

  if (s.sla.metricSlas.length) {
    w.subheading('Service metrics')
    w.table(
      [
        { header: 'Metric', width: 140 },
        { header: 'Target', width: 80 },
        { header: 'Period', width: 90 },
        { header: 'Value', width: 90, align: 'right' },
        { header: 'Met', width: CONTENT_W - 400 },
      ],
      s.sla.metricSlas.flatMap((m) => m.results.map((r) => [m.metric, `${m.op} ${m.target}${m.unit === undefined ? '' : m.unit === '%' ? '%' : ` ${m.unit}`}`, r.period, fmtNum(r.value, 3), r.met === null ? '—' : r.met ? 'met' : 'missed'])),
    )
  }

  w.subheading(`Breaches (${fmtNum(s.sla.breachCount)}; the first ${Math.min(15, s.sla.breaches.length)} by priority, all in the appendix)`)
  w.table(breachColumns(), breachRows(s.sla.breaches.slice(0, 15), day))
  if (s.disputes) renderPackDisputes(w, s.disputes, s.quarter, CONTENT_W)
}
