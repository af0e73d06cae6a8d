import { performance } from 'node:perf_hooks'
import pg from 'pg'

/** Runs `fn` `runs` times after `warmup` runs; returns the timings in ms, sorted. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  return times.sort((a, b) => a - b)
}

export const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)]
export const p99 = (sorted: number[]) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]

export function report(title: string, lines: Array<[string, string]>, verdict: { ok: boolean; text: string }) {
  console.log(`\n## ${title}`)
  for (const [k, v] of lines) console.log(`  ${k.padEnd(34)} ${v}`)
  console.log(`  ${verdict.ok ? 'PASS' : 'MISS'}: ${verdict.text}`)
  return verdict.ok
}

/**
 * A benchmark that cannot run (no PostgreSQL server): says SKIPPED, and counts as a miss unless BENCH_ALLOW_SKIP=1
 * (a green `npm run bench` must mean every target was measured).
 */
export function skipped(title: string, why: string): boolean {
  const allowed = process.env.BENCH_ALLOW_SKIP === '1'
  console.log(`\n## ${title}\n  SKIPPED: ${why}${allowed ? ' (allowed by BENCH_ALLOW_SKIP=1)' : '; set BENCH_ALLOW_SKIP=1 to accept a skip'}`)
  return allowed
}

/** A benchmark database's name, prefixed with ACCORD_TEST_DB_TAG so that runs sharing a server do not collide. */
export const benchDatabaseName = (bare: string) => `${process.env.ACCORD_TEST_DB_TAG ?? ''}${bare}`

/** A fresh database on the benchmark PostgreSQL server (BENCH_DATABASE_URL or the local one); null when there is none. */
export async function benchDatabase(bare: string): Promise<string | null> {
  const name = benchDatabaseName(bare)
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 })
  try {
    await admin.connect()
  } catch {
    return null
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name}`)
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * Runs a benchmark when its file is the process's entry (`npx tsx tests/bench/pack.bench.ts`); the exit code says
 * whether it met its target (0) or not (1), for run-all.ts.
 */
export async function runIfMain(url: string, bench: () => Promise<boolean>): Promise<void> {
  if (url !== `file://${process.argv[1]}`) return
  const ok = await bench()
  process.exit(ok ? 0 : 1)
}
