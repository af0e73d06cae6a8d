import { getDatabase } from './client.server.ts'

// A heavy read that runs beside a request's other reads (the portfolio's figures, issued together): on PostgreSQL it
// runs on one session with JIT and parallel workers off for that statement only; PGlite has neither.
// - JIT: the server compiles such a plan (its estimated cost passes jit_above_cost) although it runs in a few hundred
//   ms: on the portfolio's pending-ticket groups (97k rows, 500 partnerships) compilation alone took 260–430 ms of a
//   570–1,040 ms query on the bench machine.
// - Parallel workers: each of these reads would start two workers while the request's other reads run too, on a
//   two-core server. The pending groups took 100–150 ms with workers and 65–75 ms without; at-risk 46–50 ms against
//   24–25 ms; the whole portfolio 345–410 ms against 150–180 ms (ADR 023 addendum, 2026-12-07 second).
// One round trip sets both, one resets them (a statement without parameters may hold several).
export async function queryArraysConcurrentRead(sql: string, params: readonly unknown[]): Promise<unknown[][]> {
  const database = await getDatabase()
  if (database.config.kind !== 'postgres') return database.queryArrays(sql, params)
  return database.bulkSession(async (session) => {
    await session.query('SET jit = off; SET max_parallel_workers_per_gather = 0')
    try {
      return await session.query(sql, params)
    } finally {
      await session.query('RESET jit; RESET max_parallel_workers_per_gather')
    }
  })
}
