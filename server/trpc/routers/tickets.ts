import { ZRecordMetricsInput } from '../../metrics/metrics.schemas.ts'
import { recordMetrics } from '../../metrics/record-metrics.server.ts'
import { z } from 'zod'
import { ZListTicketsInput, listTickets } from '../../tickets/list-tickets.server.ts'
import { pushTickets } from '../../tickets/push-tickets.server.ts'
import { ZUpsertTicketsInput } from '../../tickets/tickets.schemas.ts'
import { expensive, partnershipProcedure, router } from '../init.ts'

export const ticketsRouter = router({
  list: partnershipProcedure('ticket.read').input(ZListTicketsInput).query(({ ctx, input }) => listTickets(ctx.scope, input)),
  upsert: partnershipProcedure('ticket.write')
    .use(expensive('import'))
    .input(ZUpsertTicketsInput)
    .output(z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() }))
    .mutation(({ ctx, input }) => pushTickets(ctx.scope, input)),
})

export const metricsRouter = router({
  record: partnershipProcedure('ticket.write')
    .input(ZRecordMetricsInput)
    .output(z.object({ recorded: z.number() }))
    .mutation(({ ctx, input }) => recordMetrics(ctx.scope, input)),
})
