// A connection the PostgreSQL server ends while it sits idle in the pool (a restart, pg_terminate_backend, DROP
// DATABASE … WITH (FORCE)) must not take the process down: the pool drops it and the next query opens another.
import { expect, it } from 'vitest'
import { captureLogs } from '../../server/observability/logger.server.ts'
import { getDatabase, openDatabase } from '../../server/db/client.server.ts'

it('survives the server ending an idle pooled connection, and the next query is answered', async () => {
  const live = await getDatabase()
  if (live.config.kind !== 'postgres') throw new Error('expected PostgreSQL')
  const database = await openDatabase(live.config, { maxConnections: 1 })
  const logs = captureLogs()
  try {
    const [[pid]] = await database.queryArrays('SELECT pg_backend_pid()', [])
    expect(database.poolStats().idle).toBe(1)
    await live.queryArrays('SELECT pg_terminate_backend($1::int)', [pid])
    // The idle client hears the server's goodbye on its socket; without a listener that error is uncaught.
    await expect.poll(() => database.poolStats().total, { timeout: 5_000 }).toBe(0)
    const [[again]] = await database.queryArrays('SELECT pg_backend_pid()', [])
    expect(again).not.toBe(pid)
    expect(logs.lines.join('\n')).toMatch(/an idle connection was closed by the server/)
  } finally {
    logs.stop()
    await database.close()
  }
})
