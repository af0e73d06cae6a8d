// Global setup of the integration and e2e projects: the migrations run once per test run, not once per test file.
// PGlite: an in-memory database is migrated here and its data directory dumped to a file; each test file's database
// starts from that dump (no initdb, no schema engine). PostgreSQL needs nothing here: a worker's database is kept
// between files and runs migrations only when its recorded ones differ from prisma/migrations.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import type { TestProject } from 'vitest/node'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { buildCliFoldersInBackground } from '../helpers/cli-folder-build.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a migrated PGlite data directory (empty string on PostgreSQL runs). */
    accordPgliteTemplate: string
    /** A directory for this run's shared CLI database folders (tests/helpers/cli-folders.ts; empty on PostgreSQL runs). */
    accordCliFolders: string
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('accordPgliteTemplate', '')
    project.provide('accordCliFolders', '')
    return
  }
  // The CLI suites' shared database folders (tests/helpers/cli-folders.ts), built in the background while the first
  // files run when the run may include a suite that copies one (no filter, or one naming a *-cli suite).
  const cliFolders = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cli-folders-'))
  project.provide('accordCliFolders', cliFolders)
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern
  const building = project.name === 'integration' && (!filters || filters.some((f) => f.includes('-cli'))) ? buildCliFoldersInBackground(cliFolders) : Promise.resolve()
  const client = new PGlite()
  let file: string
  try {
    await applyMigrations({ adapterFactory: new PrismaPGlite(client), config: { kind: 'pglite', dataDir: null } })
    const dump = await client.dumpDataDir('none')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-pglite-template-'))
    file = path.join(dir, 'migrated.tar')
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  } finally {
    await client.close()
  }
  project.provide('accordPgliteTemplate', file)
  return async () => {
    await building
    fs.rmSync(path.dirname(file), { recursive: true, force: true })
    fs.rmSync(cliFolders, { recursive: true, force: true })
  }
}
