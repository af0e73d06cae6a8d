// What every command that touches data does first: open the configured database and bring it to the current schema.
import type { Actor } from '../audit/record-audit.server.ts'
import { parseDatabaseUrl } from '../db/config.ts'
import { openDatabase, setDatabase } from '../db/client.server.ts'
import { applyMigrations } from '../db/migrate.server.ts'

/** Who the audit trail names for changes made from the command line. */
export const CLI_ACTOR: Actor = { userId: null, label: 'cli' }

export async function migrated(holder: string) {
  const database = await openDatabase(parseDatabaseUrl(process.env.DATABASE_URL), { holder })
  setDatabase(database)
  await applyMigrations(database)
}
