// Retention (issue 14 §1): finished jobs, finished sync runs, outbox rows, expired sessions and finished webhook
// deliveries are deleted once
// older than their configured age. Pack versions are the QBR record and are never pruned. Run daily by the
// db.prune schedule (once across all instances) and by `accord db prune`.
import { db } from '../db/client.server.ts'
import { type RetentionEnv, parseRetentionEnv } from './retention-config.ts'

export interface PruneResult {
  jobs: number
  syncRuns: number
  outbox: number
  sessions: number
  /** Webhook deliveries delivered or given up, past the jobs' retention (ADR 028); pending ones stay. */
  webhookDeliveries: number
}

const DAY_MS = 86_400_000
// Deleted in batches, so a first prune of a large table holds no long lock and no huge transaction.
const BATCH = 5_000

async function deleteInBatches(table: string, where: string, cutoff: Date): Promise<number> {
  const prisma = await db()
  let total = 0
  for (;;) {
    const deleted = await prisma.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "id" IN (SELECT "id" FROM "${table}" WHERE ${where} LIMIT ${BATCH})`, cutoff)
    total += deleted
    if (deleted < BATCH) return total
  }
}

/** Deletes what has outlived its retention as of `now`; returns how many rows of each kind went. */
export async function pruneOldRows(retention: RetentionEnv = parseRetentionEnv(process.env), now = new Date()): Promise<PruneResult> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const finished = `"status" IN ('succeeded', 'failed') AND COALESCE("finishedAt", "createdAt") < $1`
  const jobs = await deleteInBatches('Job', finished, before(retention.RETENTION_JOB_DAYS))
  // Each connection's latest run stays: the schedule reads when it last synced, the status page what happened.
  const syncRuns = await deleteInBatches(
    'SyncRun',
    `${finished} AND "id" NOT IN (SELECT DISTINCT ON ("connectionId") "id" FROM "SyncRun" ORDER BY "connectionId", "createdAt" DESC)`,
    before(retention.RETENTION_SYNC_RUN_DAYS),
  )
  const outbox = await deleteInBatches('OutboxMessage', `"createdAt" < $1`, before(retention.RETENTION_OUTBOX_DAYS))
  const sessions = await deleteInBatches('Session', `"expiresAt" < $1`, before(retention.RETENTION_SESSION_DAYS))
  const webhookDeliveries = await deleteInBatches('WebhookDelivery', `"status" IN ('SUCCEEDED', 'FAILED') AND "createdAt" < $1`, before(retention.RETENTION_JOB_DAYS))
  return { jobs, syncRuns, outbox, sessions, webhookDeliveries }
}
