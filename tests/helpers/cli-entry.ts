import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

// The `accord` command as it ships: the compiled CLI of `npm run build` (build/server/cli.js), run by plain node.
// Through tsx every run transpiled the server again: ~2 s more per run, and the CLI suites run it hundreds of
// times (docs/decisions/021-ci-time.md). A build older than the server's sources would test stale code, so it is
// refused with the command that mends it.
const ROOT = path.resolve(import.meta.dirname, '../..')
const CLI = path.join(ROOT, 'build/server/cli.js')

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full))
    else if (/\.(ts|tsx|json|sql)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs)
  }
  return newest
}

let checked = false
/**
 * The arguments that run `accord …args` with process.execPath. `--liftoff-only` keeps V8 from recompiling the
 * embedded database's WebAssembly (8 MB) with its optimizing compiler in every short-lived run: that cost ~1 s of CPU
 * per run, more than most commands here take (a refused command 2.1 s -> 1.25 s, the notify scans of
 * cli.integration 13.2 s -> 7.0 s; ADR 021). It changes how V8 compiles, not what the command does.
 */
export function accordArgs(...args: string[]): string[] {
  if (!checked) {
    if (!fs.existsSync(CLI)) throw new Error('build/server/cli.js is missing: run `npm run build` before the CLI suites')
    const built = fs.statSync(CLI).mtimeMs
    const newest = Math.max(newestSource(path.join(ROOT, 'server')), newestSource(path.join(ROOT, 'emails')), newestSource(path.join(ROOT, 'prisma')))
    if (newest > built) throw new Error('build/server/cli.js is older than the sources: run `npm run build` before the CLI suites')
    checked = true
  }
  return ['--liftoff-only', CLI, ...args]
}

/**
 * Runs `accord …args` on the embedded database in `dataDir` (NODE_ENV=test) and gives its exit code and output;
 * stdout is trimmed unless `trim` is false.
 */
export function runAccord(dataDir: string, args: string[], options: { stdin?: string; env?: Record<string, string>; trim?: boolean } = {}) {
  const result = spawnSync(process.execPath, accordArgs(...args), {
    env: { ...process.env, DATABASE_URL: `file:${dataDir}`, NODE_ENV: 'test', ...options.env },
    input: options.stdin ?? '',
    encoding: 'utf8',
  })
  return { code: result.status, stdout: options.trim === false ? result.stdout : result.stdout.trim(), stderr: result.stderr.trim() }
}
