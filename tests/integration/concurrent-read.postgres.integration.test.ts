// The portfolio's heavy reads run beside each other (server/db/query-concurrent-read.server.ts): JIT and parallel
// workers are off for that statement, and the pooled session goes back to the pool as it was.
import { expect, it } from 'vitest'
import { getDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { queryArraysConcurrentRead } from '../../server/db/query-concurrent-read.server.ts'

const SETTINGS = `SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather'), pg_backend_pid()`

it('reads with JIT and parallel workers off, then gives the session back with its settings', async () => {
  const live = await getDatabase()
  if (live.config.kind !== 'postgres') throw new Error('expected PostgreSQL')
  // One connection, so the read and the checks around it share a session.
  const database = await openDatabase(live.config, { maxConnections: 1 })
  setDatabase(database)
  try {
    const [[jit, workers, pid]] = await database.queryArrays(SETTINGS, [])
    expect(workers).not.toBe('0')
    const [[readJit, readWorkers, readPid]] = await queryArraysConcurrentRead(SETTINGS, [])
    expect([readJit, readWorkers, readPid]).toEqual(['off', '0', pid])
    expect(await database.queryArrays(SETTINGS, [])).toEqual([[jit, workers, pid]])
    // A failing read resets them too.
    await expect(queryArraysConcurrentRead('SELECT 1 / 0', [])).rejects.toThrow(/division by zero/)
    expect((await database.queryArrays(SETTINGS, []))[0].slice(0, 2)).toEqual([jit, workers])
  } finally {
    setDatabase(live)
    await database.close()
  }
})
