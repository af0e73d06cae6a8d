import { z } from 'zod'
import { type OrgScope, requirePartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { PACK_JOB, packJobView } from '../pack/pack-job.server.ts'
import { startPackGeneration } from '../pack/start-pack-generation.server.ts'
import { requireMspScope } from './list-portfolio.server.ts'
import { ZPortfolioPacksInput } from './portfolio.schemas.ts'

/**
 * "Generate this quarter's packs" for the selected partnerships: one pack job per partnership (the same job the
 * packs page queues), each checked against the access policy with pack.generate. Every slug is checked before any
 * job is queued, so a slug of another MSP queues nothing (and is not found, its existence not revealed).
 */
export async function generatePortfolioPacks(scope: OrgScope, actor: Actor & { userId: string }, input: unknown) {
  requireMspScope(scope)
  const { quarter, slugs } = ZPortfolioPacksInput.parse(input)
  const unique = [...new Set(slugs)]
  const scopes = []
  for (const slug of unique) {
    const p = await requirePartnershipScope(scope.userId, slug, 'pack.generate')
    if (p.mspOrgId !== scope.orgId) throw new AppError('NOT_FOUND', 'Partnership not found', { fieldErrors: [{ field: 'slugs', message: `No partnership "${slug}" in this portfolio` }] })
    scopes.push(p)
  }
  const out = []
  for (const p of scopes) {
    const { job, alreadyQueued } = await startPackGeneration(p, actor, { slug: p.slug, quarter })
    out.push({ slug: p.slug, job, alreadyQueued })
  }
  return { quarter, jobs: out }
}

export const ZPortfolioPackJobsInput = z.object({
  org: z.string(),
  ids: z.array(z.string().uuid({ error: 'Not a job id' })).min(1).max(100),
})

/** The progress of pack jobs queued from the portfolio; jobs of another MSP's partnerships are left out. */
export async function portfolioPackJobs(scope: OrgScope, input: unknown) {
  requireMspScope(scope)
  const { ids } = ZPortfolioPackJobsInput.parse(input)
  const jobs = await (await db()).job.findMany({
    where: { id: { in: ids }, kind: PACK_JOB, partnership: { mspOrgId: scope.orgId } },
    include: { partnership: { select: { slug: true, clientOrg: { select: { name: true } } } } },
    orderBy: { createdAt: 'asc' },
  })
  return jobs.map((j) => ({ slug: j.partnership!.slug, client: j.partnership!.clientOrg.name, job: packJobView(j) }))
}
