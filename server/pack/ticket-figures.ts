import type { AttainmentSummary } from '../sla/attainment.ts'
import type { ServiceKpis } from '../sla/kpis/service-kpis.schemas.ts'
import type { ReportTicket } from '../sla/period-report.ts'
import type { MonthIndex } from '../sla/periods.ts'
import type { SlaPolicy } from '../sla/policy.ts'
import type { TicketStats } from '../sla/ticket-stats.ts'
import type { PackDisputes } from './disputes-section.ts'

// What the pack reads of its tickets, for the reviewed quarter and the comparison window, as of the pack's
// instant. Two paths give it: the stored verdicts summed by the database (stored-ticket-figures.server.ts, what a
// pack uses) and the scan of every ticket through the engine (scan-ticket-figures.server.ts, the reference, and
// the path for a policy whose verdicts are not stored). pack-stored-figures.integration.test.ts holds them equal.

export interface PackTicketWindow {
  scope: { id: string; slug: string; clientOrgId: string }
  /** The policy in force at the as-of, and its version; null when the partnership has none. */
  policy: { version: number; definition: SlaPolicy } | null
  quarter: string
  asOf: number
  zone: string
  cur: { start: number; end: number }
  /** The current quarter's rows: created before this (its end, or just after the as-of). */
  curEnd: number
  prev: { start: number; end: number }
  /** The comparison window's end (the same days of the previous quarter while the reviewed one runs). */
  comparedEnd: number
  /** The comparison window's rows: created before this. */
  prevEnd: number
  months: MonthIndex
}

export interface PackTicketFigures {
  /** The reviewed quarter's SLA figures; null without a policy. */
  /**
   * `breaches` holds at least the first BREACH_APPENDIX_LIMIT by priority, creation and external id (and any tied
   * with the last of them; every one on the scan path); `breachCount` counts them all.
   */
  report: { totals: AttainmentSummary; breaches: ReportTicket[]; breachCount: number; completionUnknown: number } | null
  previousTotals: AttainmentSummary | null
  disputes: PackDisputes | undefined
  stats: TicketStats
  previousStats: TicketStats
  serviceKpis: ServiceKpis | undefined
}
