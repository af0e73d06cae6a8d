import { db } from '../db/client.server.ts'
import { type OverrideKey, type Overrides, overrideKey } from './agreed-attainment.ts'
import type { DecidedVerdict, DisputeMetric } from './disputes.schemas.ts'

// What sla.report and the QBR pack read of disputes: the accepted overrides (all of them: an accepted dispute
// counts wherever its verdict falls) and the disputes of the period's verdicts, as one summary line each. Both as
// of an instant: a dispute raised later is left out, one answered later is still open, so a report or pack as of
// a past instant shows the disputes as they stood then.

export interface DisputeLine {
  id: string
  externalId: string
  title: string
  priority: string
  metric: DisputeMetric
  status: 'OPEN' | 'ACCEPTED' | 'REJECTED'
  computedVerdict: DecidedVerdict
  agreedVerdict: DecidedVerdict | null
  decidedAt: string
  reason: string
  raisedBy: string
  answer: string | null
  answeredBy: string | null
}

export interface ReportDisputes {
  overrides: Overrides
  /** Disputes of verdicts decided in [start, end), oldest verdict first. */
  list: DisputeLine[]
}

const nameOf = (label: string | null) => (label === null ? null : label.replace(/\s*<.*>$/, ''))

export async function loadReportDisputes(partnershipId: string, start: number, end: number, asOf: number): Promise<ReportDisputes> {
  const prisma = await db()
  const ticket = { select: { externalId: true, title: true, priority: true } } as const
  const at = new Date(asOf)
  const [accepted, inPeriod] = await Promise.all([
    prisma.slaDispute.findMany({
      where: { partnershipId, status: 'ACCEPTED', answeredAt: { lte: at } },
      select: { metric: true, agreedVerdict: true, ticket: { select: { externalId: true } } },
    }),
    prisma.slaDispute.findMany({
      where: { partnershipId, decidedAt: { gte: new Date(start), lt: new Date(end) }, createdAt: { lte: at } },
      orderBy: [{ decidedAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, metric: true, status: true, computedVerdict: true, agreedVerdict: true, decidedAt: true, reason: true, raisedByLabel: true, answer: true, answeredByLabel: true, answeredAt: true, ticket },
    }),
  ])
  const overrides = new Map<OverrideKey, 1 | 2>()
  for (const d of accepted) overrides.set(overrideKey(d.metric as DisputeMetric, d.ticket.externalId), d.agreedVerdict === 'met' ? 1 : 2)
  return {
    overrides,
    list: inPeriod.map((d) => (d.answeredAt && d.answeredAt > at ? { ...d, status: 'OPEN' as const, agreedVerdict: null, answer: null, answeredByLabel: null } : d)).map((d) => ({
      id: d.id,
      externalId: d.ticket.externalId,
      title: d.ticket.title,
      priority: d.ticket.priority,
      metric: d.metric as DisputeMetric,
      status: d.status,
      computedVerdict: d.computedVerdict as DecidedVerdict,
      agreedVerdict: d.agreedVerdict as DecidedVerdict | null,
      decidedAt: d.decidedAt.toISOString(),
      reason: d.reason,
      raisedBy: nameOf(d.raisedByLabel)!,
      answer: d.answer,
      answeredBy: nameOf(d.answeredByLabel),
    })),
  }
}
