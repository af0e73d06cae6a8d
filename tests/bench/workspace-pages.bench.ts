// The roadmap and responsibility-matrix loaders for a partnership with 500 roadmap items and 100 functions, under
// 50 concurrent users of whom every tenth request is an edit (by the MSP and the client in turn, so cached copies
// are rebuilt under load), beside two baselines in the same run on the same machine: a bare Node handler and a
// minimal Remix route with no data (the login page's loader, signed out), on the same server.
// Target: p99 < 100 ms for the mixed traffic. Needs PostgreSQL (else SKIPPED).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { closeDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { createApp } from '../../server/http/app.server.ts'
import { benchDatabase, report, runIfMain, skipped } from './lib.ts'
import { CLIENT_EMAIL, type LoadResult, MSP_EMAIL, READS, fiveHundreds, mixedLoad, seedWorkspace, signInAs } from './workspace-fixture.ts'

const DURATION = Number(process.env.BENCH_SECONDS ?? 5)

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

export async function benchWorkspacePages(): Promise<boolean> {
  const title = 'Workspace pages, 50 users, 10% edits'
  const url = await benchDatabase(`${process.env.ACCORD_TEST_DB_TAG ?? ''}accord_bench_pages`)
  if (!url) return skipped(title, 'no PostgreSQL server (set BENCH_DATABASE_URL)')
  const db = await openDatabase({ kind: 'postgres', url }, { maxConnections: 10 })
  setDatabase(db)
  process.env.LOG_LEVEL ??= 'warn'
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end('{"ok":true}')
  })
  let app: http.Server | undefined
  try {
    await applyMigrations(db)
    const { tokens, items } = await seedWorkspace(db.prisma)
    const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
    // Served as `npm start` serves it: production mode.
    app = http.createServer(createApp(build, { root: process.cwd(), mode: 'production' }))
    const appUrl = await listen(app)
    const bareUrl = await listen(bare)
    const cookies = { msp: await signInAs(appUrl, MSP_EMAIL), client: await signInAs(appUrl, CLIENT_EMAIL) }
    const check = await fetch(`${appUrl}${READS[0].path}`, { headers: { cookie: cookies.client } })
    const count = ((await check.json()) as { items: unknown[] }).items.length
    if (count !== 500) throw new Error(`the roadmap loader returned ${count} items`)

    const load = { connections: 50, seconds: DURATION }
    // The server's CPU per answer (this process; the load generator runs in its own): a figure a machine busy with
    // other work inflates far less than latency.
    const cpuPer = async (run: () => Promise<LoadResult[]>) => {
      const before = process.cpuUsage()
      const [result] = await run()
      const used = process.cpuUsage(before)
      return { ...result, cpuMsPerRequest: (used.user + used.system) / 1000 / Math.max(1, result.requests) }
    }
    const baseline = await cpuPer(() => mixedLoad({ ...load, targets: [bareUrl], reads: [{ path: '/' }], writeEvery: 0 }))
    const minimal = await cpuPer(() => mixedLoad({ ...load, targets: [appUrl], reads: [{ path: `/login?_data=${encodeURIComponent('routes/login')}` }], writeEvery: 0 }))
    // Where a slow answer comes from: the server's one JavaScript thread blocked (event-loop delay), or requests
    // queued for a database connection (the pool's waiting count, sampled every 10 ms).
    const lag = monitorEventLoopDelay({ resolution: 5 })
    const pool = { maxWaiting: 0, samples: 0, waitingSamples: 0 }
    const sampler = setInterval(() => {
      const waiting = db.pgPool?.waitingCount ?? 0
      pool.maxWaiting = Math.max(pool.maxWaiting, waiting)
      pool.samples++
      if (waiting > 0) pool.waitingSamples++
    }, 10)
    lag.enable()
    const mixed = await cpuPer(() => mixedLoad({ ...load, targets: [appUrl], reads: READS, writeEvery: 10, items, cookies, tokens }))
    lag.disable()
    clearInterval(sampler)
    const ms = (ns: number) => (ns / 1e6).toFixed(0)
    const line = (r: LoadResult & { cpuMsPerRequest: number }) =>
      `p50 ${r.p50} ms · p99 ${r.p99} ms · ${Math.round(r.rps)} req/s · ${r.requests} requests · server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request`
    const bad = mixed.non2xx + mixed.errors
    return report(
      `${title}, ${DURATION} s each, on PostgreSQL`,
      [
        ['baseline: bare Node handler', line(baseline)],
        ['baseline: minimal Remix route', line(minimal)],
        ['roadmap + matrix reads, 10% edits', line(mixed)],
        ['  answers not 2xx / ≥ 500 / errors', `${mixed.non2xx} / ${fiveHundreds(mixed)} / ${mixed.errors}`],
        ['  server event-loop delay (mixed run)', `p50 ${ms(lag.percentile(50))} ms · p99 ${ms(lag.percentile(99))} ms · max ${ms(lag.max)} ms`],
        ['  database pool (10 connections)', `${pool.maxWaiting} requests waiting at most; some waiting in ${((100 * pool.waitingSamples) / Math.max(1, pool.samples)).toFixed(0)}% of samples`],
        ['p99 ratio mixed / minimal Remix', `${(mixed.p99 / Math.max(1, minimal.p99)).toFixed(1)}×`],
      ],
      { ok: mixed.p99 < 100 && bad === 0, text: `target p99 < 100 ms with every answer 2xx, measured ${mixed.p99} ms, ${bad} not 2xx or failed` },
    )
  } finally {
    bare.close()
    if (app) {
      app.closeAllConnections()
      await new Promise((resolve) => app!.close(resolve))
    }
    await closeDatabase()
  }
}

await runIfMain(import.meta.url, benchWorkspacePages)
