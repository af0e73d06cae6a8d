// The HTTP server: `npm start` builds, then runs this. It opens the database, applies pending migrations,
// seeds the demo data into an empty embedded database, and serves the Remix app (tRPC included).
import type { Server } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { parseDatabaseUrl } from './db/config.ts'
import { closeDatabase, db, openDatabase, setDatabase } from './db/client.server.ts'
import { applyMigrations } from './db/migrate.server.ts'
import { controlSocketPath, startControlSocket } from './db/backup.server.ts'
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-data.ts'
import { isDatabaseEmpty, seedDemo } from './demo/seed.server.ts'
import { env } from './env.server.ts'
import { issueSetupLink } from './auth/setup-link.server.ts'
import { createApp } from './http/app.server.ts'
import { appBaseUrl } from './http/app-url.ts'
import { limiterStoreName } from './auth/limiter-store.server.ts'
import { unsafeOperatorScope } from './access/policy.server.ts'
import { findConnection } from './connectors/connection-store.server.ts'
import { saveConnection } from './connectors/save-connection.server.ts'
import { usingDevelopmentKey } from './connectors/secret-box.server.ts'
import { enqueueDueSyncs } from './connectors/sync-jobs.server.ts'
import { runSlaAlertScan, runSlaDigest } from './notifications/sla-alerts.server.ts'
import { remindActionItems } from './qbr/remind-action-items.server.ts'
import { releaseJobs, startJobRunner } from './jobs/jobs.server.ts'
import { startCrossInstanceCaches } from './cache/cross-instance.server.ts'
import { pruneOldRows } from './jobs/retention.server.ts'
import { deliverDueWebhooks } from './webhooks/deliver-webhooks.server.ts'
import { emitOverdueActionItems } from './webhooks/emit-overdue-action-items.server.ts'
import { registerJobHandlers } from './jobs/register-jobs.server.ts'
import { errorMessage, flushLogs, logger } from './observability/logger.server.ts'
import { gracefulShutdown } from './observability/shutdown.server.ts'
import { metrics } from './observability/metrics.server.ts'
import { projectRoot } from './project-root.ts'

// The same from the source (tsx server/main.ts) and the compiled server (node build/server/main.js).
const ROOT = projectRoot()

async function main() {
  const config = env()
  const log = logger()
  const database = await openDatabase(parseDatabaseUrl(config.DATABASE_URL), { holder: `accord server (port ${config.PORT})` })
  setDatabase(database)
  let server: Server | undefined
  let control: { close(): Promise<void> } | undefined
  let runner: ReturnType<typeof startJobRunner> | undefined
  let caches: Awaited<ReturnType<typeof startCrossInstanceCaches>> | undefined
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal, graceSeconds: config.SHUTDOWN_GRACE_S }, 'shutting down')
    // PGlite must be closed, or the process never exits and the data folder stays locked.
    await control?.close()
    await gracefulShutdown({ server, runner, graceMs: config.SHUTDOWN_GRACE_S * 1000, log, release: releaseJobs, closeDatabase: async () => { await caches?.stop(); await closeDatabase() } }).catch((error: unknown) =>
      log.error({ err: error }, 'shutdown failed'),
    )
    await flushLogs()
    process.exit(0)
  }
  // A rejection nobody handled is a bug in one request or job, not a reason to stop serving every tenant: Node's
  // default ends the process, and two such bugs let any caller take the server down (ADR 014 addendum).
  process.on('unhandledRejection', (reason) => {
    metrics().unhandledRejections.inc()
    log.error({ err: reason }, 'unhandled rejection: a promise failed with no handler (a bug; the server keeps running)')
  })
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))

  // `accord db backup` asks this process for the dump: the data folder is locked while it runs.
  if (database.config.kind === 'pglite' && database.config.dataDir) control = await startControlSocket(database, controlSocketPath(database.config.dataDir))
  const applied = await applyMigrations(database)
  if (applied.length) log.info({ migrations: applied }, 'applied migrations')
  // On PostgreSQL, instances tell each other what they invalidate (ADR 019).
  caches = await startCrossInstanceCaches(database)
  let seeded = false
  if (database.config.kind === 'pglite' && config.DEMO_SEED && (await isDatabaseEmpty())) {
    await seedDemo()
    seeded = true
  }
  if (config.NODE_ENV === 'production' && !config.DEMO_SEED) {
    // A production start never runs with the demo's known passwords (issue 13 §5).
    const prisma = await db()
    if ((await prisma.user.count({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } })) > 0) {
      throw new Error('This database holds the demo users (known passwords). Refusing to start in production: remove them, or set DEMO_SEED=true knowingly.')
    }
    const setup = await issueSetupLink()
    if (setup) {
      log.info(`No users yet. Create the first admin at this one-time link (valid until ${setup.expiresAt.toISOString()}):\n  ${setup.link}`)
      log.info('or with `printf %s "$PASSWORD" | npm run -s accord -- user create --email … --name … --org … --role MSP_ADMIN`.')
    }
  }

  if (usingDevelopmentKey()) {
    log.warn('CONNECTOR_SECRET_KEY is not set: PSA credentials are encrypted with the public development key (demo only).')
  }
  if (config.MOCKS) {
    const { demoConnectionInput, startPsaMocks } = await import('./connectors/demo-mocks.server.ts')
    await startPsaMocks()
    // The demo's first partnership syncs from the mock ConnectWise, so a newcomer sees a live sync.
    const scope = await unsafeOperatorScope('northwind-contoso').catch(() => null)
    if (scope && !(await findConnection(scope.id))) await saveConnection(scope, { userId: null, label: 'demo seed' }, await demoConnectionInput(scope.slug))
    log.info('MOCKS=true: ConnectWise, Autotask and HaloPSA are answered in process by the test mocks.')
  }
  // Background jobs (PSA syncs, QBR packs) run in this process; the schedule queues each connection's sync when due.
  registerJobHandlers()
  // Mail sweeps are idempotent (each alert, digest line and reminder is claimed once), so a restart or a second
  // instance running them too sends nothing twice.
  const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  runner = startJobRunner({
    log: { warn: (message) => log.warn(message), info: (message) => log.info(message) },
    schedules: [
      { name: 'psa.sync', everyMs: 60_000, run: () => enqueueDueSyncs() },
      { name: 'sla.alerts', everyMs: 5 * 60_000, run: () => runSlaAlertScan() },
      { name: 'sla.digest', everyMs: 60 * 60_000, run: () => runSlaDigest(yesterday()) },
      { name: 'qbr.action-item-reminders', everyMs: 60 * 60_000, run: () => remindActionItems() },
      { name: 'db.prune', everyMs: 24 * 60 * 60_000, run: () => pruneOldRows() },
      // Webhook deliveries are sent when queued (a job woken after the event's commit); this sends the retries due.
      { name: 'webhooks.deliver', everyMs: 30_000, run: () => deliverDueWebhooks() },
      { name: 'webhooks.action-items-overdue', everyMs: 60 * 60_000, run: () => emitOverdueActionItems() },
    ],
  })

  const build = (await import(pathToFileURL(path.join(ROOT, 'build/index.js')).href)) as ServerBuild
  const app = createApp(build, { root: ROOT })
  server = app.listen(config.PORT, config.HOST, () => {
    const url = config.APP_URL ?? `http://localhost:${config.PORT}`
    log.info(`Accord is running at ${url} on ${database.description} (listening on ${config.HOST}:${config.PORT})`)
    log.info(`Links in mail use ${appBaseUrl()}${config.APP_URL ? '' : ' (set APP_URL to the public origin)'}`)
    log.info(`Rate limits are counted in ${limiterStoreName(database)}`)
    if (config.ALLOW_PRIVATE_PSA_HOSTS) log.warn('ALLOW_PRIVATE_PSA_HOSTS=true: PSA URLs may point to internal addresses')
    if (config.DEMO_SEED && (seeded || database.config.kind === 'pglite')) {
      // The demo's sign-ins, for the person who started it (known demo passwords, not secrets).
      log.info(`Demo sign-ins (password ${DEMO_PASSWORD}):\n${DEMO_USERS.map((u) => `  ${u.email.padEnd(26)} ${u.role}`).join('\n')}`)
    }
  })
}

main().catch(async (error) => {
  logger().fatal(errorMessage(error))
  await flushLogs()
  await closeDatabase().catch(() => {})
  process.exit(1)
})
