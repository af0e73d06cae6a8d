import { fmtPct } from '../../app/charts/pack-format.ts'
import type { ReportDisputes } from '../disputes/report-disputes.server.ts'
import type { AttainmentSummary } from '../sla/attainment.ts'

// The pack's disputes part (pure): attainment computed beside agreed for the reviewed quarter, and the quarter's
// disputes. The computed and agreed totals come from the same figures as the rest of the SLA section (stored
// verdicts or the scan, ticket-figures.ts); rendered on the SLA pages.

interface Figure {
  computed: number | null
  agreed: number | null
  /** met / decided, as agreed. */
  agreedMet: number
  decided: number
}

export interface PackDisputes {
  response: Figure
  resolution: Figure
  disputes: Array<{
    externalId: string
    title: string
    metric: string
    status: 'OPEN' | 'ACCEPTED' | 'REJECTED'
    computedVerdict: string
    agreedVerdict: string | null
    reason: string
    raisedBy: string
    answer: string | null
    answeredBy: string | null
  }>
}

export function packDisputes(loaded: ReportDisputes, computed: AttainmentSummary, agreed: AttainmentSummary): PackDisputes {
  const figure = (m: 'response' | 'resolution'): Figure => ({
    computed: computed[m].overall.attainment,
    agreed: agreed[m].overall.attainment,
    agreedMet: agreed[m].overall.met,
    decided: agreed[m].overall.met + agreed[m].overall.breached,
  })
  return {
    response: figure('response'),
    resolution: figure('resolution'),
    disputes: loaded.list.map((d) => ({
      externalId: d.externalId,
      title: d.title,
      metric: d.metric,
      status: d.status,
      computedVerdict: d.computedVerdict,
      agreedVerdict: d.agreedVerdict,
      reason: d.reason,
      raisedBy: d.raisedBy,
      answer: d.answer,
      answeredBy: d.answeredBy,
    })),
  }
}

/** What the renderer lends this part: the page writer's table primitives and the content width. */
export interface PackPartWriter {
  subheading(title: string): void
  note(text: string): void
  table(columns: Array<{ header: string; width: number; align?: 'left' | 'right' }>, rows: string[][], options?: { mark?: (row: number) => string | null }): void
}

const OUTCOME = { OPEN: 'open', ACCEPTED: 'accepted', REJECTED: 'rejected' } as const
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

export function renderPackDisputes(w: PackPartWriter, d: PackDisputes, quarter: string, contentWidth: number): void {
  w.subheading('Attainment, computed and agreed')
  w.table(
    [
      { header: 'Metric', width: 120 },
      { header: 'Computed', width: 100, align: 'right' },
      { header: 'Agreed', width: 100, align: 'right' },
      { header: 'Agreed met / decided', width: contentWidth - 320, align: 'right' },
    ],
    (['response', 'resolution'] as const).map((m) => [m === 'response' ? 'Response' : 'Resolution', fmtPct(d[m].computed), fmtPct(d[m].agreed), `${d[m].agreedMet} / ${d[m].decided}`]),
  )
  w.subheading(`Disputed verdicts (${d.disputes.length})`)
  if (d.disputes.length === 0) {
    w.note(`No verdict of ${quarter} was disputed. Agreed figures equal the computed ones.`)
    return
  }
  w.note('Agreed figures count the verdicts of accepted disputes as agreed between the parties; computed figures come from the ticket timestamps.')
  w.table(
    [
      { header: 'Ticket', width: 70 },
      { header: 'Verdict', width: 110 },
      { header: 'Outcome', width: 110 },
      { header: 'Raised by', width: 100 },
      { header: 'Answered by', width: contentWidth - 390 },
    ],
    d.disputes.map((x) => [x.externalId, `${x.metric}: ${x.computedVerdict}`, x.status === 'ACCEPTED' ? `accepted → ${x.agreedVerdict}` : OUTCOME[x.status], x.raisedBy, x.answeredBy ?? '—']),
  )
  // Table cells hold one line: the reasons and answers get a row each, on the full width.
  w.subheading('Reasons and answers')
  w.table(
    [
      { header: 'Ticket', width: 70 },
      { header: 'Party', width: 50 },
      { header: 'Said', width: contentWidth - 120 },
    ],
    d.disputes.flatMap((x) => [[x.externalId, 'Client', clip(x.reason, 110)], ...(x.answer ? [['', 'MSP', clip(x.answer, 110)]] : [])]),
  )
}
