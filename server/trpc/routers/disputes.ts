import { z } from 'zod'
import { acceptDispute } from '../../disputes/accept-dispute.server.ts'
import { ZAcceptDisputeInput, ZDispute, ZGetDisputeInput, ZListDisputesInput, ZRaiseDisputeInput, ZRejectDisputeInput } from '../../disputes/disputes.schemas.ts'
import { getDispute, listDisputes } from '../../disputes/list-disputes.server.ts'
import { raiseDispute } from '../../disputes/raise-dispute.server.ts'
import { rejectDispute } from '../../disputes/reject-dispute.server.ts'
import { partnershipProcedure, router } from '../init.ts'

export const disputesRouter = router({
  list: partnershipProcedure('sla.read').input(ZListDisputesInput).output(z.array(ZDispute)).query(({ ctx, input }) => listDisputes(ctx.scope, input)),
  get: partnershipProcedure('sla.read').input(ZGetDisputeInput).output(ZDispute).query(({ ctx, input }) => getDispute(ctx.scope, input)),
  raise: partnershipProcedure('dispute.raise').input(ZRaiseDisputeInput).output(ZDispute).mutation(({ ctx, input }) => raiseDispute(ctx.scope, ctx.actor, input, ctx.appUrl)),
  accept: partnershipProcedure('dispute.answer').input(ZAcceptDisputeInput).output(ZDispute).mutation(({ ctx, input }) => acceptDispute(ctx.scope, ctx.actor, input, ctx.appUrl)),
  reject: partnershipProcedure('dispute.answer').input(ZRejectDisputeInput).output(ZDispute).mutation(({ ctx, input }) => rejectDispute(ctx.scope, ctx.actor, input, ctx.appUrl)),
})
