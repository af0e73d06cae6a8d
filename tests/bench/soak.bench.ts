// Soak: two instances of the compiled server (as production runs them) on one PostgreSQL database, 50 users of
// mixed traffic (workspace reads, every tenth request an edit by the MSP or the client) for SOAK_MINUTES (default
// 10), measured minute by minute. Targets: no answer ≥ 500 and no failed request; each instance's resident memory
// at the end within 10% of the start (after the first, warming minute). Reports the p99 of each minute.
// `npm run bench:soak` (it is not part of `npm run bench`: it takes ten minutes). Needs PostgreSQL (else SKIPPED).
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { closeDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { benchDatabase, report, runIfMain, skipped } from './lib.ts'
import { CLIENT_EMAIL, MSP_EMAIL, READS, fiveHundreds, mixedLoad, seedWorkspace, signInAs } from './workspace-fixture.ts'

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10)
const METRICS_TOKEN = randomBytes(16).toString('hex')

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

/** The instances' error lines (JSON, level ≥ 50), to explain an answer ≥ 500. */
const errorLines: string[] = []

async function startInstance(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['build/server/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DEMO_SEED: 'false',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      APP_URL: url,
      CONNECTOR_SECRET_KEY: randomBytes(32).toString('base64'),
      METRICS_TOKEN,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let partial = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) if (/"level":(5|6)\d/.test(line) && errorLines.length < 1000) errorLines.push(line)
  })
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the instance on ${url} exited (${child.exitCode})`)
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { url, child }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`the instance on ${url} did not start`)
}

async function rss(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text()
  return Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1] ?? NaN)
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

export async function benchSoak(): Promise<boolean> {
  const title = `Soak: 2 instances, 50 users, mixed traffic, ${MINUTES} min`
  const databaseUrl = await benchDatabase('accord_bench_soak')
  if (!databaseUrl) return skipped(title, 'no PostgreSQL server (set BENCH_DATABASE_URL)')
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl }, { maxConnections: 2 })
  setDatabase(database)
  const instances: Array<{ url: string; child: ChildProcess }> = []
  try {
    await applyMigrations(database)
    const { tokens, items } = await seedWorkspace(database.prisma)
    instances.push(await startInstance(databaseUrl), await startInstance(databaseUrl))
    const targets = instances.map((i) => i.url)
    const cookies = { msp: await signInAs(targets[0], MSP_EMAIL), client: await signInAs(targets[1], CLIENT_EMAIL) }
    const idle = await Promise.all(targets.map(rss))
    const rows: Array<[string, string]> = [['RSS idle (A, B)', idle.map(mb).join(', ')]]
    let start: number[] = []
    const statuses: Record<string, number> = {}
    let failures = 0
    let fives = 0
    let requests = 0
    for (let minute = 1; minute <= MINUTES; minute++) {
      const results = await mixedLoad({ targets, connections: 50, seconds: 60, reads: READS, writeEvery: 10, items, cookies, tokens })
      const memory = await Promise.all(targets.map(rss))
      if (minute === 1) start = memory
      for (const r of results) for (const [code, count] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + count
      fives += results.reduce((n, r) => n + fiveHundreds(r), 0)
      failures += results.reduce((n, r) => n + r.errors + r.timeouts, 0)
      requests += results.reduce((n, r) => n + r.requests, 0)
      rows.push([
        `minute ${minute}: p99 A / B`,
        `${results.map((r) => `${r.p99} ms`).join(' / ')} · ${results.reduce((n, r) => n + r.requests, 0)} requests · non-2xx ${results.reduce((n, r) => n + r.non2xx, 0)} · RSS ${memory.map(mb).join(', ')}`,
      ])
      if (minute === MINUTES) {
        const growth = memory.map((m, i) => m / start[i] - 1)
        rows.push(['RSS start → end (A, B)', memory.map((m, i) => `${mb(start[i])} → ${mb(m)} (${(growth[i] * 100).toFixed(1)}%)`).join(', ')])
        rows.push(['answers ≥ 500 / failed requests', `${fives} / ${failures} of ${requests}`])
        rows.push(['answers by status', Object.entries(statuses).map(([code, n]) => `${code}: ${n}`).join(', ')])
        const messages = new Map<string, number>()
        for (const line of errorLines) {
          const { msg, err } = JSON.parse(line) as { msg?: string; err?: { message?: string } }
          const key = `${msg ?? ''}: ${err?.message?.slice(0, 160) ?? ''}`
          messages.set(key, (messages.get(key) ?? 0) + 1)
        }
        for (const [message, count] of messages) rows.push([`  logged error ×${count}`, message])
        const flat = growth.every((g) => Math.abs(g) <= 0.1)
        return report(title, rows, {
          ok: fives === 0 && failures === 0 && flat,
          text: `target 0 answers ≥ 500, 0 failed, RSS flat within 10%: ${fives} ≥ 500, ${failures} failed, RSS ${growth.map((g) => `${(g * 100).toFixed(1)}%`).join(' and ')}`,
        })
      }
    }
    return false
  } finally {
    for (const i of instances) i.child.kill('SIGTERM')
    await Promise.all(instances.map((i) => new Promise((r) => (i.child.exitCode !== null ? r(null) : i.child.once('exit', r)))))
    await closeDatabase()
  }
}

await runIfMain(import.meta.url, benchSoak)
