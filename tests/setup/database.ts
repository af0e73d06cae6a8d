// Integration tier: one real database per test file's worker, reset before each test.
// PGlite in memory by default; with TEST_DATABASE_URL=postgres://… a database per worker on that server.
import pg from 'pg'
import { afterAll, beforeEach } from 'vitest'
import { resetRecoveryLimits } from '../../server/auth/recovery-limits.server.ts'
import { resetLoginLimits } from '../../server/auth/rate-limit.server.ts'
import { resetUsageLimits } from '../../server/auth/usage-limits.server.ts'
import { clearAllCaches } from '../../server/cache/short-cache.ts'
import { type Database, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'

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
  const database = base
    ? await openDatabase({ kind: 'postgres', url: await postgresForWorker(base) }, { maxConnections: 5 })
    : await openDatabase({ kind: 'pglite', dataDir: null })
  await applyMigrations(database)
  return database
}

const database = await open()
setDatabase(database)

const tables = (
  await database.prisma.$queryRaw<Array<{ tablename: string }>>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`
).map((t) => `"${t.tablename}"`)

beforeEach(async () => {
  await database.prisma.$executeRawUnsafe(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`)
  resetLoginLimits()
  resetRecoveryLimits()
  resetUsageLimits()
  clearAllCaches()
})

afterAll(async () => {
  setDatabase(undefined)
  await database.close()
})
