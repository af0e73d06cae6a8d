import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import type { Database } from './client.server.ts'
import { projectRoot } from '../project-root.ts'

// The Prisma CLI downloads a native schema engine, which cannot happen offline. Its WebAssembly build runs the
// same migration logic over our own driver adapter (see docs/decisions/002-offline-migrations.md).
const ROOT = projectRoot()
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma/migrations')
export const SCHEMA_PATH = path.join(ROOT, 'prisma/schema.prisma')

type EngineModule = typeof import('@prisma/schema-engine-wasm')
let engineModule: Promise<EngineModule> | undefined

// The package imports its .wasm as an ES module, which Node 20 cannot do; instantiate it by hand instead.
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url)
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'))
    const bindings = (await import(path.join(dir, 'schema_engine_bg.js'))) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void
    }
    const bytes = await fs.readFile(path.join(dir, 'schema_engine_bg.wasm'))
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings as never })
    bindings.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as (() => void) | undefined)?.()
    return bindings
  })()
  return engineModule
}

async function readSchema(): Promise<string> {
  return fs.readFile(SCHEMA_PATH, 'utf8')
}

async function createEngine(adapterFactory: Database['adapterFactory']): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadEngineModule()
  const schema = await readSchema()
  const logs: string[] = []
  return SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  )
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()
  const lockPath = path.join(dir, 'migration_lock.toml')
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: await fs.readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok' as const, value: await fs.readFile(path.join(dir, name, 'migration.sql'), 'utf8') },
        },
      })),
    ),
  }
}

const NO_FILTER = { externalTables: [], externalEnums: [] }

/**
 * PrismaPg runs a script as the pieces between its semicolons, which cuts a function body (`$$ … ; … $$`, the
 * roll-up triggers) apart: such a script goes to the server whole, one simple query (PostgreSQL parses it and runs
 * it as one transaction). Scripts without one keep the statement-by-statement path.
 */
function wholeScripts(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory)
  factory.connect = async () => {
    const adapter = await connect()
    const pieces = adapter.executeScript.bind(adapter)
    const raw = adapter as unknown as { client: pg.Pool; onError(error: unknown): never }
    adapter.executeScript = async (script: string) => {
      if (!script.includes('$$')) return pieces(script)
      try {
        await raw.client.query(script)
      } catch (error) {
        raw.onError(error)
      }
    }
    return adapter
  }
  return factory
}

/**
 * Whether the database has exactly the migrations of prisma/migrations applied, with the same checksums (the engine
 * records each file's SHA-256). Then there is nothing to apply and the schema engine need not start: instantiating
 * its WebAssembly and asking it costs about a second, on every CLI command and every server start. Anything else (a
 * missing table, a failed or edited migration, one the folder lacks) goes to the engine, which applies or explains.
 */
export async function migrationsUpToDate(prisma: Database['prisma']): Promise<boolean> {
  const applied = await prisma
    .$queryRawUnsafe<Array<{ name: string; checksum: string }>>(
      'SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    )
    .catch(() => null)
  if (!applied) return false
  const { migrationDirectories } = await loadMigrations()
  if (applied.length !== migrationDirectories.length) return false
  const recorded = new Map(applied.map((m) => [m.name, m.checksum]))
  return migrationDirectories.every((m) => {
    const content = m.migrationFile.content
    return content.tag === 'ok' && recorded.get(m.path) === createHash('sha256').update(content.value).digest('hex')
  })
}

/**
 * Applies pending migrations and records them in _prisma_migrations (as `prisma migrate deploy` does).
 * On PostgreSQL the engine gets a connection of its own, closed when it is done: the engine takes an advisory
 * lock and never gives its connection back, so on the app's pool the lock would outlive the migration and make
 * every other process's migration (the CLI, a second server) wait for it.
 */
export async function applyMigrations(db: Pick<Database, 'adapterFactory' | 'config'> & Partial<Pick<Database, 'prisma'>>): Promise<string[]> {
  if (db.prisma && (await migrationsUpToDate(db.prisma))) return []
  const own = db.config.kind === 'postgres' ? new pg.Pool({ connectionString: db.config.url, max: 1 }) : null
  const engine = await createEngine(own ? wholeScripts(new PrismaPg(own)) : db.adapterFactory)
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: await loadMigrations(),
      filters: NO_FILTER,
    })
    return appliedMigrationNames
  } finally {
    engine.free()
    if (own) await closePool(own)
  }
}

/** Ends a pool even when a client was never released: each client's socket is closed, then the pool. */
async function closePool(pool: pg.Pool): Promise<void> {
  const clients = (pool as unknown as { _clients: Array<{ end(): Promise<void> }> })._clients ?? []
  await Promise.allSettled(clients.map((c) => c.end()))
  await Promise.race([pool.end(), new Promise((resolve) => setTimeout(resolve, 1000).unref())])
}

/**
 * The SQL that takes the committed migrations to the current schema.prisma, computed on a throw-away in-memory
 * PGlite shadow database. Empty when the schema and the migrations agree.
 */
export async function diffSchemaAgainstMigrations(): Promise<string> {
  const shadow = new PGlite()
  const factory = new PrismaPGlite(shadow)
  const engine = await createEngine(factory)
  try {
    const result = await engine.diff({
      from: { tag: 'migrations', ...(await loadMigrations()) },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: await readSchema() }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    })
    return (result as { stdout?: string }).stdout ?? ''
  } finally {
    engine.free()
    await shadow.close()
  }
}

/** Migrations in prisma/migrations that the database has not applied (readiness: a deploy ran ahead of `db migrate`). */
export async function pendingMigrationNames(db: Pick<Database, 'queryArrays'>): Promise<string[]> {
  const { migrationDirectories } = await loadMigrations()
  const applied = new Set(
    (await db.queryArrays('SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL', [])).map((r) => String(r[0])),
  )
  return migrationDirectories.map((m) => m.path).filter((name) => !applied.has(name))
}
