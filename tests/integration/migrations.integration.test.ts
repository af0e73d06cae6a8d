import { expect, it, vi } from 'vitest'
import { getDatabase } from '../../server/db/client.server.ts'
import { applyMigrations, migrationsUpToDate } from '../../server/db/migrate.server.ts'

it('does not start the schema engine when every migration is recorded with its checksum, and does when one is not', async () => {
  const database = await getDatabase()
  // The engine is WebAssembly instantiated once a process, on first use (so this test comes first in its file): an
  // up-to-date database must not get that far.
  const instantiate = vi.spyOn(WebAssembly, 'instantiate')
  try {
    expect(await applyMigrations(database)).toEqual([])
    expect(instantiate).not.toHaveBeenCalled()
  } finally {
    instantiate.mockRestore()
  }
  expect(await migrationsUpToDate(database.prisma)).toBe(true)

  const [last] = await database.prisma.$queryRaw<Array<{ id: string; checksum: string }>>`
    SELECT id, checksum FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`
  try {
    // An edited migration file: its recorded checksum no longer matches.
    await database.prisma.$executeRaw`UPDATE _prisma_migrations SET checksum = 'edited' WHERE id = ${last.id}`
    expect(await migrationsUpToDate(database.prisma)).toBe(false)
    // A migration that failed half-way is not finished.
    await database.prisma.$executeRaw`UPDATE _prisma_migrations SET checksum = ${last.checksum}, finished_at = NULL WHERE id = ${last.id}`
    expect(await migrationsUpToDate(database.prisma)).toBe(false)
  } finally {
    await database.prisma.$executeRaw`UPDATE _prisma_migrations SET checksum = ${last.checksum}, finished_at = coalesce(finished_at, now()) WHERE id = ${last.id}`
  }
  expect(await migrationsUpToDate(database.prisma)).toBe(true)
})

it('applies nothing twice, and leaves no migration lock behind for the next process', async () => {
  const database = await getDatabase()
  expect(await applyMigrations(database)).toEqual([])
  if (database.config.kind !== 'postgres') return // PGlite is one process: there is no other migrator to block
  const [{ n }] = await database.prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`
  expect(n).toBe(0)
})
