// The sync as a background job: enqueued on demand (UI, API) or by the hourly schedule, one per partnership at
// a time, its progress mirrored on the job row.
import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { enqueueJob, registerJobHandler } from '../jobs/jobs.server.ts'
import { runView } from './connection-store.server.ts'
import { ZStartSyncInput } from './connector.schemas.ts'
import { type RunSyncOptions, runSync } from './run-sync.server.ts'

export const SYNC_JOB = 'psa.sync'

/** Connector options for jobs run in this process (tests shorten the back-off here). */
let jobConnectorOptions: RunSyncOptions['connector']
export function setSyncJobConnectorOptions(options: RunSyncOptions['connector']) {
  jobConnectorOptions = options
}

export function registerSyncJobs(): void {
  registerJobHandler(SYNC_JOB, async (job, ctx) => {
    const payload = job.payload as { runId?: string; full?: boolean; trigger?: 'manual' | 'schedule' }
    const result = await runSync(job.partnershipId!, {
      runId: payload.runId,
      full: payload.full,
      trigger: payload.trigger,
      jobId: job.id,
      connector: jobConnectorOptions,
      signal: ctx.signal,
      onPage: (_, run) => ctx.progress({ pages: run.pages, fetched: run.fetched, inserted: run.inserted, updated: run.updated, skipped: run.skipped, total: run.total, etaSeconds: run.etaSeconds }),
    })
    if (result.status === 'failed') throw new Error(`${result.errorCode}: ${result.error}`)
    return { runId: result.id, fetched: result.fetched, inserted: result.inserted, updated: result.updated, skipped: result.skipped }
  })
}

async function enqueueSync(partnershipId: string, connectionId: string, trigger: 'manual' | 'schedule', full: boolean) {
  const prisma = await db()
  const singletonKey = `${SYNC_JOB}:${partnershipId}`
  const existing = await prisma.job.findFirst({ where: { singletonKey, status: { in: ['queued', 'running'] } } })
  if (existing) {
    const run = await prisma.syncRun.findFirst({ where: { partnershipId, jobId: existing.id } })
    if (run) return { run, created: false }
  }
  const run = await prisma.syncRun.create({ data: { partnershipId, connectionId, trigger, full, status: 'queued' } })
  const { job, created } = await enqueueJob(SYNC_JOB, { runId: run.id, full, trigger }, { partnershipId, singletonKey })
  if (!created) {
    // Another enqueue won the key (the job table's unique index): answer with its run, named in its payload.
    await prisma.syncRun.delete({ where: { id: run.id } })
    const theirs = (job.payload as { runId?: string }).runId
    const existingRun = await prisma.syncRun.findFirst({ where: { partnershipId, OR: [{ jobId: job.id }, ...(theirs ? [{ id: theirs }] : [])] } })
    return { run: existingRun ?? run, created: false }
  }
  return { run: await prisma.syncRun.update({ where: { id: run.id }, data: { jobId: job.id } }), created: true }
}

/** "Sync now": queues a run (or answers with the one already queued or running). */
export async function startSync(scope: PartnershipScope, actor: Actor, input: unknown) {
  const { full } = ZStartSyncInput.parse(input)
  const prisma = await db()
  const connection = await prisma.psaConnection.findUnique({ where: { partnershipId: scope.id } })
  if (!connection) throw notFound('PSA connection')
  const { run, created } = await enqueueSync(scope.id, connection.id, 'manual', full)
  if (created) {
    await prisma.$transaction((tx) =>
      recordAudit(tx, { actor, action: 'psaSync.start', entityType: 'SyncRun', entityId: run.id, partnershipId: scope.id, after: { full, trigger: 'manual' } }),
    )
  }
  return { run: runView(run), alreadyQueued: !created }
}

/** The schedule: a sync for every enabled connection whose last run is older than its interval. */
export async function enqueueDueSyncs(now = new Date()): Promise<number> {
  const prisma = await db()
  const connections = await prisma.psaConnection.findMany({ where: { enabled: true }, select: { id: true, partnershipId: true, syncEveryMinutes: true } })
  let queued = 0
  for (const c of connections) {
    const last = await prisma.syncRun.findFirst({ where: { partnershipId: c.partnershipId, connectionId: c.id }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } })
    if (last && now.getTime() - last.createdAt.getTime() < c.syncEveryMinutes * 60_000) continue
    if ((await enqueueSync(c.partnershipId, c.id, 'schedule', false)).created) queued++
  }
  return queued
}
