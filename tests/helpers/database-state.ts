// The state every test starts from, and how the database is put back into it cheaply (docs/decisions/021-ci-time.md).
// By default that state is empty; `useSeededDatabase` makes it a seeded one for the tests of a file or a describe
// block. Between tests only the tables a test changed are put back: a table's visible rows changed exactly when its
// row count or the newest transaction id among its rows (max xmin) did, which one query reads for every table.
// Copies of seeded tables live in schemas named accord_test_copy_* beside the app's schema, for one test file.
import { afterAll, beforeEach } from 'vitest'
import type { Database } from '../../server/db/client.server.ts'

const COPY_PREFIX = 'accord_test_copy_'

/** A copy of the non-empty tables of a seeded state. */
interface Copy {
  readonly schema: string
  readonly tables: ReadonlySet<string>
}

interface Baseline {
  readonly owner: object
  readonly copy: Copy
  /** Per table, `count:maxXmin` as the last restore (or the seed) left it. */
  signatures: Map<string, string>
}

let database: Database | undefined
let schema = 'public'
let tables: string[] = []
/** For each table, the tables with a foreign key to it. */
let referencedBy = new Map<string, string[]>()
/** Parents before children, so rows go back in with the foreign keys checked. */
let insertOrder: string[] = []
let baseline: Baseline | undefined
/** Seeds kept by `seedFromCopy`, by key, with the seed's result. */
let seedCopies = new Map<string, { copy: Copy; result: unknown }>()
let copies = 0

const q = (name: string) => `"${name.replaceAll('"', '""')}"`
const live = (t: string) => `${q(schema)}.${q(t)}`

/** Called once per test file by tests/setup/database.ts with the file's migrated database. */
export async function prepareDatabaseState(db: Database): Promise<void> {
  database = db
  baseline = undefined
  seedCopies = new Map()
  schema = (await db.prisma.$queryRawUnsafe<Array<{ s: string }>>('SELECT current_schema() AS s'))[0].s
  tables = (
    await db.prisma.$queryRawUnsafe<Array<{ t: string }>>(
      // The roll-ups (*Rollup) are kept by triggers on Ticket, emptied and filled again with it: never restored themselves.
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' AND tablename NOT LIKE '%Rollup' ORDER BY tablename`,
    )
  ).map((r) => r.t)
  const edges = await db.prisma.$queryRawUnsafe<Array<{ child: string; parent: string }>>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.relname <> p.relname`,
  )
  referencedBy = new Map(tables.map((t) => [t, []]))
  for (const e of edges) referencedBy.get(e.parent)?.push(e.child)
  insertOrder = topologicalOrder(tables, edges)
  // Copies left by a file that did not finish (PostgreSQL keeps a worker's database from file to file).
  const stale = await db.prisma.$queryRawUnsafe<Array<{ n: string }>>(`SELECT nspname AS n FROM pg_namespace WHERE nspname LIKE '${COPY_PREFIX}%'`)
  for (const { n } of stale) await db.prisma.$executeRawUnsafe(`DROP SCHEMA ${q(n)} CASCADE`)
}

function topologicalOrder(names: string[], edges: Array<{ child: string; parent: string }>): string[] {
  const parents = new Map(names.map((t) => [t, new Set<string>()]))
  for (const e of edges) parents.get(e.child)?.add(e.parent)
  const order: string[] = []
  const placed = new Set<string>()
  while (order.length < names.length) {
    const ready = names.filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p) || !parents.has(p)))
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${names.filter((t) => !placed.has(t)).join(', ')}: teach tests/helpers/database-state.ts to restore them`)
    for (const t of ready) {
      order.push(t)
      placed.add(t)
    }
  }
  return order
}

function requireDatabase(): Database {
  if (!database) throw new Error('tests/setup/database.ts has not prepared the database (is the file in the integration or e2e project?)')
  return database
}

/** `count:maxXmin` of every table, in one query. */
async function signatures(): Promise<Map<string, string>> {
  const parts = tables.map((t, i) => `SELECT ${i} AS i, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text AS s FROM ${live(t)}`)
  const rows = await requireDatabase().prisma.$queryRawUnsafe<Array<{ i: number; s: string }>>(parts.join(' UNION ALL '))
  return new Map(rows.map((r) => [tables[Number(r.i)], r.s]))
}

const isEmpty = (signature: string | undefined) => signature === undefined || signature.startsWith('0:')

/** The tables that must be emptied along with `changed`: those referencing them, transitively. */
function withReferencing(changed: Iterable<string>): Set<string> {
  const out = new Set<string>()
  const stack = [...changed]
  while (stack.length) {
    const t = stack.pop()!
    if (out.has(t)) continue
    out.add(t)
    stack.push(...(referencedBy.get(t) ?? []))
  }
  return out
}

async function saveCopy(now: Map<string, string>): Promise<Copy> {
  const prisma = requireDatabase().prisma
  const copy: Copy = { schema: `${COPY_PREFIX}${++copies}`, tables: new Set(tables.filter((t) => !isEmpty(now.get(t)))) }
  await prisma.$executeRawUnsafe(`CREATE SCHEMA ${q(copy.schema)}`)
  for (const t of copy.tables) await prisma.$executeRawUnsafe(`CREATE TABLE ${q(copy.schema)}.${q(t)} AS SELECT * FROM ${live(t)}`)
  return copy
}

/** Tables with more rows than this are truncated; smaller ones are deleted from, which costs far less on PGlite. */
const TRUNCATE_ABOVE = 2000

/** Empties the given tables (closed under references), children first, in the open transaction or on its own. */
async function empty(tx: Pick<Database['prisma'], '$executeRawUnsafe'>, names: ReadonlySet<string>, now: Map<string, string>): Promise<void> {
  const big = [...names].filter((t) => Number(now.get(t)?.split(':')[0] ?? 0) > TRUNCATE_ABOVE)
  if (big.length) await tx.$executeRawUnsafe(`TRUNCATE ${big.map(live).join(', ')} RESTART IDENTITY CASCADE`)
  for (const t of [...insertOrder].reverse()) {
    if (names.has(t) && !big.includes(t) && !isEmpty(now.get(t))) await tx.$executeRawUnsafe(`DELETE FROM ${live(t)}`)
  }
}

/** Empties `redo` (closed under references) and puts back the copy's rows of those tables, in one transaction. */
async function loadCopy(copy: Copy, redo: ReadonlySet<string>, now: Map<string, string>): Promise<void> {
  await requireDatabase().prisma.$transaction(
    async (tx) => {
      await empty(tx, redo, now)
      for (const t of insertOrder) {
        if (redo.has(t) && copy.tables.has(t)) await tx.$executeRawUnsafe(`INSERT INTO ${live(t)} SELECT * FROM ${q(copy.schema)}.${q(t)}`)
      }
    },
    { timeout: 120_000 },
  )
}

/**
 * Puts the database back into the state tests start from (empty, or the active seeded copy), touching only the
 * tables that differ from it. Run before every test by tests/setup/database.ts.
 */
export async function resetDatabase(): Promise<void> {
  const now = await signatures()
  if (!baseline) {
    const nonEmpty = tables.filter((t) => !isEmpty(now.get(t)))
    if (nonEmpty.length) await requireDatabase().prisma.$transaction((tx) => empty(tx, withReferencing(nonEmpty), now), { timeout: 120_000 })
    return
  }
  const changed = tables.filter((t) => now.get(t) !== baseline!.signatures.get(t))
  if (changed.length === 0) return
  await loadCopy(baseline.copy, withReferencing(changed), now)
  baseline.signatures = await signatures()
}

/**
 * Seeds once for the tests of the enclosing file or describe block, instead of once per test. The first test runs
 * `seed` on the empty database and a copy of every table is kept; before each later test the tables it changed
 * are put back from that copy, so every test still starts from the same freshly seeded rows (same ids, same
 * tokens). Read the seed's result as `.value` inside tests and hooks. Call it at the top level of a file or of a
 * describe block, not nested in another such block; tests outside the block start from an empty database.
 */
export function useSeededDatabase<T>(seed: () => Promise<T>): { readonly value: T } {
  const owner = {}
  let result: { value: T } | undefined
  beforeEach(async () => {
    if (baseline?.owner === owner) return
    baseline = undefined
    await resetDatabase()
    result = { value: await seed() }
    const now = await signatures()
    baseline = { owner, copy: await saveCopy(now), signatures: now }
  })
  afterAll(() => {
    if (baseline?.owner === owner) baseline = undefined
  })
  return {
    get value() {
      if (!result) throw new Error('useSeededDatabase: the seed runs before each test; read .value inside a test or hook')
      return result.value
    },
  }
}

/**
 * For a seed that tests run on an empty database again and again (the demo tenants): the first run in a file is
 * real and its rows are copied; a later call on an empty database puts the copied rows back and returns the first
 * result. On a database that is not empty the seed runs as written. `key` names the seed with its options.
 */
export async function seedFromCopy<T>(key: string, seed: () => Promise<T>): Promise<T> {
  if (!database) return seed()
  const now = await signatures()
  if (!tables.every((t) => isEmpty(now.get(t)))) return seed()
  const kept = seedCopies.get(key)
  if (kept) {
    await loadCopy(kept.copy, kept.copy.tables, now)
    return structuredClone(kept.result) as T
  }
  const result = await seed()
  seedCopies.set(key, { copy: await saveCopy(await signatures()), result: structuredClone(result) })
  return result
}
