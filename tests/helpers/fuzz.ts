// Junk for the fuzz tier (issue 13): control characters, lone surrogates, oversize and wrong types, deep nesting,
// and inputs shaped like a procedure's own schema with some fields replaced by junk, so the junk gets past the
// slug check and reaches the domain code.
import fc from 'fast-check'
import { db } from '../../server/db/client.server.ts'

const HUGE = 'x'.repeat(2_000_000)
function deep(levels: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value }
  return value
}

export const SPECIALS: readonly unknown[] = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\u202E\u200B',
  '\r\n\t\u001B[31m',
  '',
  ' ',
  HUGE,
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-1',
  '1e309',
  '__proto__',
  '../../etc/passwd',
  "'; DROP TABLE \"User\"; --",
  '<script>alert(1)</script>',
  -1,
  0,
  2 ** 53,
  -(2 ** 63),
  1.5,
  1e308,
  null,
  true,
  [],
  {},
  { __proto__: { polluted: true } },
  Array.from({ length: 10_000 }, (_, i) => i),
  deep(2_000),
]

const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer() },
)

/** The keys of a procedure's input object, read from its zod schema (through pipes, defaults and optionals). */
export function schemaKeys(schema: unknown, depth = 0): string[] {
  const s = schema as { shape?: Record<string, unknown>; _zod?: { def?: { in?: unknown; innerType?: unknown; schema?: unknown } } } | undefined
  if (!s || depth > 4) return []
  if (s.shape && typeof s.shape === 'object') return Object.keys(s.shape)
  const def = s._zod?.def
  return schemaKeys(def?.in ?? def?.innerType ?? def?.schema, depth + 1)
}

export interface Plausible {
  slug: string
  org: string
  ids: readonly string[]
}

function plausibleFor(key: string, p: Plausible): fc.Arbitrary<unknown> {
  if (key === 'slug') return fc.constant(p.slug)
  if (key === 'org') return fc.constant(p.org)
  if (key === 'quarter') return fc.constantFrom('2026-Q3', '2027-Q1')
  if (/version$/i.test(key)) return fc.integer({ min: 0, max: 3 })
  if (/id$/i.test(key) && p.ids.length) return fc.constantFrom(...p.ids)
  return fc.string({ maxLength: 12 })
}

/** Inputs for a procedure with these keys: whole-input junk, or its own keys with plausible values and junk mixed. */
export function inputs(keys: readonly string[], p: Plausible): fc.Arbitrary<unknown> {
  if (keys.length === 0) return junk
  const shaped = fc.record(
    Object.fromEntries(keys.map((k) => [k, fc.oneof({ weight: 2, arbitrary: plausibleFor(k, p) }, { weight: 3, arbitrary: junk })])),
    { requiredKeys: [] },
  )
  return fc.oneof({ weight: 1, arbitrary: junk }, { weight: 4, arbitrary: shaped })
}

/** Form fields for an action: its own field names (and intents) with junk strings, sometimes unknown names. */
export function formFields(names: readonly string[], intents: readonly string[]): fc.Arbitrary<Array<[string, string]>> {
  const text = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SPECIALS.filter((v): v is string => typeof v === 'string')) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
  )
  const field = fc.tuple(names.length ? fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })) : fc.string({ maxLength: 8 }), text)
  const intent = intents.length ? fc.option(fc.constantFrom(...intents), { nil: undefined }) : fc.constant(undefined)
  return fc.tuple(intent, fc.array(field, { maxLength: 8 })).map(([i, fields]) => (i ? [['intent', i] as [string, string], ...fields] : fields))
}

/**
 * A counter of committed writes: a statement trigger on every table (but the rate limiters' counters) adds one per
 * INSERT, UPDATE or DELETE statement. A rejected call must leave it as it was: no half write, in one cheap read.
 * Rolled-back statements roll their count back with them. `uninstall` removes it all (the PostgreSQL test database
 * is reused by the next file).
 */
export async function installWriteCounter() {
  const prisma = await db()
  const tables = (
    await prisma.$queryRaw<Array<{ tablename: string }>>`
      SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('_prisma_migrations', 'RateLimit')`
  ).map((t) => t.tablename)
  await prisma.$executeRawUnsafe('CREATE TABLE fuzz_writes (n bigint NOT NULL)')
  await prisma.$executeRawUnsafe('INSERT INTO fuzz_writes VALUES (0)')
  await prisma.$executeRawUnsafe('CREATE FUNCTION fuzz_count_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE fuzz_writes SET n = n + 1; RETURN NULL; END $$')
  for (const t of tables) {
    await prisma.$executeRawUnsafe(`CREATE TRIGGER fuzz_count AFTER INSERT OR UPDATE OR DELETE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION fuzz_count_write()`)
  }
  return {
    async writes(): Promise<number> {
      return Number((await prisma.$queryRawUnsafe<Array<{ n: bigint }>>('SELECT n FROM fuzz_writes'))[0].n)
    },
    async uninstall() {
      for (const t of tables) await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS fuzz_count ON "${t}"`)
      await prisma.$executeRawUnsafe('DROP FUNCTION IF EXISTS fuzz_count_write()')
      await prisma.$executeRawUnsafe('DROP TABLE IF EXISTS fuzz_writes')
    },
  }
}

/** A short, printable picture of an input for a failure report. */
export function describeInput(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 20)}…(${v.length} chars)` : v))
    return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text
  } catch {
    return String(value)
  }
}
