import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { resetEnv } from '../../server/env.server.ts'
import { createApp } from '../../server/http/app.server.ts'
import type { BodyLimits } from '../../server/http/request-body.server.ts'
import { registerJobHandlers } from '../../server/jobs/register-jobs.server.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface TestServer {
  url: string
  close(): Promise<void>
}

/**
 * The real HTTP stack (express, CSRF check, Remix routes, tRPC) on an ephemeral port, over the test database.
 * Job handlers are registered as the server registers them, but no runner is started: a test runs the queued jobs
 * with `drainJobs()` when it chooses, so it sees every state in between (queued, then done) and no worker outlives
 * the test or races the reset of the database before the next one.
 */
export async function startTestServer(options: { limits?: Partial<BodyLimits> } = {}): Promise<TestServer> {
  registerJobHandlers()
  // The build bundles its own copy of the server's modules (environment, caches, limits). A worker runs its files in
  // one process (`isolate: false`), so each file loads a copy of its own, as a file in a process of its own would.
  const fileRun = (globalThis as { [k: symbol]: number | undefined })[Symbol.for('accord.test.fileRun')] ?? 0
  const buildPath = path.join(ROOT, 'build/index.js')
  const build = (await import(/* @vite-ignore */ `${pathToFileURL(buildPath).href}?file=${fileRun}`)) as ServerBuild
  const app = createApp(build, { root: ROOT, limits: options.limits })
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  // fetch reuses idle connections; a test's setup can outlast Node's 5 s keep-alive, and on a loaded machine the
  // server's close of an idle socket then races the next request (ECONNRESET). Idle sockets live as long as a test.
  server.keepAliveTimeout = 120_000
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  // As deployed: APP_URL is the server's own public origin, which every link and SSO redirect is built from (D4).
  const before = process.env.APP_URL
  process.env.APP_URL = url
  resetEnv()
  return {
    url,
    close: async () => {
      // Closing ends the connections still open too: a keep-alive socket (kept for 120 s above) must not hold the
      // close until it idles out (an afterAll timed out at 60 s on PostgreSQL that way).
      const closed = new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())))
      server.closeAllConnections()
      await closed
      if (before === undefined) delete process.env.APP_URL
      else process.env.APP_URL = before
      resetEnv()
    },
  }
}

/**
 * A whole server process (`server/main.ts`, as `npm run serve` starts it) on its own port, over `databaseUrl`: two of
 * these on one PostgreSQL database are two instances, sharing nothing but the database. The build must exist.
 */
export async function startServerProcess(databaseUrl: string): Promise<TestServer> {
  const { spawn } = await import('node:child_process')
  const net = await import('node:net')
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DEMO_SEED: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const read = (chunk: Buffer) => {
    output += chunk.toString()
  }
  child.stdout.on('data', read)
  child.stderr.on('data', read)
  // Ready when it answers /healthz (its log lines are not printed under NODE_ENV=test).
  let exited: number | null | undefined
  child.on('exit', (code) => {
    exited = code
  })
  const deadline = Date.now() + 60_000
  for (;;) {
    if (exited !== undefined) throw new Error(`server process exited (${exited}):\n${output}`)
    if (Date.now() > deadline) throw new Error(`server process did not start within 60 s:\n${output}`)
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
