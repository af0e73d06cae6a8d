// Embedded database folders the CLI suites start from, built once per test run and copied by each suite that needs
// one (docs/decisions/021-ci-time.md): a migration costs ~6 s of CLI time and the demo's year of tickets ~15 s, and
// seven suites began by doing one or the other on a folder of their own. The folders are built with the real
// `accord` command (tests/helpers/cli-folder-build.ts), in the background from the start of the run.
// cli.integration.test.ts still runs `db migrate` and `demo seed` itself and asserts what they print, and
// cli-database.integration.test.ts starts from an empty folder (its first command migrates it).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'
import { type CliFolder, sharedCliFolder } from './cli-folder-build.ts'

const ROOT = Symbol.for('accord.test.cliFolders')

function root(): string {
  const dir = inject('accordCliFolders')
  if (dir) return dir
  // Without the global setup's directory (a PostgreSQL run leaves the CLI suites out): one for this process.
  const own = globalThis as { [ROOT]?: string }
  own[ROOT] ??= fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cli-folders-'))
  return own[ROOT]
}

/** Copies the run's folder of that kind to `dataDir` (which must not exist yet) and returns `dataDir`. */
export function copyCliFolder(kind: CliFolder, dataDir: string): string {
  fs.cpSync(sharedCliFolder(root(), kind), dataDir, { recursive: true })
  return dataDir
}
