// The portfolio (issue 15 §5): 500 partnerships × 5,000 tickets in the quarter (2.5M tickets), on PostgreSQL. Target:
// portfolio.list's whole read (every figure of every row) at p95 < 300 ms, printed beside the physical floor measured
// in the same run: one GROUP BY (partnership, month) over the same stored verdict columns.
//
// The SLA figures are the shipped ones, from the verdicts stored on each ticket at write (ADR 022). Seeding: one
// partnership's quarter through the write path, copied to the others by INSERT … SELECT, never a row at a time.
// The seeded database is kept and reused by the next run while its seed key (SEED_VERSION, the sizes, the
// migrations) is the same; otherwise it is rebuilt. BENCH_PORTFOLIO_RESEED=1 rebuilds it anyway.
import { closeDatabase, db, openDatabase, queryArrays, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { listPortfolio } from '../../server/portfolio/list-portfolio.server.ts'
import { generateDemoTickets } from '../../server/demo/demo-tickets.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { upsertTicketBatch } from '../../server/tickets/upsert-tickets.server.ts'
import { readdirSync } from 'node:fs'
import pg from 'pg'
import { benchDatabase, benchDatabaseName, report, runIfMain, skipped, timeRuns } from './lib.ts'

const PARTNERSHIPS = Number(process.env.BENCH_PORTFOLIO_PARTNERSHIPS ?? 500)
const PER_QUARTER = Number(process.env.BENCH_PORTFOLIO_TICKETS ?? 5000)
const QUARTER_START = '2026-07-01T00:00:00Z'
const AS_OF = new Date('2026-09-25T12:00:00Z')
const POLICY = { ...DEMO_POLICY, timezone: 'UTC' }
// The seed is kept between runs, keyed by this version, the sizes and the migrations it was written under: bump
// SEED_VERSION when what the write path stores changes without a migration; BENCH_PORTFOLIO_RESEED=1 forces a seed.
const SEED_VERSION = 3
const SEED_KEY = [SEED_VERSION, PARTNERSHIPS, PER_QUARTER, ...readdirSync(new URL('../../prisma/migrations/', import.meta.url)).filter((m) => !m.endsWith('.toml')).sort()].join(' ')
const p95 = (sorted: number[]) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]

// The physical floor: one GROUP BY (partnership, month of the resolution decision) over the same stored verdict
// columns of Ticket (ADR 022) the portfolio's SLA figures come from, nothing else.
const BASELINE_SQL = `
SELECT "partnershipId", width_bucket("resolutionDecidedMs", $1::float8[]), count(*) FILTER (WHERE "resolutionVerdict" = 1)::int, count(*)::int
  FROM "Ticket" WHERE "slaSettledMs" >= $2 AND "slaSettledMs" <= $3 GROUP BY 1, 2`

const MONTH_EDGES = Array.from({ length: 7 }, (_, i) => Date.UTC(2026, 3 + i, 1))

async function seed(): Promise<string> {
  const t0 = performance.now()
  const sql = (text: string, params: unknown[] = []) => queryArrays(text, params)
  await sql(`INSERT INTO "Organization"(id, kind, slug, name, "updatedAt") VALUES ('msp', 'MSP', 'bench-msp', 'Bench MSP', now())`)
  await sql(
    `INSERT INTO "Organization"(id, kind, slug, name, "updatedAt")
     SELECT 'c' || g, 'CLIENT', 'client-' || g, 'Client ' || lpad(g::text, 3, '0'), now() FROM generate_series(1, $1) g`,
    [PARTNERSHIPS],
  )
  await sql(
    `INSERT INTO "Partnership"(id, slug, "mspOrgId", "clientOrgId", "updatedAt", "createdAt", "slaVerdictsVersion")
     SELECT 'p' || g, 'bench-' || g, 'msp', 'c' || g, now(), '2025-01-01', 1 FROM generate_series(1, $1) g`,
    [PARTNERSHIPS],
  )
  await sql(
    `INSERT INTO "SlaPolicy"(id, "partnershipId", version, name, definition, "createdByLabel")
     SELECT 'pol' || g, 'p' || g, 1, 'Bench', $2::jsonb, 'bench' FROM generate_series(1, $1) g`,
    [PARTNERSHIPS, JSON.stringify(POLICY)],
  )
  // The first partnership's quarter goes through the write path (the engine stores each ticket's verdicts, ADR 022):
  // created from the quarter's start up to the as-of, the last days' tickets partly still open. The other
  // partnerships get the same tickets, copied with their stored columns by one INSERT … SELECT (same policy, same
  // verdicts): a bulk seed, never a row at a time.
  const from = Date.parse(QUARTER_START)
  const businessDays = ((AS_OF.getTime() - from) / 86_400_000) * (5 + 2 * 0.15) / 7
  const tickets = generateDemoTickets({ seed: 'portfolio', policy: POLICY, from, to: AS_OF.getTime(), perDay: (PER_QUARTER / businessDays) * 1.02, assignees: ['A', 'B', 'C', 'D', 'E', 'F', 'G'], vendorVerdicts: true })
  const template = tickets.slice(Math.max(0, tickets.length - PER_QUARTER))
  const prisma = await db()
  for (let i = 0; i < template.length; i += 1000) await prisma.$transaction((tx) => upsertTicketBatch(tx, 'p1', 'psa', template.slice(i, i + 1000)))
  const columns = (await sql(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Ticket' AND column_name NOT IN ('id', 'partnershipId')`)) as Array<[string]>
  const names = columns.map(([c]) => `"${c}"`).join(', ')
  await sql(
    `INSERT INTO "Ticket"(id, "partnershipId", ${names})
     SELECT 'p' || g || '-' || t.id, 'p' || g, ${columns.map(([c]) => `t."${c}"`).join(', ')}
       FROM "Ticket" t, generate_series(2, $1) g WHERE t."partnershipId" = 'p1'`,
    [PARTNERSHIPS],
  )
  // What autovacuum does to a table after bulk inserts (PostgreSQL 13+: autovacuum_vacuum_insert_threshold), before
  // it is measured: the visibility map set, so the open-ticket index is read index-only (ADR 023 addendum, 2026-12-07),
  // and the statistics.
  await sql('VACUUM (ANALYZE)')
  return `${((performance.now() - t0) / 1000).toFixed(1)} s (${template.length.toLocaleString('en')} tickets a partnership, ${(template.filter((t) => !t.resolvedAt).length).toLocaleString('en')} open at the as-of)`
}

/** The URL of the bench database when a finished seed with this SEED_KEY is there (the marker is written last). */
async function seededUrl(): Promise<string | null> {
  const url = new URL(`/${benchDatabaseName('accord_bench_portfolio')}`, process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test').toString()
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    const { rows } = await client.query(`SELECT key FROM "BenchSeed"`)
    return rows.length === 1 && rows[0].key === SEED_KEY ? url : null
  } catch {
    return null
  } finally {
    await client.end().catch(() => {})
  }
}

export async function benchPortfolio(): Promise<boolean> {
  const reuse = process.env.BENCH_PORTFOLIO_RESEED !== '1' && (await seededUrl())
  const url = reuse || (await benchDatabase('accord_bench_portfolio'))
  if (!url) return skipped('portfolio', 'no PostgreSQL server (set BENCH_DATABASE_URL)')
  const database = await openDatabase({ kind: 'postgres', url })
  setDatabase(database)
  try {
    await applyMigrations(database)
    let seeded = 'reused (same seed key)'
    if (!reuse) {
      seeded = await seed()
      await queryArrays('CREATE TABLE "BenchSeed"(key text NOT NULL)', [])
      await queryArrays('INSERT INTO "BenchSeed"(key) VALUES ($1)', [SEED_KEY])
    }
    const scope = { userId: 'bench', orgId: 'msp', orgSlug: 'bench-msp', kind: 'MSP' as const, role: 'MSP_ADMIN' as const }
    const input = { org: 'bench-msp', quarter: '2026-Q3', asOf: AS_OF.toISOString() }
    let rows = 0
    const portfolio = async () => {
      rows = (await listPortfolio(scope, input)).rows.length
    }
    const baseline = async () => {
      await queryArrays(BASELINE_SQL, [MONTH_EDGES, MONTH_EDGES[0], AS_OF.getTime()])
    }
    // Interleaved, so both see the same machine.
    const portfolioTimes: number[] = []
    const baselineTimes: number[] = []
    for (let i = 0; i < 2; i++) {
      await baseline()
      await portfolio()
    }
    for (let i = 0; i < 20; i++) {
      baselineTimes.push(...(await timeRuns(baseline, 1, 0)))
      portfolioTimes.push(...(await timeRuns(portfolio, 1, 0)))
    }
    portfolioTimes.sort((a, b) => a - b)
    baselineTimes.sort((a, b) => a - b)
    const ok = rows === PARTNERSHIPS && p95(portfolioTimes) < 300
    return report(
      `portfolio.list, ${PARTNERSHIPS} partnerships × ${PER_QUARTER.toLocaleString('en')} tickets a quarter`,
      [
        ['seed (write path, then INSERT … SELECT)', seeded],
        ['rows', String(rows)],
        ['portfolio p50 / p95', `${portfolioTimes[10].toFixed(0)} / ${p95(portfolioTimes).toFixed(0)} ms`],
        ['baseline GROUP BY p50 / p95', `${baselineTimes[10].toFixed(0)} / ${p95(baselineTimes).toFixed(0)} ms`],
        ['ratio (p95)', `${(p95(portfolioTimes) / p95(baselineTimes)).toFixed(2)}×`],
      ],
      { ok, text: `p95 ${p95(portfolioTimes).toFixed(0)} ms (target < 300 ms)` },
    )
  } finally {
    await closeDatabase()
  }
}

await runIfMain(import.meta.url, benchPortfolio)
