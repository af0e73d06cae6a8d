import { type AttainmentSummary, summariseSource } from './attainment.ts'
import { type MetricVerdict, type TicketColumns, VERDICTS, type VerdictTable } from './engine.ts'
import { isoInstant } from './iso.ts'
import type { MonthIndex } from './periods.ts'
import type { Priority } from './policy.ts'
import type { Lifecycle } from '../tickets/status-history.ts'

// One period's figures from tickets already evaluated into a VerdictTable (pure: no I/O). sla.report draws one
// period from its own scan; the QBR pack draws the reviewed quarter and the one before from one shared scan.

/** What a period report reads of each ticket besides its clock: the scan's columns. */
export interface ReportColumns extends TicketColumns {
  externalId: readonly string[]
  title: readonly string[]
  status: readonly string[]
  lifecycle: readonly Lifecycle[]
  queue: ReadonlyArray<string | null>
  assignee: ReadonlyArray<string | null>
  /** -1 for none, 0 breached, 1 met. */
  vendorResponseMet: Int8Array
  vendorResolutionMet: Int8Array
}

export interface ReportMetric {
  verdict: MetricVerdict['verdict']
  dueAt: string | null
  elapsedMinutes: number
  decidedAt: string | null
}

export interface ReportTicket {
  externalId: string
  title: string
  priority: Priority
  status: string
  /** Where the ticket stands (open, waiting, resolved, closed): what reports read, never the status name. */
  lifecycle: Lifecycle
  queue: string | null
  assignee: string | null
  createdAt: string
  response: ReportMetric
  /** completionUnknown: closed or resolved with no resolution time, so pending for good, never a breach (ADR 011). */
  resolution: ReportMetric & { pausedMinutes: number; completionUnknown: boolean }
  vendor: { responseMet: boolean | null; resolutionMet: boolean | null }
}

export interface Disagreement {
  externalId: string
  title: string
  metric: 'response' | 'resolution'
  ours: string
  vendor: string
}

export interface PeriodFigures {
  totals: AttainmentSummary
  tickets: ReportTicket[]
  breaches: ReportTicket[]
  disagreements: Disagreement[]
  /** Tickets with a clock still pending (with listPending), in the rows' order. */
  pending: ReportTicket[]
  /** Each listed item's row in `rows`: the lists' order keys are read from there (report-lists.ts). */
  rowsOf: { tickets: number[]; breaches: number[]; disagreements: number[]; pending: number[] }
  /** Pending resolution clocks of tickets finished at an unknown instant ("completion unknown", not open). */
  completionUnknown: number
}

export interface PeriodOptions {
  start: number
  end: number
  months: MonthIndex
  /** List every ticket of the period (sla.report's per-ticket list), not only the breaches. */
  listTickets: boolean
  /** List the tickets with a clock still pending (the SLA page's "pending, soonest due first"). */
  listPending?: boolean
  /** Rows created at or after this instant are left out (a shared scan reaching past the period). */
  createdBefore?: number
}

const PENDING = 0
const BREACHED = 2
const iso = (ms: number) => (Number.isNaN(ms) ? null : isoInstant(ms))
const round = (x: number) => Math.round(x * 100) / 100
const vendorVerdict = (v: number) => (v < 0 ? null : v === 1)

export function periodFigures(rows: ReportColumns, table: VerdictTable, options: PeriodOptions): PeriodFigures {
  const { start, end, listTickets } = options
  const createdBefore = options.createdBefore ?? Number.POSITIVE_INFINITY
  const totals = summariseSource(
    {
      length: rows.length,
      priority: (i) => rows.priority[i],
      included: (i) => rows.createdAt[i] < createdBefore,
      verdict: (metric, i) => (metric === 'response' ? table.responseVerdict[i] : table.resolutionVerdict[i]),
      decidedAt: (metric, i) => (metric === 'response' ? table.responseDecidedAt[i] : table.resolutionDecidedAt[i]),
    },
    options.months,
    start,
    end,
  )

  const inPeriod = (verdict: number, decidedAt: number) => verdict === PENDING || (decidedAt >= start && decidedAt < end)
  const breachedInPeriod = (verdict: number, decidedAt: number) => verdict === BREACHED && decidedAt >= start && decidedAt < end
  const tickets: ReportTicket[] = []
  const breaches: ReportTicket[] = []
  const disagreements: Disagreement[] = []
  const pending: ReportTicket[] = []
  const rowsOf: PeriodFigures['rowsOf'] = { tickets: [], breaches: [], disagreements: [], pending: [] }
  const disagree = (i: number, metric: 'response' | 'resolution', ours: number, vendor: number) => {
    if (vendor >= 0 && ours !== PENDING && (VERDICTS[ours] === 'met') !== (vendor === 1)) {
      disagreements.push({ externalId: rows.externalId[i], title: rows.title[i], metric, ours: VERDICTS[ours], vendor: vendor === 1 ? 'met' : 'breached' })
      rowsOf.disagreements.push(i)
    }
  }
  let completionUnknown = 0
  for (let i = 0; i < rows.length; i++) {
    if (rows.createdAt[i] >= createdBefore) continue
    if (table.resolutionUnknown[i] === 1) completionUnknown++
    const rv = table.responseVerdict[i]
    const sv = table.resolutionVerdict[i]
    if (!inPeriod(rv, table.responseDecidedAt[i]) && !inPeriod(sv, table.resolutionDecidedAt[i])) continue
    disagree(i, 'response', rv, rows.vendorResponseMet[i])
    disagree(i, 'resolution', sv, rows.vendorResolutionMet[i])
    const breached = breachedInPeriod(rv, table.responseDecidedAt[i]) || breachedInPeriod(sv, table.resolutionDecidedAt[i])
    const isPending = rv === PENDING || sv === PENDING
    if (!listTickets && !breached && !(options.listPending && isPending)) continue
    const ticket: ReportTicket = {
      externalId: rows.externalId[i],
      title: rows.title[i],
      priority: rows.priority[i],
      status: rows.status[i],
      lifecycle: rows.lifecycle[i],
      queue: rows.queue[i],
      assignee: rows.assignee[i],
      createdAt: isoInstant(rows.createdAt[i]),
      response: {
        verdict: VERDICTS[rv],
        dueAt: iso(table.responseDueAt[i]),
        elapsedMinutes: round(table.responseElapsedMinutes[i]),
        decidedAt: iso(table.responseDecidedAt[i]),
      },
      resolution: {
        verdict: VERDICTS[sv],
        dueAt: iso(table.resolutionDueAt[i]),
        elapsedMinutes: round(table.resolutionElapsedMinutes[i]),
        decidedAt: iso(table.resolutionDecidedAt[i]),
        pausedMinutes: round(table.resolutionPausedMinutes[i]),
        completionUnknown: table.resolutionUnknown[i] === 1,
      },
      vendor: { responseMet: vendorVerdict(rows.vendorResponseMet[i]), resolutionMet: vendorVerdict(rows.vendorResolutionMet[i]) },
    }
    if (listTickets) {
      tickets.push(ticket)
      rowsOf.tickets.push(i)
    }
    if (breached) {
      breaches.push(ticket)
      rowsOf.breaches.push(i)
    }
    if (options.listPending && isPending) {
      pending.push(ticket)
      rowsOf.pending.push(i)
    }
  }
  return { totals, tickets, breaches, disagreements, pending, rowsOf, completionUnknown }
}
