import { z } from 'zod'
import { createStandard } from '../../standards/create-standard.server.ts'
import { getStandard, listStandards } from '../../standards/list-standards.server.ts'
import { ZCreateStandardInput, ZListStandardsInput, ZRetireStandardInput, ZStandard, ZStandardRef, ZUpdateStandardInput } from '../../standards/standards.schemas.ts'
import { setStandardRetired, updateStandard } from '../../standards/update-standard.server.ts'
import { orgProcedure, router } from '../init.ts'

export const standardsRouter = router({
  list: orgProcedure('standard.read').input(ZListStandardsInput).output(z.array(ZStandard)).query(({ ctx, input }) => listStandards(ctx.scope, input)),
  get: orgProcedure('standard.read').input(ZStandardRef).output(ZStandard).query(({ ctx, input }) => getStandard(ctx.scope, input.id)),
  create: orgProcedure('standard.manage').input(ZCreateStandardInput).output(ZStandard).mutation(({ ctx, input }) => createStandard(ctx.scope, ctx.actor, input)),
  update: orgProcedure('standard.manage').input(ZUpdateStandardInput).output(ZStandard).mutation(({ ctx, input }) => updateStandard(ctx.scope, ctx.actor, input)),
  setRetired: orgProcedure('standard.manage').input(ZRetireStandardInput).output(ZStandard).mutation(({ ctx, input }) => setStandardRetired(ctx.scope, ctx.actor, input)),
})
