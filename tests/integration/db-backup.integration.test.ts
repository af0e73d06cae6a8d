// `accord db backup` / `accord db restore`: a dump restored compares equal, table by table, to the database it was
// taken from at that moment. Embedded: through the running server's control socket (its data folder is locked).
// PostgreSQL (its tier): pg_dump and pg_restore into a new database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { backupDatabase, controlSocketPath, restoreDatabase, startControlSocket } from '../../server/db/backup.server.ts'
import { type Database, getDatabase, openDatabase } from '../../server/db/client.server.ts'
import { acquireLock } from '../../server/db/lock.server.ts'
import { createPartnershipGraph, tokenFor } from '../helpers/factories.ts'

/** Every table (the migrations table too): its row count and a digest of its rows, in a stable order. */
async function tableDigests(database: Pick<Database, 'queryArrays'>): Promise<Record<string, string>> {
  const tables = (await database.queryArrays(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`, [])).map((r) => String(r[0]))
  const digests: Record<string, string> = {}
  for (const table of tables) {
    const [[count, digest]] = await database.queryArrays(`SELECT count(*)::int, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM "${table}" t`, [])
    digests[table] = `${count} rows ${digest}`
  }
  return digests
}

let dir: string
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-backup-'))
  const { mspUser, clientUser } = await createPartnershipGraph()
  await tokenFor(mspUser.email)
  await tokenFor(clientUser.email)
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const onPostgres = Boolean(process.env.TEST_DATABASE_URL)

describe('db backup and restore', () => {
  it.skipIf(onPostgres)('embedded: the dump comes from the running server, and restores into an empty folder equal in every table', async () => {
    const live = await getDatabase()
    // This test process plays the server: it holds the data folder's lock and answers on its control socket.
    const dataDir = path.join(dir, 'db')
    const release = acquireLock(dataDir, 'accord server (test)')
    const control = await startControlSocket(live, controlSocketPath(dataDir))
    const before = await tableDigests(live)
    expect(Object.keys(before).length).toBeGreaterThan(20)
    expect(before.ApiToken).toMatch(/^2 rows/)
    expect(before.User).not.toMatch(/^0 rows/)
    let message: string
    try {
      message = await backupDatabase({ kind: 'pglite', dataDir }, path.join(dir, 'backup.tar.gz'))
    } finally {
      await control.close()
      release()
    }
    expect(message).toMatch(/from the running server, process \d+/)
    expect(fs.statSync(path.join(dir, 'backup.tar.gz')).mode & 0o777).toBe(0o600)
    // A write after the dump is not in it.
    await live.prisma.organization.updateMany({ data: { name: 'Renamed after the backup' } })

    const target = path.join(dir, 'restored')
    await restoreDatabase({ kind: 'pglite', dataDir: target }, path.join(dir, 'backup.tar.gz'))
    await expect(restoreDatabase({ kind: 'pglite', dataDir: target }, path.join(dir, 'backup.tar.gz'))).rejects.toThrow(/is not empty/)
    const restored = await openDatabase({ kind: 'pglite', dataDir: target })
    try {
      expect(await tableDigests(restored)).toEqual(before)
    } finally {
      await restored.close()
    }
  })

  it.runIf(onPostgres)('PostgreSQL: pg_dump, then pg_restore into a new database, equal in every table', async () => {
    const live = await getDatabase()
    if (live.config.kind !== 'postgres') throw new Error('expected PostgreSQL')
    const before = await tableDigests(live)
    expect(before.User).not.toMatch(/^0 rows/)
    const file = path.join(dir, 'backup.dump')
    expect(await backupDatabase(live.config, file)).toMatch(/pg_dump/)

    const url = new URL(live.config.url)
    const name = `${url.pathname.slice(1)}_restore`
    const admin = new pg.Client({ connectionString: live.config.url })
    // The server may end this connection while DROP DATABASE … FORCE runs; that is no failure of the test.
    admin.on('error', () => {})
    await admin.connect()
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`)
      await admin.query(`CREATE DATABASE "${name}"`)
      url.pathname = `/${name}`
      const target = { kind: 'postgres' as const, url: url.toString() }
      await restoreDatabase(target, file)
      await expect(restoreDatabase(target, file)).rejects.toThrow(/not empty/)
      const restored = await openDatabase(target, { maxConnections: 1 })
      try {
        expect(await tableDigests(restored)).toEqual(before)
      } finally {
        await restored.close()
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {})
      await admin.end()
    }
  })
})
