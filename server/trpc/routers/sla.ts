import { z } from 'zod'
import { ZSlug } from '../../partnerships/partnerships.schemas.ts'
import { ZExplainTicketInput, explainTicket } from '../../sla/explain-ticket.server.ts'
import { getPriorityMappings, getSlaPolicy, listSlaPolicyVersions, setSlaPolicy } from '../../sla/sla-policies.server.ts'
import { listSourcePriorities } from '../../tickets/list-source-priorities.server.ts'
import { setPriorityMapping } from '../../tickets/set-priority-mapping.server.ts'
import { slaReport } from '../../sla/sla-report.server.ts'
import { slaReportList } from '../../sla/sla-report-list.server.ts'
import { slaTicketStats } from '../../sla/sla-ticket-stats.server.ts'
import { ZGetSlaPolicyInput, ZListAtRiskInput, ZSetPriorityMappingInput, ZSetSlaPolicyInput, ZSlaReportInput, ZSlaReportListInput } from '../../sla/sla.schemas.ts'
import { listAtRiskTickets } from '../../sla/list-at-risk-tickets.server.ts'
import { serviceKpis } from '../../sla/kpis/service-kpis.server.ts'
import { ZServiceKpisInput } from '../../sla/kpis/service-kpis.schemas.ts'
import { expensive, partnershipProcedure, router } from '../init.ts'

export const slaRouter = router({
  report: partnershipProcedure('sla.read').use(expensive('report')).input(ZSlaReportInput).query(({ ctx, input }) => slaReport(ctx.scope, input)),
  reportList: partnershipProcedure('sla.read').use(expensive('report')).input(ZSlaReportListInput).query(({ ctx, input }) => slaReportList(ctx.scope, input)),
  kpis: partnershipProcedure('sla.read').use(expensive('report')).input(ZServiceKpisInput).query(({ ctx, input }) => serviceKpis(ctx.scope, input)),
  ticketStats: partnershipProcedure('sla.read').use(expensive('report')).input(ZSlaReportInput).query(({ ctx, input }) => slaTicketStats(ctx.scope, input)),
  policy: partnershipProcedure('sla.read').input(ZGetSlaPolicyInput).query(({ ctx, input }) => getSlaPolicy(ctx.scope, input)),
  policyVersions: partnershipProcedure('sla.read').input(z.object({ slug: ZSlug })).query(({ ctx }) => listSlaPolicyVersions(ctx.scope)),
  setPolicy: partnershipProcedure('sla.manage').input(ZSetSlaPolicyInput).mutation(({ ctx, input }) => setSlaPolicy(ctx.scope, ctx.actor, input)),
  priorityMappings: partnershipProcedure('sla.read').input(z.object({ slug: ZSlug })).query(({ ctx }) => getPriorityMappings(ctx.scope)),
  sourcePriorities: partnershipProcedure('sla.read').input(z.object({ slug: ZSlug })).query(({ ctx }) => listSourcePriorities(ctx.scope)),
  setPriorityMapping: partnershipProcedure('sla.manage').input(ZSetPriorityMappingInput).mutation(({ ctx, input }) => setPriorityMapping(ctx.scope, ctx.actor, input)),
  atRisk: partnershipProcedure('sla.read').input(ZListAtRiskInput).query(({ ctx, input }) => listAtRiskTickets(ctx.scope, input)),
  explainTicket: partnershipProcedure('ticket.read').input(ZExplainTicketInput).query(({ ctx, input }) => explainTicket(ctx.scope, input)),
})
