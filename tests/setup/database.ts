// Integration tier: one real database per test file's worker, reset before each test.
// PGlite in memory by default (started from the migrated template of tests/setup/template.ts); with
// TEST_DATABASE_URL=postgres://… a database per worker on that server. The reset puts back only the tables a test
// changed (tests/helpers/database-state.ts).
import fs from 'node:fs'
import pg from 'pg'
import { afterAll, beforeEach, expect, inject } from 'vitest'
import { resetRecoveryLimits } from '../../server/auth/recovery-limits.server.ts'
import { resetLoginLimits } from '../../server/auth/rate-limit.server.ts'
import { resetUsageLimits } from '../../server/auth/usage-limits.server.ts'
import { clearAllCaches } from '../../server/cache/short-cache.ts'
import { type Database, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { prepareDatabaseState, resetDatabase } from '../helpers/database-state.ts'

async function postgresForWorker(baseUrl: string): Promise<string> {
  // ACCORD_TEST_DB_TAG keeps the databases of several checkouts sharing one server apart.
  const name = `accord_test_${process.env.ACCORD_TEST_DB_TAG ?? ''}${process.env.VITEST_POOL_ID ?? '0'}`
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return url.toString()
}

async function open(): Promise<Database> {
  const base = process.env.TEST_DATABASE_URL
  if (base) {
    const database = await openDatabase({ kind: 'postgres', url: await postgresForWorker(base) }, { maxConnections: 5 })
    // Nothing to apply when the worker's database is up to date: applyMigrations then returns before the engine starts.
    await applyMigrations(database)
    return database
  }
  const template = inject('accordPgliteTemplate')
  if (template) {
    const cache = globalThis as { [TEMPLATE]?: Blob }
    cache[TEMPLATE] ??= new Blob([fs.readFileSync(template)])
    return openDatabase({ kind: 'pglite', dataDir: null }, { loadDataDir: cache[TEMPLATE] })
  }
  // Without the global setup (a project that does not declare it): migrate here, as before.
  const database = await openDatabase({ kind: 'pglite', dataDir: null })
  await applyMigrations(database)
  return database
}

// The files of a worker run one after another in one process (`isolate: false`, vitest.config.ts).
// - On PostgreSQL they share the worker's database, opened by the first of them; each file starts from it emptied
//   (its first reset), and autovacuum clears the dead rows the resets leave.
// - On PGlite each file gets a fresh in-memory copy of the migrated template (1–3 s, as before): nothing vacuums an
//   embedded database, and a shared one carried every earlier file's writes (the backup test, which dumps it, timed
//   out). Branch `iso` shares it with every table truncated per file (ADR 021).
const TEMPLATE = Symbol.for('accord.test.pgliteTemplate')
const WORKER_DATABASE = Symbol.for('accord.test.workerDatabase')
const shared = Boolean(process.env.TEST_DATABASE_URL)
const worker = globalThis as { [WORKER_DATABASE]?: Promise<Database> }
const database = shared ? await (worker[WORKER_DATABASE] ??= open()) : await open()
setDatabase(database)
await prepareDatabaseState(database)

beforeEach(async () => {
  await resetDatabase()
  resetLoginLimits()
  resetRecoveryLimits()
  resetUsageLimits()
  clearAllCaches()
})

// Files run one after another in this process: a server a file started and did not close would outlive it (and
// answer later files from that file's state). The next file finds it still listening and names the file that left it.
const PREVIOUS_FILE = Symbol.for('accord.test.previousFile')
const previous = globalThis as { [PREVIOUS_FILE]?: string }
const listening = process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'PipeServerWrap').length
if (listening > 0 && previous[PREVIOUS_FILE]) {
  throw new Error(`${previous[PREVIOUS_FILE]} left ${listening} server(s) listening: close what a file starts in its afterAll`)
}
previous[PREVIOUS_FILE] = expect.getState().testPath
afterAll(async () => {
  setDatabase(undefined)
  if (!shared) await database.close()
})
