import { db, queryArrays } from '../../db/client.server.ts'
import { type JobContext, enqueueJob, registerJobHandler } from '../../jobs/jobs.server.ts'
import type { Lifecycle } from '../../tickets/status-history.ts'
import { PRIORITIES, type Priority } from '../policy.ts'
import { readStoredPauses } from '../stored-pauses.ts'
import { REEVALUATE_JOB } from './reevaluate-job-kind.ts'
import { STORED_COLUMNS, storedRow, storedVerdict } from './stored-verdicts.ts'
import { currentVerdictPolicy } from './verdict-policy.server.ts'

// Re-evaluation of a partnership's stored verdicts (ADR 022): after a policy change, a priority re-mapping or a
// recomputed status history, every ticket whose stored verdicts are not of the newest version is evaluated again, a
// chunk at a time (each chunk its own statement, so writers and readers are never held up for long). Reports keep
// the previous version's figures (Partnership.slaVerdictsVersion) until the last chunk is written.

const CHUNK = 5_000
const ARRAY: Record<string, string> = { int: 'int[]', float8: 'float8[]', int2: 'int2[]', text: 'text[]' }

export interface ReevaluateResult {
  version: number | null
  evaluated: number
}

/** Re-evaluates every ticket not stored under the newest version; `progress` hears of each chunk. */
export async function reevaluateVerdicts(partnershipId: string, progress?: (p: { done: number; total: number; version: number }) => Promise<void> | void): Promise<ReevaluateResult> {
  const prisma = await db()
  let evaluated = 0
  // A newer version saved while this ran is taken up by the next round, rather than by a job the singleton key refuses.
  for (let round = 0; round < 5; round++) {
    const vp = await currentVerdictPolicy(prisma, partnershipId)
    if (!vp) return { version: null, evaluated }
    // Stale: another version or none, or written before the as-of thresholds existed (ADR 022 addendum).
    const stale = `"partnershipId" = $1 AND ("slaVersion" IS DISTINCT FROM $2::int OR "responseBreachFromMs" IS NULL)`
    const [[total]] = (await queryArrays(`SELECT count(*)::int FROM "Ticket" WHERE ${stale}`, [partnershipId, vp.version])) as number[][]
    let done = 0
    let after = ''
    await progress?.({ done, total, version: vp.version })
    for (;;) {
      const rows = (await queryArrays(
        `SELECT "id", right("priority"::text, 1)::int, round(date_part('epoch', "createdAt") * 1000)::float8,
                round(date_part('epoch', "firstResponseAt") * 1000)::float8, round(date_part('epoch', "resolvedAt") * 1000)::float8,
                CASE WHEN "pauses" = '[]'::jsonb THEN NULL ELSE "pauses"::text END, "lifecycle"
           FROM "Ticket" WHERE ${stale} AND "id" > $3 ORDER BY "id" LIMIT ${CHUNK}`,
        [partnershipId, vp.version, after],
      )) as Array<[string, number, number, number | null, number | null, string | null, Lifecycle]>
      if (rows.length === 0) break
      after = rows[rows.length - 1][0]
      const values = rows.map((r) =>
        storedRow(
          vp.version,
          storedVerdict(vp.calendar, vp.policy, vp.months, {
            priority: PRIORITIES[r[1] - 1] as Priority,
            createdAt: r[2],
            firstResponseAt: r[3],
            resolvedAt: r[4],
            pauses: r[5] === null ? [] : readStoredPauses(JSON.parse(r[5])),
            lifecycle: r[6],
          }),
        ),
      )
      const sets = STORED_COLUMNS.map(([name]) => `"${name}" = v."${name}"`).join(', ')
      const arrays = STORED_COLUMNS.map((_, c) => values.map((v) => v[c]))
      await prisma.$executeRawUnsafe(
        `UPDATE "Ticket" AS t SET ${sets}
           FROM unnest($1::text[], ${STORED_COLUMNS.map(([, type], i) => `$${i + 3}::${ARRAY[type]}`).join(', ')}) AS v("id", ${STORED_COLUMNS.map(([n]) => `"${n}"`).join(', ')})
          WHERE t."id" = v."id" AND t."partnershipId" = $2`,
        rows.map((r) => r[0]),
        partnershipId,
        ...arrays,
      )
      done += rows.length
      evaluated += rows.length
      await progress?.({ done, total, version: vp.version })
    }
    // Reports move to the new version only if it is still the newest (else the next round evaluates that one).
    const newest = await prisma.slaPolicy.findFirst({ where: { partnershipId }, orderBy: { version: 'desc' }, select: { version: true } })
    if (newest?.version === vp.version) {
      await prisma.partnership.updateMany({ where: { id: partnershipId }, data: { slaVerdictsVersion: vp.version } })
      return { version: vp.version, evaluated }
    }
  }
  throw new Error('the policy kept changing while its tickets were re-evaluated; the next change queues another run')
}

/**
 * Queues the re-evaluation of a partnership's tickets (one queued or running per partnership). With no ticket to
 * re-evaluate, the newest version holds at once and no job is queued.
 */
export async function requestReevaluation(partnershipId: string): Promise<{ queued: boolean }> {
  const prisma = await db()
  const newest = await prisma.slaPolicy.findFirst({ where: { partnershipId }, orderBy: { version: 'desc' }, select: { version: true } })
  if (!newest) return { queued: false }
  const stale = await prisma.ticket.findFirst({ where: { partnershipId, OR: [{ slaVersion: null }, { slaVersion: { not: newest.version } }, { responseBreachFromMs: null }] }, select: { id: true } })
  if (!stale) {
    await prisma.partnership.updateMany({ where: { id: partnershipId }, data: { slaVerdictsVersion: newest.version } })
    return { queued: false }
  }
  await enqueueJob(REEVALUATE_JOB, { partnershipId }, { partnershipId, singletonKey: `${REEVALUATE_JOB}:${partnershipId}` })
  return { queued: true }
}

async function runReevaluateJob(job: { payload: unknown }, ctx: JobContext) {
  const { partnershipId } = job.payload as { partnershipId: string }
  return reevaluateVerdicts(partnershipId, (p) => ctx.progress(p))
}

export function registerReevaluateJobs(): void {
  registerJobHandler(REEVALUATE_JOB, runReevaluateJob)
}
