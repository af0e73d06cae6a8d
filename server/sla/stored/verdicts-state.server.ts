import { db } from '../../db/client.server.ts'
import { REEVALUATE_JOB } from './reevaluate-job-kind.ts'
import { type VerdictPolicy, verdictPolicyAt } from './verdict-policy.server.ts'

// Which policy version a partnership's reports are computed with (ADR 022): the version its stored verdicts hold
// (Partnership.slaVerdictsVersion), which trails the newest while a re-evaluation runs; before any re-evaluation has
// finished, the newest.

export interface VerdictsState {
  /** The version the figures are computed with. */
  version: number
  /** The newest version of the policy. */
  currentVersion: number
  /** True while the tickets are being re-evaluated under the newest version (the figures are then `version`'s). */
  reevaluating: boolean
  /** The re-evaluation's progress, while one is queued or running. */
  progress: { done: number; total: number } | null
}

export async function verdictsState(partnershipId: string, newest: number): Promise<{ state: VerdictsState; policy: VerdictPolicy | null }> {
  const prisma = await db()
  const [partnership, job] = await Promise.all([
    prisma.partnership.findUnique({ where: { id: partnershipId }, select: { slaVerdictsVersion: true } }),
    prisma.job.findFirst({ where: { partnershipId, kind: REEVALUATE_JOB, status: { in: ['queued', 'running'] } }, orderBy: { createdAt: 'desc' }, select: { progress: true } }),
  ])
  const version = partnership?.slaVerdictsVersion ?? newest
  const policy = (await verdictPolicyAt(prisma, partnershipId, version)) ?? (await verdictPolicyAt(prisma, partnershipId, newest))
  const p = job?.progress as { done?: number; total?: number } | null | undefined
  return {
    state: {
      version: policy?.version ?? newest,
      currentVersion: newest,
      reevaluating: (policy?.version ?? newest) !== newest,
      progress: job ? { done: p?.done ?? 0, total: p?.total ?? 0 } : null,
    },
    policy,
  }
}
