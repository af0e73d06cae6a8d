// `accord sla report` as text: attainment per metric and priority, agreed figures, counts.
import type { slaReport } from '../sla/sla-report.server.ts'

export function formatReport(r: Awaited<ReturnType<typeof slaReport>>): string {
  const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}%`)
  const lines = [`SLA report for ${r.partnership}, ${r.period.label} (${r.period.timezone}), as of ${r.asOf}, policy v${r.policy.version} "${r.policy.name}"`]
  for (const metric of ['response', 'resolution'] as const) {
    const t = r.totals[metric]
    lines.push(`  ${metric.padEnd(10)} ${pct(t.overall.attainment)}  (met ${t.overall.met}, breached ${t.overall.breached}, pending ${t.overall.pending})`)
    for (const p of ['P1', 'P2', 'P3', 'P4'] as const) lines.push(`    ${p}  ${pct(t.byPriority[p].attainment)}  (met ${t.byPriority[p].met}, breached ${t.byPriority[p].breached})`)
  }
  if (r.disputes.length) lines.push(`  agreed after ${r.disputes.length} dispute(s): response ${pct(r.agreedTotals.response.overall.attainment)}, resolution ${pct(r.agreedTotals.resolution.overall.attainment)} (accord sla disputes for the list)`)
  lines.push(`  ${r.breaches.length} breached tickets; ${r.disagreements.length} disagreements with the vendor's verdicts. Use --json for everything.`)
  return lines.join('\n')
}
