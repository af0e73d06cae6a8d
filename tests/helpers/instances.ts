// Accord instances as separate processes on one PostgreSQL database (issue 14 §1): each has its own caches, as two
// servers behind a load balancer do. Only for the PostgreSQL tier (*.postgres.integration.test.ts).
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { getDatabase } from '../../server/db/client.server.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface Instance {
  url: string
  pid: number
  stop(): Promise<void>
}

/** Starts an instance over this test worker's database; resolves when it listens. */
export async function startInstance(): Promise<Instance> {
  const database = await getDatabase()
  if (database.config.kind !== 'postgres') throw new Error('instances need the PostgreSQL tier (TEST_DATABASE_URL)')
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/instance-main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.config.url, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const ready = /READY (\S+)/.exec(stdout)
      if (ready) resolve(ready[1])
    })
    child.once('exit', (code) => reject(new Error(`instance exited (${code}) before listening:\n${stderr}`)))
  })
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
