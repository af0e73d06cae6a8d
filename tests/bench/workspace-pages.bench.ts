// The roadmap and responsibility-matrix loaders for a partnership with 500 roadmap items and 100 functions, under
// 50 users of whom every tenth request is an edit (by the MSP and the client in turn, so cached copies are rebuilt
// under load), beside two baselines in the same run on the same machine: a bare Node handler and a minimal Remix
// route with no data (the login page's loader, signed out), on the same server. Needs PostgreSQL (else SKIPPED).
//
// Two load models, both reported:
// - Saturation: 50 closed-loop clients back to back, no think time. The server is never idle, so each answer
//   waits behind the others' and p99 ≈ 50 × the server CPU per answer: the minimal Remix route alone (1.5–3.5 ms of
//   CPU per answer) misses 100 ms in this model. It measures capacity (requests per second, CPU per answer) and
//   how the mix compares with the minimal route; it is not 50 people.
// - 50 users with a think time of 1 s on average (exponential, so they do not act in step): someone working the
//   board acts every few seconds at most (TPC-W's browsing users think 7 s on average), so 1 s is pessimistic
//   yet leaves the server idle between bursts, as 50 people would.
// The target, p99 < 100 ms with every answer 2xx, is judged on the think-time figure, since it speaks of 50 users,
// and back to back not even the empty Remix route meets it; every answer of both mixed runs must be 2xx.
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
/** The think-time model's mean pause between a user's answer and their next request (see the header). */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1_000)

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

export async function benchWorkspacePages(): Promise<boolean> {
  const title = 'Workspace pages, 50 users, 10% edits'
  const url = await benchDatabase('accord_bench_pages')
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
    // Requests still being answered; the database closes only when none is (else they fail after the run's end).
    let inFlight = 0
    app.on('request', (_req, res: http.ServerResponse) => {
      inFlight++
      res.on('close', () => inFlight--)
    })
    const drained = async () => {
      for (let waited = 0; inFlight > 0 && waited < 30_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    // The items at their current versions: a run's edits must not be based on the versions a previous run replaced.
    const current = async () => db.prisma.roadmapItem.findMany({ where: { id: { in: items.map((i) => i.id) } }, select: { id: true, version: true } })
    // The server's CPU per answer (this process; the load generator runs in its own): a figure a machine busy with
    // other work inflates far less than latency.
    const cpuPer = async (run: () => Promise<LoadResult[]>) => {
      const before = process.cpuUsage()
      const [result] = await run()
      await drained()
      const used = process.cpuUsage(before)
      return { ...result, cpuMsPerRequest: (used.user + used.system) / 1000 / Math.max(1, result.requests) }
    }
    // Where a slow answer comes from: the server's one JavaScript thread blocked (event-loop delay), or requests
    // queued for a database connection (the pool's waiting count, sampled every 10 ms).
    const observed = async (run: () => Promise<LoadResult[]>) => {
      const lag = monitorEventLoopDelay({ resolution: 5 })
      // Connections taken from the pool (one per query outside a transaction, one per transaction): the database
      // work per answer, a count the machine's other load does not change.
      const pool = { maxWaiting: 0, samples: 0, waitingSamples: 0, checkouts: 0 }
      const checkout = () => pool.checkouts++
      db.pgPool?.on('acquire', checkout)
      const sampler = setInterval(() => {
        const waiting = db.pgPool?.waitingCount ?? 0
        pool.maxWaiting = Math.max(pool.maxWaiting, waiting)
        pool.samples++
        if (waiting > 0) pool.waitingSamples++
      }, 10)
      lag.enable()
      try {
        return { ...(await cpuPer(run)), lag, pool }
      } finally {
        lag.disable()
        clearInterval(sampler)
        db.pgPool?.off('acquire', checkout)
      }
    }
    const bareRead = { targets: [bareUrl], reads: [{ path: '/' }], writeEvery: 0 }
    const minimalRead = { targets: [appUrl], reads: [{ path: `/login?_data=${encodeURIComponent('routes/login')}` }], writeEvery: 0 }
    const mix = async () => ({ targets: [appUrl], reads: READS, writeEvery: 10, items: await current(), cookies, tokens })
    const baseline = await cpuPer(() => mixedLoad({ ...load, ...bareRead }))
    const minimal = await cpuPer(() => mixedLoad({ ...load, ...minimalRead }))
    const mixed = await observed(async () => mixedLoad({ ...load, ...(await mix()) }))
    // At ~50 answers a second, 10 s give ~500 answers, whose p99 is their 5th slowest (one quiet run read 146 ms,
    // the next 30-s run 55 ms): 30 s at least, so the p99 rests on ~15 answers.
    const paced = { connections: 50, seconds: Math.max(30, DURATION), thinkMs: THINK_MS }
    const pacedBaseline = await cpuPer(() => mixedLoad({ ...paced, ...bareRead }))
    const pacedMinimal = await cpuPer(() => mixedLoad({ ...paced, ...minimalRead }))
    const pacedMixed = await observed(async () => mixedLoad({ ...paced, ...(await mix()) }))
    const ms = (ns: number) => (ns / 1e6).toFixed(0)
    const line = (r: LoadResult & { cpuMsPerRequest: number }) =>
      `p50 ${r.p50} ms · p99 ${r.p99} ms · ${Math.round(r.rps)} req/s · ${r.requests} requests · server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request`
    const detail = (r: Awaited<ReturnType<typeof observed>>): Array<[string, string]> => [
      ...(r.p50ByKind ? [['  p50 by request', Object.entries(r.p50ByKind).map(([k, v]) => `${k} ${v} ms`).join(' · ')] as [string, string]] : []),
      ['  answers not 2xx / ≥ 500 / errors', `${r.non2xx} / ${fiveHundreds(r)} / ${r.errors}`],
      ['  server event-loop delay', `p50 ${ms(r.lag.percentile(50))} ms · p99 ${ms(r.lag.percentile(99))} ms · max ${ms(r.lag.max)} ms`],
      ['  database pool (10 connections)', `${r.pool.maxWaiting} requests waiting at most; some waiting in ${((100 * r.pool.waitingSamples) / Math.max(1, r.pool.samples)).toFixed(0)}% of samples; ${(r.pool.checkouts / Math.max(1, r.requests)).toFixed(2)} checkouts per answer`],
    ]
    const bad = mixed.non2xx + mixed.errors + pacedMixed.non2xx + pacedMixed.errors
    return report(
      `${title}, on PostgreSQL`,
      [
        [`load model 1, saturation (capacity, not judged): 50 clients back to back, no think time, ${DURATION} s`, ''],
        ['baseline: bare Node handler', line(baseline)],
        ['baseline: minimal Remix route', line(minimal)],
        ['roadmap + matrix reads, 10% edits', line(mixed)],
        ...detail(mixed),
        ['p99 ratio mixed / minimal Remix', `${(mixed.p99 / Math.max(1, minimal.p99)).toFixed(1)}×`],
        ['CPU ratio mixed / minimal Remix', `${(mixed.cpuMsPerRequest / Math.max(0.001, minimal.cpuMsPerRequest)).toFixed(2)}× per answer`],
        [`load model 2, 50 users (the target is judged here): think time ${THINK_MS} ms (mean, exponential), ${paced.seconds} s`, ''],
        ['baseline: bare Node handler', line(pacedBaseline)],
        ['baseline: minimal Remix route', line(pacedMinimal)],
        ['roadmap + matrix reads, 10% edits', line(pacedMixed)],
        ...detail(pacedMixed),
        ['p99 ratio mixed / minimal Remix', `${(pacedMixed.p99 / Math.max(1, pacedMinimal.p99)).toFixed(1)}×`],
      ],
      {
        ok: pacedMixed.p99 < 100 && bad === 0,
        text: `target judged on load model 2 (50 users with think time): p99 < 100 ms and every answer of both mixed runs 2xx; measured p99 ${pacedMixed.p99} ms, ${bad} not 2xx or failed. Load model 1 (saturation, not judged): p99 ${mixed.p99} ms, ${(mixed.p99 / Math.max(1, minimal.p99)).toFixed(1)}× the minimal Remix route's ${minimal.p99} ms`,
      },
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
