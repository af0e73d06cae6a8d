import { z } from 'zod'
import { getPackJob } from '../../pack/get-pack-job.server.ts'
import { getPackSnapshot, listPackVersions } from '../../pack/list-pack-versions.server.ts'
import {
  ZGetPackVersionInput,
  ZListPackVersionsInput,
  ZPackInput,
  ZPackJob,
  ZPackJobInput,
  ZPackVersion,
  ZStartPackGenerationOutput,
  ZVerifyPackInput,
  ZVerifyPackOutput,
} from '../../pack/pack.schemas.ts'
import { startPackGeneration } from '../../pack/start-pack-generation.server.ts'
import { verifyPack } from '../../pack/verify-pack.server.ts'
import { expensive, partnershipProcedure, router } from '../init.ts'

export const packRouter = router({
  list: partnershipProcedure('pack.read').input(ZListPackVersionsInput).output(z.array(ZPackVersion)).query(({ ctx, input }) => listPackVersions(ctx.scope, input)),
  // The snapshot is large and typed at compile time (ADR 005): not re-validated per call.
  snapshot: partnershipProcedure('pack.read').input(ZGetPackVersionInput).query(({ ctx, input }) => getPackSnapshot(ctx.scope, input)),
  // Queues the generation (a background job) and answers with it; `job` polls it to the frozen version.
  generate: partnershipProcedure('pack.generate').use(expensive('pack')).input(ZPackInput).output(ZStartPackGenerationOutput).mutation(({ ctx, input }) => startPackGeneration(ctx.scope, ctx.actor, input)),
  job: partnershipProcedure('pack.read').input(ZPackJobInput).output(ZPackJob).query(({ ctx, input }) => getPackJob(ctx.scope, input)),
  verify: partnershipProcedure('pack.read').input(ZVerifyPackInput).output(ZVerifyPackOutput).mutation(({ ctx, input }) => verifyPack(ctx.scope, input)),
})
