// The portfolio's SLA figures per partnership and period come from the stored verdicts (ADR 022): one GROUP BY over
// every partnership's settled tickets, the engine only on the tickets still open. Their figures are sla.report's
// (tests/integration/portfolio.integration.test.ts compares them field by field).
import type { AttainmentPeriod, MetricAttainment, PartnershipPeriodAttainment } from '../sla/stored/attainment-by-partnership.server.ts'

export { attainmentByPartnership } from '../sla/stored/attainment-by-partnership.server.ts'
export type MetricFigures = MetricAttainment
export type PeriodSlaFigures = PartnershipPeriodAttainment
export type FigurePeriod = AttainmentPeriod
export type AttainmentByPartnership = (partnershipIds: string[], periods: FigurePeriod[], asOf: Date) => Promise<Map<string, Map<string, PeriodSlaFigures>>>
