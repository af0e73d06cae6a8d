// Builds the CLI suites' shared database folders (tests/helpers/cli-folders.ts) with the real `accord` command, once
// per test run. A folder is built under a lock directory (`<kind>.building`, holding the builder's pid), which the
// global setup takes for every folder at the start of a run that includes a CLI suite and releases folder by folder
// as it builds them in the background; a suite that needs one waits for it, or builds it itself when nobody holds it.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { isAlive } from '../../server/db/lock.server.ts'
import { accordArgs, runAccord } from './cli-entry.ts'

/** What a folder holds: migrated only, the demo tenants (`demo seed --tenants-only`), or the demo with its year of activity. */
export type CliFolder = 'migrated' | 'tenants' | 'demo'

const BUILD: Record<CliFolder, { from: CliFolder | null; args: string[] }> = {
  migrated: { from: null, args: ['db', 'migrate'] },
  tenants: { from: 'migrated', args: ['demo', 'seed', '--tenants-only'] },
  demo: { from: 'migrated', args: ['demo', 'seed'] },
}
/** In the order the background build makes them: the demo, wanted by two of the longest suites, after the quick ones. */
const ORDER: CliFolder[] = ['migrated', 'tenants', 'demo']

const pause = new Int32Array(new SharedArrayBuffer(4))

const paths = (root: string, kind: CliFolder) => ({ done: path.join(root, kind), lock: path.join(root, `${kind}.building`) })

function tryLock(lock: string): boolean {
  try {
    fs.mkdirSync(lock)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return false
  }
  fs.writeFileSync(path.join(lock, 'pid'), String(process.pid))
  return true
}

function failed(kind: CliFolder, args: string[], code: number | null, stderr: string): Error {
  return new Error(`accord ${args.join(' ')} failed (${code}) building the ${kind} CLI folder: ${stderr}`)
}

/** The run's folder of that kind, built by this process if nobody has or is building it; never written to afterwards. */
export function sharedCliFolder(root: string, kind: CliFolder): string {
  const { done, lock } = paths(root, kind)
  const deadline = Date.now() + 15 * 60_000
  while (!fs.existsSync(done)) {
    if (!tryLock(lock)) {
      let holder = 0
      try {
        holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'))
      } catch {
        // Not written yet, or released already.
      }
      if (holder && !isAlive(holder)) fs.rmSync(lock, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`waited 15 minutes for ${done} to be built`)
      Atomics.wait(pause, 0, 0, 200)
      continue
    }
    try {
      const building = path.join(lock, 'db')
      const { from, args } = BUILD[kind]
      if (from) fs.cpSync(sharedCliFolder(root, from), building, { recursive: true })
      const result = runAccord(building, args)
      if (result.code !== 0) throw failed(kind, args, result.code, result.stderr)
      fs.renameSync(building, done)
    } finally {
      fs.rmSync(lock, { recursive: true, force: true })
    }
  }
  return done
}

function accordAsync(dataDir: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, accordArgs(...args), { env: { ...process.env, DATABASE_URL: `file:${dataDir}`, NODE_ENV: 'test' }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stderr: stderr.trim() }))
  })
}

/**
 * Takes every folder's lock at once, then builds them one after another without blocking the caller (the global
 * setup): the test files start meanwhile, and a CLI suite that starts before its folder is ready waits for it. A
 * failed build releases its lock and is logged; the suite that needs the folder then builds it and fails with the reason.
 */
export function buildCliFoldersInBackground(root: string): Promise<void> {
  const held = ORDER.filter((kind) => tryLock(paths(root, kind).lock))
  return (async () => {
    for (const kind of held) {
      const { done, lock } = paths(root, kind)
      try {
        const building = path.join(lock, 'db')
        const { from, args } = BUILD[kind]
        if (from) {
          if (!fs.existsSync(paths(root, from).done)) throw new Error(`the ${from} folder it starts from was not built`)
          fs.cpSync(paths(root, from).done, building, { recursive: true })
        }
        const result = await accordAsync(building, args)
        if (result.code !== 0) throw failed(kind, args, result.code, result.stderr)
        fs.renameSync(building, done)
      } catch (error) {
        console.error(`tests/helpers/cli-folder-build.ts: ${(error as Error).message}`)
      } finally {
        fs.rmSync(lock, { recursive: true, force: true })
      }
    }
  })()
}
