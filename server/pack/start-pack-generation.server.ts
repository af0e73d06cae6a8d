import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { enqueueJob } from '../jobs/jobs.server.ts'
import { PACK_JOB, type PackJobPayload, packJobKey, packJobView } from './pack-job.server.ts'
import { ZPackInput } from './pack.schemas.ts'

/**
 * "Generate pack": queues the generation (or answers with the one of this partnership and quarter already queued
 * or running, whatever its as-of) and returns at once; `pack.job` tells how it goes.
 */
export async function startPackGeneration(scope: PartnershipScope, actor: Actor & { userId: string }, input: unknown) {
  const { quarter, asOf } = ZPackInput.parse(input)
  const payload: PackJobPayload = {
    quarter,
    // "Now" is the moment of asking, so a pack that waits in the queue (or runs again) is still as of the click.
    asOf: new Date(asOf ?? Date.now()).toISOString(),
    requestedBy: actor.userId,
  }
  const { job, created } = await enqueueJob(PACK_JOB, payload, { partnershipId: scope.id, singletonKey: packJobKey(scope.id, quarter) })
  return { job: packJobView(job), alreadyQueued: !created }
}
