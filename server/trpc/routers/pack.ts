import { z } from 'zod'
import { generatePack } from '../../pack/generate-pack.server.ts'
import { getPackSnapshot, listPackVersions } from '../../pack/list-pack-versions.server.ts'
import { ZGetPackVersionInput, ZListPackVersionsInput, ZPackInput, ZPackVersion, ZVerifyPackInput, ZVerifyPackOutput } from '../../pack/pack.schemas.ts'
import { verifyPack } from '../../pack/verify-pack.server.ts'
import { partnershipProcedure, router } from '../init.ts'

export const packRouter = router({
  list: partnershipProcedure('pack.read').input(ZListPackVersionsInput).output(z.array(ZPackVersion)).query(({ ctx, input }) => listPackVersions(ctx.scope, input)),
  // The snapshot is large and typed at compile time (ADR 005): not re-validated per call.
  snapshot: partnershipProcedure('pack.read').input(ZGetPackVersionInput).query(({ ctx, input }) => getPackSnapshot(ctx.scope, input)),
  generate: partnershipProcedure('pack.generate').input(ZPackInput).output(ZPackVersion).mutation(({ ctx, input }) => generatePack(ctx.scope, ctx.actor, input, { notify: { appUrl: ctx.appUrl } })),
  verify: partnershipProcedure('pack.read').input(ZVerifyPackInput).output(ZVerifyPackOutput).mutation(({ ctx, input }) => verifyPack(ctx.scope, input)),
})
