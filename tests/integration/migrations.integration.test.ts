import { expect, it } from 'vitest'
import { getDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'

it('applies nothing twice, and leaves no migration lock behind for the next process', async () => {
  const database = await getDatabase()
  expect(await applyMigrations(database)).toEqual([])
  if (database.config.kind !== 'postgres') return // PGlite is one process: there is no other migrator to block
  const [{ n }] = await database.prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`
  expect(n).toBe(0)
})
