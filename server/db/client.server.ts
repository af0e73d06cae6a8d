import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import pg from 'pg'
import copyStreams from 'pg-copy-streams'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { type DatabaseConfig, describeDatabase, parseDatabaseUrl } from './config.ts'
import { PrismaClient } from './generated/client.ts'
import { acquireLock } from './lock.server.ts'
import { errorMessage, logger } from '../observability/logger.server.ts'
import { withBumpsAfterTransaction } from '../cache/short-cache.ts'

export type { PrismaClient }
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>

export interface Database {
  readonly prisma: PrismaClient
  readonly config: DatabaseConfig
  readonly description: string
  /** The driver adapter, for the migration engine. */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory
  /**
   * A read-only query straight through the driver, rows as arrays of the driver's own values (float8 and int as
   * numbers, text as strings, bool as booleans). For scans of tens of thousands of rows, where Prisma's per-value
   * mapping and the per-row objects cost several times the query itself (docs/decisions/010-ticket-scans.md).
   * Outside any Prisma transaction: on PGlite it waits for one in progress to end.
   */
  queryArrays(sql: string, params: readonly unknown[]): Promise<unknown[][]>
  /**
   * One connection held for a bulk write (the CSV import): rows are COPYed into a temporary table of that session,
   * then written by one statement in one transaction. On PGlite the session is the embedded database's only one
   * (each statement outside `transaction` waits for a Prisma transaction in progress, as queryArrays does).
   */
  bulkSession<T>(run: (session: BulkSession) => Promise<T>): Promise<T>
  /** Connections of the pool: open, idle, and callers waiting for one (metrics). */
  poolStats(): { total: number; idle: number; waiting: number }
  /**
   * The embedded database's data directory as a gzipped tar, consistent (taken between transactions); null on
   * PostgreSQL, whose backups are pg_dump's (`accord db backup`).
   */
  dumpDataDir(): Promise<Blob | null>
  /** The driver's pool on PostgreSQL (rate-limiter-flexible's store uses it); none on the embedded database. */
  readonly pgPool?: pg.Pool
  close(): Promise<void>
}

export interface BulkSession {
  /** A statement on the session, rows as arrays (as queryArrays). */
  query(sql: string, params?: readonly unknown[]): Promise<unknown[][]>
  /**
   * COPY of rows in PostgreSQL's binary format (signature and header, each row its field count and length-prefixed
   * values, the -1 trailer: server/db/copy-binary.ts writes it) into `table`.
   */
  copyFrom(table: string, columns: readonly string[], data: Buffer): Promise<void>
  /** Runs `run` in one transaction on the session (committed when it resolves, rolled back when it throws). */
  transaction<T>(run: (query: BulkSession['query']) => Promise<T>): Promise<T>
  /**
   * True when the session is a server's connection (PostgreSQL): its statements run in another process, beside this
   * one's work, and `query` and `copyFrom` may be used inside `transaction`. False on PGlite, where the database runs
   * in this process and a transaction holds the only connection (another statement waits for it to end).
   */
  readonly concurrent: boolean
}

const copySql = (table: string, columns: readonly string[], from: string) => `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${from} WITH (FORMAT binary)`

export interface OpenOptions {
  /** Who holds an embedded database's lock, shown to a second process that tries to open it. */
  holder?: string
  /** For PostgreSQL: the pool size. */
  maxConnections?: number
  /** For an embedded database in memory: start from this dump of a data directory (PGlite's dumpDataDir). */
  loadDataDir?: Blob
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  const description = describeDatabase(config)
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: options.maxConnections ?? 10 })
    // An idle connection the server ends (a restart, an administrator's pg_terminate_backend, DROP DATABASE … FORCE)
    // is an 'error' event on the pool: unheard, Node raises it as an uncaught exception and the process dies. The
    // pool drops that connection by itself and opens another on the next query; the line says what happened.
    pool.on('error', (error) => logger().warn({ err: errorMessage(error) }, 'database: an idle connection was closed by the server; the pool opens another'))
    const adapterFactory = new PrismaPg(pool)
    // A burst of writers queues for the pool's connections: wait for one (10 s) rather than answer 500 after
    // Prisma's default 2 s, which a two-instance soak of 50 users hit on a loaded machine (issue 14 §4).
    const prisma = bumpCachesAfterCommit(new PrismaClient({ adapter: adapterFactory, transactionOptions: { maxWait: 10_000 } }))
    return {
      prisma,
      config,
      description,
      adapterFactory,
      pgPool: pool,
      async queryArrays(sql, params) {
        return (await pool.query<unknown[]>({ text: sql, values: [...params], rowMode: 'array' })).rows
      },
      async bulkSession(run) {
        const client = await pool.connect()
        let broken: Error | undefined
        const query = async (sql: string, params: readonly unknown[] = []) => (await client.query<unknown[]>({ text: sql, values: [...params], rowMode: 'array' })).rows
        try {
          return await run({
            query,
            concurrent: true,
            async copyFrom(table, columns, data) {
              await pipeline(Readable.from([data]), client.query(copyStreams.from(copySql(table, columns, 'STDIN'))))
            },
            async transaction(body) {
              await client.query('BEGIN')
              try {
                const result = await body(query)
                await client.query('COMMIT')
                return result
              } catch (error) {
                await client.query('ROLLBACK').catch((e: Error) => (broken = e))
                throw error
              }
            },
          })
        } catch (error) {
          // The session's temporary tables and state go with the connection rather than back to the pool.
          broken = error as Error
          throw error
        } finally {
          client.release(broken)
        }
      },
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      dumpDataDir: async () => null,
      async close() {
        await prisma.$disconnect()
        await pool.end()
      },
    }
  }
  const release = config.dataDir ? acquireLock(config.dataDir, options.holder ?? process.argv.slice(1).join(' ')) : () => {}
  try {
    const client = config.dataDir ? new PGlite(config.dataDir) : new PGlite(options.loadDataDir ? { loadDataDir: options.loadDataDir } : undefined)
    await client.waitReady
    const adapterFactory = new PrismaPGlite(client)
    const prisma = bumpCachesAfterCommit(new PrismaClient({ adapter: adapterFactory }))
    return {
      prisma,
      config,
      description,
      adapterFactory,
      async queryArrays(sql, params) {
        return (await client.query<unknown[]>(sql, [...params], { rowMode: 'array' })).rows
      },
      async bulkSession(run) {
        const query = async (sql: string, params: readonly unknown[] = []) => (await client.query<unknown[]>(sql, [...params], { rowMode: 'array' })).rows
        return run({
          query,
          concurrent: false,
          async copyFrom(table, columns, data) {
            await client.query(copySql(table, columns, `'/dev/blob'`), [], { blob: new Blob([data as Buffer<ArrayBuffer>]) })
          },
          transaction: (body) => client.transaction((tx) => body(async (sql, params = []) => (await tx.query<unknown[]>(sql, [...params], { rowMode: 'array' })).rows)),
        })
      },
      poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
      // Inside a transaction of its own: no other is half done while the folder is copied.
      dumpDataDir: () => client.transaction(() => client.dumpDataDir('gzip')),
      async close() {
        try {
          await prisma.$disconnect()
          await client.close()
        } finally {
          release()
        }
      },
    }
  } catch (error) {
    release()
    throw error
  }
}

// One database per process. The Remix server build bundles its own copy of this module, so the handle lives on
// globalThis: the HTTP server, the bundled routes and the tests then share one connection (and one PGlite lock).
const KEY = Symbol.for('accord.database')
type Holder = { [KEY]?: Promise<Database> }
const holder = globalThis as Holder

/**
 * Every interactive transaction tells the caches when it has ended (server/cache/short-cache.ts): a generation
 * bumped inside it is bumped again after the commit, so no reader can cache the rows from before it as current.
 */
function bumpCachesAfterCommit(prisma: PrismaClient): PrismaClient {
  const original = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>
  const patched = (...args: unknown[]) => (typeof args[0] === 'function' ? withBumpsAfterTransaction(() => original(...args)) : original(...args))
  Object.defineProperty(prisma, '$transaction', { value: patched, configurable: true, writable: true })
  return prisma
}

export function setDatabase(db: Database | undefined): void {
  holder[KEY] = db ? Promise.resolve(db) : undefined
}

export function getDatabase(): Promise<Database> {
  holder[KEY] ??= openDatabase(parseDatabaseUrl(process.env.DATABASE_URL), { holder: 'accord server' })
  return holder[KEY]
}

/** The process's database if one is open (or opening), without opening one. */
export function openedDatabase(): Promise<Database> | undefined {
  return holder[KEY]
}

export async function db(): Promise<PrismaClient> {
  return (await getDatabase()).prisma
}

/** Database.queryArrays on the process's database. */
export async function queryArrays(sql: string, params: readonly unknown[]): Promise<unknown[][]> {
  return (await getDatabase()).queryArrays(sql, params)
}

export async function closeDatabase(): Promise<void> {
  const current = holder[KEY]
  holder[KEY] = undefined
  if (current) await (await current).close()
}
