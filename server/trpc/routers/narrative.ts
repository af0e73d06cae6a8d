import { getNarrative } from '../../narrative/get-narrative.server.ts'
import { ZNarrative, ZNarrativeRef, ZSaveNarrativeInput, ZSaveNarrativeOutput } from '../../narrative/narrative.schemas.ts'
import { saveNarrative } from '../../narrative/save-narrative.server.ts'
import { partnershipProcedure, router } from '../init.ts'

// The pack's narrative (ADR 029): read with the pack, co-edited by the account manager's side and the client's.
export const narrativeRouter = router({
  get: partnershipProcedure('pack.read').input(ZNarrativeRef).output(ZNarrative).query(({ ctx, input }) => getNarrative(ctx.scope, input)),
  save: partnershipProcedure('narrative.edit').input(ZSaveNarrativeInput).output(ZSaveNarrativeOutput).mutation(({ ctx, input }) => saveNarrative(ctx.scope, ctx.actor, input)),
})
