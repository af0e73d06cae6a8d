// The portal's pack generation as a background job (the durable runner of server/jobs/, as PSA syncs): enqueued by
// `pack.generate`, one at a time per partnership and quarter, its progress mirrored on the job row for the page.
import { z } from 'zod'
import { requirePartnershipScope } from '../access/policy.server.ts'
import { userActor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { Job } from '../db/generated/client.ts'
import { AppError, toAppError } from '../errors.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { type JobContext, progressWriter, registerJobHandler } from '../jobs/jobs.server.ts'
import { generatePack } from './generate-pack.server.ts'
import { PACK_STAGES, type PackJobDto, type PackVersionDto } from './pack.schemas.ts'

export const PACK_JOB = 'pack.generate'

export const packJobKey = (partnershipId: string, quarter: string) => `${PACK_JOB}:${partnershipId}:${quarter}`

/**
 * What a queued generation carries besides its partnership (the job's own column, set from the verified scope):
 * the validated input and who asked. Nothing here is trusted as access: the handler decides it again.
 */
export const ZPackJobPayload = z.object({ quarter: z.string(), asOf: z.string(), requestedBy: z.string() })
export type PackJobPayload = z.infer<typeof ZPackJobPayload>

const ZProgress = z.object({ stage: z.enum(PACK_STAGES), done: z.number(), total: z.number() })

export function packJobView(job: Job): PackJobDto {
  const payload = ZPackJobPayload.parse(job.payload)
  const progress = ZProgress.safeParse(job.progress)
  return {
    id: job.id,
    quarter: payload.quarter,
    asOf: payload.asOf,
    status: job.status as PackJobDto['status'],
    progress: progress.success ? progress.data : null,
    error: job.error,
    version: job.status === 'succeeded' ? (job.result as PackVersionDto) : null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  }
}

/**
 * The partnership and the requester as they are now: a member removed, or whose role lost `pack.generate`, between
 * the click and the run gets no pack, as the same request made now would not.
 */
async function requesterScope(job: Job, payload: PackJobPayload) {
  const prisma = await db()
  const [partnership, user] = await Promise.all([
    job.partnershipId ? prisma.partnership.findUnique({ where: { id: job.partnershipId }, select: { slug: true } }) : null,
    prisma.user.findUnique({ where: { id: payload.requestedBy }, select: { id: true, name: true, email: true } }),
  ])
  if (!partnership || !user) throw new AppError('NOT_FOUND', 'The partnership or the user who asked for this pack no longer exists')
  try {
    return { scope: await requirePartnershipScope(user.id, partnership.slug, 'pack.generate'), actor: userActor(user) }
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `${user.name} may no longer generate packs in this partnership`)
    throw error
  }
}

/** The job's handler: re-decides access, then generates as `generatePack` does for the CLI, reporting progress. */
export async function runPackJob(job: Job, ctx: JobContext): Promise<PackVersionDto> {
  const payload = ZPackJobPayload.parse(job.payload)
  const { scope, actor } = await requesterScope(job, payload)
  const progress = progressWriter(ctx)
  try {
    return await generatePack(
      scope,
      actor,
      { slug: scope.slug, quarter: payload.quarter, asOf: payload.asOf },
      {
        onProgress: (stage, done, total) => progress.report({ stage, done, total }),
        // Outside a request, links in mail come from APP_URL (as for the scheduled mail), never from a Host header.
        notify: { appUrl: appBaseUrl() },
      },
    )
  } catch (error) {
    // The job's error is shown on the page: what the user can act on (no policy, a bad quarter), not internals.
    const known = toAppError(error)
    if (known) throw new Error(known.message)
    console.warn(`pack job ${job.id}:`, error)
    throw new Error('The pack could not be generated because of an internal error (the server log has the details)')
  } finally {
    await progress.flush()
  }
}

export function registerPackJobs(): void {
  registerJobHandler(PACK_JOB, runPackJob)
}
