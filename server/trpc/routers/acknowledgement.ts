import { acknowledgeMinutes } from '../../acknowledgements/acknowledge-minutes.server.ts'
import { acknowledgePack } from '../../acknowledgements/acknowledge-pack.server.ts'
import { ZAcknowledgeMinutesInput, ZAcknowledgeOutput, ZAcknowledgePackInput, ZAcknowledgements, ZListAcknowledgementsInput } from '../../acknowledgements/acknowledgement.schemas.ts'
import { listAcknowledgements } from '../../acknowledgements/list-acknowledgements.server.ts'
import { partnershipProcedure, router } from '../init.ts'

// Both parties acknowledge, after the QBR, the pack version and the minutes they were shown, by SHA-256 (ADR 027).
export const acknowledgementRouter = router({
  list: partnershipProcedure('pack.read').input(ZListAcknowledgementsInput).output(ZAcknowledgements).query(({ ctx, input }) => listAcknowledgements(ctx.scope, input)),
  pack: partnershipProcedure('pack.acknowledge').input(ZAcknowledgePackInput).output(ZAcknowledgeOutput).mutation(({ ctx, input }) => acknowledgePack(ctx.scope, ctx.actor, input)),
  minutes: partnershipProcedure('pack.acknowledge').input(ZAcknowledgeMinutesInput).output(ZAcknowledgeOutput).mutation(({ ctx, input }) => acknowledgeMinutes(ctx.scope, ctx.actor, input)),
})
