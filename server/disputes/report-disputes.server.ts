import { queryArrays } from '../db/client.server.ts'
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

type DisputeStatus = 'OPEN' | 'ACCEPTED' | 'REJECTED'

const nameOf = (label: string | null) => (label === null ? null : label.replace(/\s*<.*>$/, ''))

export async function loadReportDisputes(partnershipId: string, start: number, end: number, asOf: number): Promise<ReportDisputes> {
  const at = new Date(asOf)
  // Each list with its tickets' fields by a join, straight through the driver: Prisma read each relation by a second
  // query, and its own work per query is several times these small reads'.
  const MS = (column: string) => `(extract(epoch from d."${column}") * 1000)::float8`
  const [accepted, inPeriod] = await Promise.all([
    queryArrays(
      `SELECT d."metric", d."agreedVerdict", t."externalId" FROM "SlaDispute" d JOIN "Ticket" t ON t."id" = d."ticketId"
        WHERE d."partnershipId" = $1 AND d."status" = 'ACCEPTED' AND d."answeredAt" <= ($2::timestamptz AT TIME ZONE 'UTC')`,
      [partnershipId, at.toISOString()],
    ).then((rows) => (rows as Array<[string, string | null, string]>).map(([metric, agreedVerdict, externalId]) => ({ metric, agreedVerdict, ticket: { externalId } }))),
    queryArrays(
      `SELECT d."id", d."metric", d."status"::text, d."computedVerdict", d."agreedVerdict", ${MS('decidedAt')}, d."reason", d."raisedByLabel", d."answer",
              d."answeredByLabel", ${MS('answeredAt')}, t."externalId", t."title", t."priority"::text
         FROM "SlaDispute" d JOIN "Ticket" t ON t."id" = d."ticketId"
        WHERE d."partnershipId" = $1 AND d."decidedAt" >= ($2::timestamptz AT TIME ZONE 'UTC') AND d."decidedAt" < ($3::timestamptz AT TIME ZONE 'UTC')
          AND d."createdAt" <= ($4::timestamptz AT TIME ZONE 'UTC')
        ORDER BY d."decidedAt", d."createdAt", d."id"`,
      [partnershipId, new Date(start).toISOString(), new Date(end).toISOString(), at.toISOString()],
    ).then((rows) =>
      (rows as Array<[string, string, DisputeStatus, string, string | null, number, string, string, string | null, string | null, number | null, string, string, string]>).map((r) => ({
        id: r[0],
        metric: r[1],
        status: r[2],
        computedVerdict: r[3],
        agreedVerdict: r[4],
        decidedAt: new Date(r[5]),
        reason: r[6],
        raisedByLabel: r[7],
        answer: r[8],
        answeredByLabel: r[9],
        answeredAt: r[10] === null ? null : new Date(r[10]),
        ticket: { externalId: r[11], title: r[12], priority: r[13] },
      })),
    ),
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
