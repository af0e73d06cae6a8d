import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
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
  const buildPath = path.join(ROOT, 'build/index.js')
  const build = (await import(/* @vite-ignore */ pathToFileURL(buildPath).href)) as ServerBuild
  const app = createApp(build, { root: ROOT, limits: options.limits })
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  // fetch reuses idle connections; a test's setup can outlast Node's 5 s keep-alive, and on a loaded machine the
  // server's close of an idle socket then races the next request (ECONNRESET). Idle sockets live as long as a test.
  server.keepAliveTimeout = 120_000
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  }
}
