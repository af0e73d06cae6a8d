import { z } from 'zod'

// How long finished work is kept before `accord db prune` and the daily db.prune schedule delete it (issue 14 §1).
// Part of the boot-time environment (server/env.server.ts), and read alone by the prune (the CLI has no server env).
const days = (fallback: number) => z.coerce.number().int().min(1).max(3650).default(fallback)

export const RETENTION_ENV_SHAPE = {
  /** Succeeded and failed jobs, by when they finished. */
  RETENTION_JOB_DAYS: days(30),
  /** Finished sync runs, by when they finished; each connection's latest run is always kept. */
  RETENTION_SYNC_RUN_DAYS: days(30),
  /** Outbox rows (mail kept in the development outbox, and failed sends), by when they were written. */
  RETENTION_OUTBOX_DAYS: days(30),
  /** Sessions, by how long ago they expired. */
  RETENTION_SESSION_DAYS: days(30),
}

const ZRetentionEnv = z.object(RETENTION_ENV_SHAPE)
export type RetentionEnv = z.infer<typeof ZRetentionEnv>

export function parseRetentionEnv(source: Record<string, string | undefined>): RetentionEnv {
  const result = ZRetentionEnv.safeParse(source)
  if (!result.success) {
    throw new Error(`Invalid environment:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`)
  }
  return result.data
}
