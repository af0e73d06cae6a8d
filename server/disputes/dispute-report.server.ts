import { z } from 'zod'
import type { PartnershipScope } from '../access/policy.server.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { slaReport } from '../sla/sla-report.server.ts'
import { ZInstant, ZQuarter } from '../validation/bounds.ts'
import type { DisputeLine } from './report-disputes.server.ts'

// `accord sla disputes`: a quarter's disputes with the attainment they move, computed beside agreed.

export const ZDisputeReportInput = z.object({ slug: ZSlug, quarter: ZQuarter, asOf: ZInstant.optional() })

interface Figure {
  computed: number | null
  agreed: number | null
}

export interface DisputeReport {
  partnership: string
  quarter: string
  asOf: string
  attainment: { response: Figure; resolution: Figure }
  counts: { open: number; accepted: number; rejected: number }
  disputes: DisputeLine[]
}

export async function disputeReport(scope: PartnershipScope, input: unknown, now = new Date()): Promise<DisputeReport> {
  const { quarter, asOf } = ZDisputeReportInput.parse(input)
  const r = await slaReport(scope, { slug: scope.slug, quarter, asOf, tickets: false }, now)
  const figure = (m: 'response' | 'resolution'): Figure => ({ computed: r.totals[m].overall.attainment, agreed: r.agreedTotals[m].overall.attainment })
  const count = (status: DisputeLine['status']) => r.disputes.filter((d) => d.status === status).length
  return {
    partnership: r.partnership,
    quarter,
    asOf: r.asOf,
    attainment: { response: figure('response'), resolution: figure('resolution') },
    counts: { open: count('OPEN'), accepted: count('ACCEPTED'), rejected: count('REJECTED') },
    disputes: r.disputes,
  }
}

const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}%`)

export function formatDisputeReport(r: DisputeReport): string {
  const lines = [`SLA disputes for ${r.partnership}, ${r.quarter}, as of ${r.asOf}`]
  for (const m of ['response', 'resolution'] as const) lines.push(`  ${m.padEnd(10)} computed ${pct(r.attainment[m].computed).padStart(6)}   agreed ${pct(r.attainment[m].agreed).padStart(6)}`)
  lines.push(`  ${r.counts.open} open, ${r.counts.accepted} accepted, ${r.counts.rejected} rejected`)
  for (const d of r.disputes) {
    const outcome = d.status === 'ACCEPTED' ? `accepted: ${d.computedVerdict} → ${d.agreedVerdict}` : d.status === 'REJECTED' ? `rejected: stays ${d.computedVerdict}` : `open: ${d.computedVerdict}`
    lines.push(`  ${d.externalId} ${d.metric.padEnd(10)} ${outcome} (raised by ${d.raisedBy}: ${d.reason})`)
  }
  return lines.join('\n')
}
