// The roadmap and responsibility-matrix loaders for a partnership with 500 roadmap items and 100 functions, under
// 50 concurrent users (autocannon), beside a bare Node handler on the same machine in the same run.
// Target: p99 < 100 ms.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { execFile } from 'node:child_process'
import type autocannon from 'autocannon'
import { hashPassword } from '../../server/auth/password.server.ts'
import { closeDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { createApp } from '../../server/http/app.server.ts'
import { benchDatabase, report, runIfMain } from './lib.ts'

const DURATION = Number(process.env.BENCH_SECONDS ?? 5)

async function database() {
  const url = await benchDatabase('accord_bench_pages')
  if (url) return { db: await openDatabase({ kind: 'postgres', url }, { maxConnections: 10 }), label: 'PostgreSQL' }
  return { db: await openDatabase({ kind: 'pglite', dataDir: null }), label: 'PGlite (no PostgreSQL server found)' }
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

// The load generator runs in its own process, so that it does not share the server's one JavaScript thread.
async function load(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  const args = ['autocannon', '--json', '-c', '50', '-d', String(DURATION), ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]), url]
  const { stdout } = await run('npx', args)
  const result = JSON.parse(stdout) as autocannon.Result
  if (result.non2xx) throw new Error(`${url}: ${result.non2xx} non-2xx answers`)
  return result
}

function run(cmd: string, args: string[]): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 10 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve({ stdout })))
  })
}

export async function benchWorkspacePages(): Promise<boolean> {
  const { db, label } = await database()
  setDatabase(db)
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end('{"ok":true}')
  })
  let app: http.Server | undefined
  try {
    await applyMigrations(db)
    const prisma = db.prisma
    const msp = await prisma.organization.create({ data: { kind: 'MSP', slug: 'bench-msp', name: 'Bench MSP' } })
    const client = await prisma.organization.create({ data: { kind: 'CLIENT', slug: 'bench-client', name: 'Bench Client' } })
    const p = await prisma.partnership.create({ data: { slug: 'bench', mspOrgId: msp.id, clientOrgId: client.id } })
    const user = await prisma.user.create({ data: { email: 'bench@bench.example', name: 'Bench', passwordHash: await hashPassword('bench-password-1') } })
    await prisma.membership.create({ data: { organizationId: client.id, userId: user.id, role: 'CLIENT_EXECUTIVE' } })
    await prisma.roadmapItem.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        partnershipId: p.id,
        title: `Roadmap item ${i}`,
        description: 'A realistic paragraph of description text for the item. '.repeat(3),
        proposedBy: i % 2 ? 'MSP' : 'CLIENT',
        status: (['IDEA', 'PROPOSED', 'APPROVED', 'IN_PROGRESS'] as const)[i % 4],
        targetQuarter: `2027-Q${(i % 4) + 1}`,
        oneTimeCents: BigInt(100_000 * (i % 17)),
        recurringCents: BigInt(10_000 * (i % 5)),
      })),
    })
    await prisma.responsibilityFunction.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({
        partnershipId: p.id,
        category: `Category ${i % 8}`,
        name: `Function ${i}`,
        classification: (['STRATEGIC', 'TACTICAL', 'SHARED'] as const)[i % 3],
        mspRaci: i % 2 ? 'RA' : 'C',
        clientRaci: i % 2 ? 'I' : 'RA',
        slaPriorities: ['P2'],
        queues: ['Service Desk'],
      })),
    })

    const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
    // Served as `npm start` serves it: production mode.
    app = http.createServer(createApp(build, { root: process.cwd(), mode: 'production' }))
    const appUrl = await listen(app)
    const bareUrl = await listen(bare)
    const login = await fetch(`${appUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
      body: new URLSearchParams({ email: 'bench@bench.example', password: 'bench-password-1' }),
    })
    const cookie = login.headers.getSetCookie()[0].split(';')[0]
    // What a browser sends on a client-side navigation.
    const headers = { cookie, 'accept-encoding': 'gzip, deflate, br' }
    const roadmapUrl = `${appUrl}/p/bench/roadmap?_data=${encodeURIComponent('routes/p.$slug.roadmap._index')}`
    const matrixUrl = `${appUrl}/p/bench/workspace?_data=${encodeURIComponent('routes/p.$slug.workspace')}`
    const check = await fetch(roadmapUrl, { headers: { cookie } })
    const items = ((await check.json()) as { items: unknown[] }).items.length
    if (items !== 500) throw new Error(`the roadmap loader returned ${items} items`)

    const baseline = await load(bareUrl, {})
    const roadmap = await load(roadmapUrl, headers)
    const matrix = await load(matrixUrl, headers)
    const line = (r: autocannon.Result) =>
      `p50 ${r.latency.p50} ms · p99 ${r.latency.p99} ms · ${Math.round(r.requests.average)} req/s · ${(r.throughput.total / Math.max(1, r.requests.total) / 1024).toFixed(1)} kB/response`
    const worst = Math.max(roadmap.latency.p99, matrix.latency.p99)
    return report(
      `Workspace loaders, 50 concurrent users, ${DURATION} s each, on ${label}`,
      [
        ['baseline: bare Node handler', line(baseline)],
        ['roadmap loader (500 items)', line(roadmap)],
        ['matrix + CSI loader (100 functions)', line(matrix)],
        ['p99 ratio roadmap / bare', `${(roadmap.latency.p99 / Math.max(1, baseline.latency.p99)).toFixed(1)}×`],
      ],
      { ok: worst < 100, text: `target p99 < 100 ms, measured ${worst} ms` },
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
