import { timingSafeEqual } from 'node:crypto'
import type { Request, Response } from 'express'
import { getDatabase } from '../db/client.server.ts'
import { pendingMigrationNames } from '../db/migrate.server.ts'
import { env } from '../env.server.ts'
import { jobRunnerRunning } from '../jobs/jobs.server.ts'
import { errorMessage } from './logger.server.ts'
import { metrics } from './metrics.server.ts'

const KEY = Symbol.for('accord.draining')
const holder = globalThis as { [KEY]?: boolean }

/** From a shutdown on: /readyz answers 503, so a load balancer sends the next requests to another instance. */
export function setDraining(value: boolean): void {
  holder[KEY] = value
}

/** Alive: the process answers. Says nothing of the database (a restart would not fix it). */
export function healthz(_req: Request, res: Response): void {
  res.setHeader('Cache-Control', 'no-store')
  res.json({ status: 'ok' })
}

/** Ready for traffic: the database answers, its migrations are current, the job runner runs, not shutting down. */
export async function readyz(_req: Request, res: Response): Promise<void> {
  const checks: Record<string, string> = {}
  try {
    const database = await getDatabase()
    await database.queryArrays('SELECT 1', [])
    checks.database = 'ok'
    const pending = await pendingMigrationNames(database)
    checks.migrations = pending.length ? `pending: ${pending.join(', ')}` : 'ok'
  } catch (error) {
    checks.database = `unreachable: ${errorMessage(error)}`
    checks.migrations = 'unknown'
  }
  checks.jobRunner = jobRunnerRunning() ? 'ok' : 'not running'
  if (holder[KEY]) checks.shutdown = 'draining'
  const ok = Object.values(checks).every((v) => v === 'ok')
  res.setHeader('Cache-Control', 'no-store')
  res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks })
}

/**
 * Prometheus scrape: only with `Authorization: Bearer $METRICS_TOKEN`. Unset, the endpoint does not exist (404);
 * a missing or wrong token is 401.
 */
export async function metricsEndpoint(req: Request, res: Response): Promise<void> {
  const token = env().METRICS_TOKEN
  res.setHeader('Cache-Control', 'no-store')
  if (!token) return void res.status(404).type('text/plain').send('Not found')
  const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? ''
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    res.setHeader('WWW-Authenticate', 'Bearer')
    return void res.status(401).type('text/plain').send('Unauthorized')
  }
  const { registry } = metrics()
  res.type(registry.contentType).send(await registry.metrics())
}
