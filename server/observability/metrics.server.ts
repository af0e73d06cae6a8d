// Prometheus metrics (prom-client), served at /metrics (metrics-endpoint.server.ts). One registry per process on
// globalThis: the HTTP layer and the Remix build each load this module, and a metric registered twice is an error.
// What each metric means: README, "Metrics".
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { getDatabase } from '../db/client.server.ts'

export interface Metrics {
  registry: Registry
  requestDuration: Histogram<'method' | 'route' | 'status'>
  jobDuration: Histogram<'kind' | 'status'>
  mails: Counter<'status'>
  unhandledRejections: Counter
}

const KEY = Symbol.for('accord.metrics')
const holder = globalThis as { [KEY]?: Metrics }

function create(): Metrics {
  const registry = new Registry()
  // Process metrics: CPU, resident memory, heap, event-loop lag (nodejs_eventloop_lag_*), handles.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 })
  const requestDuration = new Histogram({
    name: 'accord_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer finishing, by route id (not the raw URL), method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const jobDuration = new Histogram({
    name: 'accord_job_duration_seconds',
    help: 'Run time of the background jobs this instance ran, by kind and outcome (succeeded, failed, retry)',
    labelNames: ['kind', 'status'] as const,
    buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 1200],
    registers: [registry],
  })
  const mails = new Counter({
    name: 'accord_mails_total',
    help: 'Mails handed to SMTP (sent), refused or failed (failed), or kept in the development outbox (outbox), by this instance',
    labelNames: ['status'] as const,
    registers: [registry],
  })
  const unhandledRejections = new Counter({
    name: 'accord_unhandled_rejections_total',
    help: 'Promise rejections nobody handled (each a bug, logged with its error), which this instance survived',
    registers: [registry],
  })
  // Read from the database at each scrape, so every instance reports the same queue.
  new Gauge({
    name: 'accord_jobs',
    help: 'Jobs in the database by kind and status (queued, running, succeeded, failed)',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      const database = await getDatabase()
      const rows = await database.queryArrays('SELECT "kind", "status", count(*)::int FROM "Job" GROUP BY 1, 2', [])
      for (const [kind, status, count] of rows) this.set({ kind: String(kind), status: String(status) }, Number(count))
    },
  })
  new Gauge({
    name: 'accord_sync_lag_seconds',
    help: "Seconds since a partnership's PSA connection last finished a successful sync (since it was connected, before the first)",
    labelNames: ['partnership'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      const database = await getDatabase()
      const rows = await database.queryArrays(
        `SELECT p."slug", EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') - COALESCE(max(r."finishedAt"), c."createdAt"))::float8
           FROM "PsaConnection" c JOIN "Partnership" p ON p."id" = c."partnershipId"
           LEFT JOIN "SyncRun" r ON r."connectionId" = c."id" AND r."status" = 'succeeded'
          WHERE c."enabled"
          GROUP BY p."slug", c."createdAt"`,
        [],
      )
      for (const [slug, lag] of rows) this.set({ partnership: String(slug) }, Math.max(0, Number(lag)))
    },
  })
  new Gauge({
    name: 'accord_db_pool_connections',
    help: 'PostgreSQL pool connections of this instance: total open, idle, and requests waiting for one (the embedded database: one, never waiting)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const stats = (await getDatabase()).poolStats()
      for (const [state, value] of Object.entries(stats)) this.set({ state }, value)
    },
  })
  return { registry, requestDuration, jobDuration, mails, unhandledRejections }
}

export function metrics(): Metrics {
  holder[KEY] ??= create()
  return holder[KEY]
}
