// Service KPIs beyond SLA % (ADR 024): the quarter beside the previous one and month by month, and key-person
// dependency per queue. The rows are the SLA page's (app/charts/service-kpi-rows.ts).
import { engineersText, kpiTrend, serviceKpiNote, serviceKpiRows } from '../../../../app/charts/service-kpi-rows.ts'
import { fmtNum, fmtPct } from '../../../../app/charts/pack-format.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { BAD, CONTENT_W, GOOD } from '../theme.ts'

export function drawServiceKpis({ s, w }: SectionContext) {
  w.newPage(sectionTitle('service-kpis'))
  w.heading(sectionTitle('service-kpis'))
  const k = s.serviceKpis
  if (!k) {
    w.note(s.policy ? 'Not in this pack: it was generated before service KPIs were part of the pack.' : 'No SLA policy was set, so there are no service KPIs.')
    return
  }
  w.note(serviceKpiNote(k, s.locale))
  const rows = serviceKpiRows(k, s.locale)
  const monthW = 44
  w.table(
    [
      { header: 'KPI', width: CONTENT_W - 2 * 58 - 6 * monthW },
      { header: k.quarter, width: 58, align: 'right' },
      { header: k.previousQuarter, width: 58, align: 'right' },
      ...k.monthly.map((m) => ({ header: m.month, width: monthW, align: 'right' as const })),
    ],
    rows.map((r) => [r.label, r.text.current, r.text.previous, ...r.text.months]),
    { size: 7.5, mark: (i) => (kpiTrend(rows[i]) === 'better' ? GOOD : kpiTrend(rows[i]) === 'worse' ? BAD : null) },
  )
  w.note(
    `${fmtNum(k.current.tickets)} tickets opened in ${k.quarter}, ${fmtNum(k.current.resolved)} resolved; first contact known for ${fmtNum(k.current.firstContactKnown)}, origin for ${fmtNum(k.current.originKnown)}. Key people: ${engineersText(k.keyPerson.current)}.`,
  )
  if (k.keyPerson.byQueue.length) {
    w.subheading('Key-person dependency per queue')
    w.table(
      [
        { header: 'Queue', width: 150 },
        { header: 'Share', width: 60, align: 'right' },
        { header: 'Complex tickets', width: 80, align: 'right' },
        { header: 'Engineers', width: CONTENT_W - 290 },
      ],
      k.keyPerson.byQueue.map((q) => [q.queue, fmtPct(q.share), fmtNum(q.considered), engineersText(q)]),
    )
  }
}
