import { getDatabase } from './client.server.ts'

// A read whose plan the server would compile with JIT (its estimated cost passes jit_above_cost) although it runs in
// a few hundred ms: on the portfolio's pending-ticket groups (97k rows, 500 partnerships) JIT compilation alone took
// 260–430 ms of a 570–1,040 ms query on the bench machine. So on PostgreSQL such a read runs on one session with JIT
// off for that statement only; PGlite has no JIT.
export async function queryArraysWithoutJit(sql: string, params: readonly unknown[]): Promise<unknown[][]> {
  const database = await getDatabase()
  if (database.config.kind !== 'postgres') return database.queryArrays(sql, params)
  return database.bulkSession(async (session) => {
    await session.query('SET jit = off')
    try {
      return await session.query(sql, params)
    } finally {
      await session.query('RESET jit')
    }
  })
}
