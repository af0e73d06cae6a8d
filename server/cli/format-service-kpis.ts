import { engineersText, kpiTrend, serviceKpiNote, serviceKpiRows } from '../../app/charts/service-kpi-rows.ts'
import type { ServiceKpis } from '../sla/kpis/service-kpis.schemas.ts'

/** `accord sla kpis` as text: the rows of the SLA page and the pack, in columns. */
export function formatServiceKpis(k: ServiceKpis): string {
  const head = ['KPI', k.quarter, k.previousQuarter, ...k.monthly.map((m) => m.month)]
  const rows = serviceKpiRows(k).map((r) => [r.label, `${r.text.current}${kpiTrend(r) ? ` (${kpiTrend(r)})` : ''}`, r.text.previous, ...r.text.months])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  return [
    `Service KPIs of ${k.partnership}, ${k.quarter} beside ${k.previousQuarter}, as of ${k.asOf} (${k.timezone})`,
    serviceKpiNote(k),
    '',
    line(head),
    ...rows.map(line),
    '',
    `Key people ${k.quarter}: ${engineersText(k.keyPerson.current)}`,
    ...k.keyPerson.byQueue.map((q) => `  ${q.queue}: ${q.share ?? '—'}% of ${q.considered} complex ticket(s), ${engineersText(q)}`),
  ].join('\n')
}
