// `accord sla report` as text: attainment per metric and priority, agreed figures, counts (with --all, the lists).
import type { PartnershipScope } from '../access/policy.server.ts'
import type { slaReport } from '../sla/sla-report.server.ts'
import { slaReportList } from '../sla/sla-report-list.server.ts'
import type { Disagreement, ReportTicket } from '../sla/period-report.ts'
import { REPORT_LISTS } from '../sla/report-lists.ts'

type Report = Awaited<ReturnType<typeof slaReport>>

/** Every item of the report's lists: its first page and the pages after it (sla.reportList, as of the report's instant). */
export async function allReportLists(scope: PartnershipScope, input: Record<string, unknown>, r: Report): Promise<Pick<Report, 'breaches' | 'disagreements' | 'pending' | 'next'>> {
  const out = { breaches: [...r.breaches], disagreements: [...r.disagreements], pending: [...r.pending], next: { breaches: null, disagreements: null, pending: null } }
  for (const list of REPORT_LISTS) {
    for (let cursor = r.next[list]; cursor !== null; ) {
      const page = await slaReportList(scope, { ...input, list, cursor, limit: 500 })
      ;(out[list] as Array<ReportTicket | Disagreement>).push(...page.items)
      cursor = page.next
    }
  }
  return out
}

export function formatReport(r: Report, all = false): string {
  const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}%`)
  const lines = [`SLA report for ${r.partnership}, ${r.period.label} (${r.period.timezone}), as of ${r.asOf}, policy v${r.policy.version} "${r.policy.name}"`]
  for (const metric of ['response', 'resolution'] as const) {
    const t = r.totals[metric]
    lines.push(`  ${metric.padEnd(10)} ${pct(t.overall.attainment)}  (met ${t.overall.met}, breached ${t.overall.breached}, pending ${t.overall.pending})`)
    for (const p of ['P1', 'P2', 'P3', 'P4'] as const) lines.push(`    ${p}  ${pct(t.byPriority[p].attainment)}  (met ${t.byPriority[p].met}, breached ${t.byPriority[p].breached})`)
  }
  if (r.disputes.length) lines.push(`  agreed after ${r.disputes.length} dispute(s): response ${pct(r.agreedTotals.response.overall.attainment)}, resolution ${pct(r.agreedTotals.resolution.overall.attainment)} (accord sla disputes for the list)`)
  lines.push(`  ${r.counts.breaches} breached tickets; ${r.counts.disagreements} disagreements with the vendor's verdicts; ${r.counts.pending} tickets pending. ${all ? '' : 'Use --all to list them, --json for everything.'}`.trimEnd())
  if (all) {
    lines.push('  breached:')
    for (const t of r.breaches) lines.push(`    ${t.externalId}  ${t.priority}  response ${t.response.verdict}, resolution ${t.resolution.verdict}  ${t.title}`)
    lines.push('  the vendor disagrees:')
    for (const d of r.disagreements) lines.push(`    ${d.externalId}  ${d.metric}: Accord ${d.ours}, vendor ${d.vendor}  ${d.title}`)
    lines.push('  pending, soonest due first:')
    for (const t of r.pending) lines.push(`    ${t.externalId}  ${t.priority}  response ${t.response.verdict} (due ${t.response.dueAt ?? '—'}), resolution ${t.resolution.verdict} (due ${t.resolution.dueAt ?? '—'})  ${t.title}`)
  }
  return lines.join('\n')
}
