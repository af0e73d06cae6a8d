// Issue 14 §2, graceful shutdown: a SIGTERM lets the request in flight finish (the compiled server, as production
// runs it), and a job still running when the grace runs out gives its lease back.
import { type ChildProcess, spawn } from 'node:child_process'
import http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { enqueueJob, registerJobHandler, releaseJobs, startJobRunner } from '../../server/jobs/jobs.server.ts'
import { captureLogs, logger } from '../../server/observability/logger.server.ts'
import { setDraining } from '../../server/observability/health.server.ts'
import { gracefulShutdown } from '../../server/observability/shutdown.server.ts'

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

/** Resolves with the first stdout line matching `pattern` (the server logs JSON lines). */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = ''
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      const line = buffered.split('\n').find((l) => pattern.test(l))
      if (line) {
        child.stdout!.off('data', onData)
        resolve(line)
      }
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before logging ${pattern}:\n${buffered}`)))
  })
}

let child: ChildProcess | undefined
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  child = undefined
})

describe('graceful shutdown', () => {
  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))('SIGTERM during a slow request: the request completes, new connections are refused, the process exits 0', async () => {
    const port = await freePort()
    child = spawn(process.execPath, ['build/server/main.js'], {
      env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: 'memory:', DEMO_SEED: 'false', LOG_FORMAT: 'json', PORT: String(port), SHUTDOWN_GRACE_S: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)))
    await waitForLine(child, /Accord is running/)
    const origin = `http://127.0.0.1:${port}`

    // A sign-in whose body arrives slowly: half now, the rest after the signal.
    const body = new URLSearchParams({ email: 'nobody@test.example', password: 'slow-request-password' }).toString()
    const answer = new Promise<number>((resolve, reject) => {
      const req = http.request(`${origin}/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), Origin: origin },
      })
      req.on('response', (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode!))
      })
      req.on('error', reject)
      req.write(body.slice(0, 10))
      ;(async () => {
        await new Promise((r) => setTimeout(r, 100))
        const stopping = waitForLine(child!, /shutting down/)
        child!.kill('SIGTERM')
        await stopping
        // Stopped accepting: a new connection is refused while the old request is still open.
        await expect(fetch(`${origin}/healthz`)).rejects.toThrow()
        req.end(body.slice(10))
      })().catch(reject)
    })
    expect(await answer).toBe(401)
    expect(await exited).toBe(0)
  }, 120_000)

  it('a job still running when the grace runs out gives its lease back at once; the runner claims no more', async () => {
    let release!: () => void
    const started = new Promise<void>((resolve) => {
      registerJobHandler('test.slow', () => {
        resolve()
        return new Promise<void>((r) => (release = r))
      })
    })
    const { job } = await enqueueJob('test.slow', {})
    const runner = startJobRunner({ pollMs: 20 })
    await started
    await enqueueJob('test.slow', { second: true })
    const log = logger()
    const logs = captureLogs()
    try {
      await gracefulShutdown({ server: undefined, runner, graceMs: 200, log, release: releaseJobs, closeDatabase: async () => {} })
    } finally {
      logs.stop()
      setDraining(false)
    }
    expect(logs.lines.join('\n')).toMatch(/lease was released/)
    const rows = await (await db()).job.findMany({ orderBy: { createdAt: 'asc' } })
    expect(rows.map((r) => [r.id === job.id, r.status, r.lockedBy, r.attempts])).toEqual([
      [true, 'queued', null, 0],
      [false, 'queued', null, 0],
    ])
    release()
    await runner.stop()
  })
})
