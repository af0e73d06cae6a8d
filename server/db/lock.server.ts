import fs from 'node:fs'
import path from 'node:path'

// PGlite is single-process: two processes on one data folder would corrupt it. A lock file beside the folder
// names the holder, so a second process (a CLI command while the server runs) stops with a clear message.
export interface LockHolder {
  pid: number
  command: string
  since: string
}

export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
        'Stop that process first, or run against PostgreSQL (DATABASE_URL=postgres://…) where the server and the CLI can run side by side.',
    )
    this.name = 'DatabaseLockedError'
  }
}

/** Whether a process with that id is running (another user's process counts: signalling it is refused, EPERM). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function lockPathFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`
}

/** Takes the lock or throws DatabaseLockedError; a lock left by a dead process is taken over. */
export function acquireLock(dataDir: string, command: string): () => void {
  const file = lockPathFor(dataDir)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const me: LockHolder = { pid: process.pid, command, since: new Date().toISOString() }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' })
      let released = false
      return () => {
        if (released) return
        released = true
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder
          if (current.pid === process.pid) fs.unlinkSync(file)
        } catch {
          // already gone
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let holder: LockHolder | null = null
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder
      } catch {
        holder = null // half-written or vanished: treat as stale
      }
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) throw new DatabaseLockedError(dataDir, holder)
      fs.rmSync(file, { force: true })
    }
  }
  throw new Error(`Could not take the database lock ${file}`)
}
