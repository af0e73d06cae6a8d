// The pack's snapshot and PDF on the pack bench's database as it was left (run pack.bench.ts first), without seeding:
// wall time, this process's CPU, the CPU of this database's PostgreSQL backends (/proc, same machine) and the whole
// machine's busy CPU (/proc/stat) per snapshot, with the snapshot's and the PDF's SHA-256, to compare two trees on
// the same data. `PACK_CPU_RUNS` snapshots (default 15) after 3 warm ones.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import pg from 'pg'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { closeDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { buildPackSnapshot } from '../../server/pack/build-pack-snapshot.server.ts'
import { renderPack } from '../../server/pack/render-pack.ts'
import { benchDatabaseName, median } from './lib.ts'

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const name = benchDatabaseName('accord_pack_bench')
const url = new URL(base)
url.pathname = `/${name}`
const runs = Number(process.env.PACK_CPU_RUNS ?? 15)
// PACK_CPU_PDF=0: snapshots only (for a CPU profile of the snapshot alone).
const withPdf = process.env.PACK_CPU_PDF !== '0'

const machineBusyMs = () => {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number)
  return ((ticks.reduce((a, b) => a + b, 0) - ticks[3] - ticks[4]) * 1000) / 100
}
const hz = 100
const procCpuMs = (pid: number) => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / hz
  } catch {
    return 0
  }
}

const database = await openDatabase({ kind: 'postgres', url: url.toString() })
setDatabase(database)
const admin = new pg.Client({ connectionString: base })
await admin.connect()
const backends = async () => (await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [name])).rows.map((r) => r.pid as number)
const backendCpu = async () => (await backends()).reduce((s, pid) => s + procCpuMs(pid), 0)

const scope = await unsafeOperatorScope('bench')
const input = { slug: 'bench', quarter: '2026-Q3', asOf: '2026-10-05T12:00:00.000Z' }
let snapshot = await buildPackSnapshot(scope, input)
for (let i = 0; i < 2; i++) snapshot = await buildPackSnapshot(scope, input)
const pdf = await renderPack(snapshot)
const walls: number[] = []
const pdfWalls: number[] = []
const load0 = os.loadavg()[0]
const cpu0 = process.cpuUsage()
const be0 = await backendCpu()
const m0 = machineBusyMs()
let renderCpu = 0
let lastPdf = pdf
for (let i = 0; i < runs; i++) {
  const t = performance.now()
  snapshot = await buildPackSnapshot(scope, input)
  walls.push(performance.now() - t)
  const c = process.cpuUsage()
  const t2 = performance.now()
  if (withPdf) lastPdf = await renderPack(snapshot)
  pdfWalls.push(performance.now() - t2)
  const u = process.cpuUsage(c)
  renderCpu += (u.user + u.system) / 1000
}
const cpu = process.cpuUsage(cpu0)
const be = (await backendCpu()) - be0
const m = machineBusyMs() - m0
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
console.log(
  JSON.stringify({
    runs,
    load: `${load0.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`,
    snapshotWallP50: +median(sorted(walls)).toFixed(1),
    pdfWallP50: +median(sorted(pdfWalls)).toFixed(1),
    nodeSnapshotCpuMs: +(((cpu.user + cpu.system) / 1000 - renderCpu) / runs).toFixed(1),
    nodePdfCpuMs: +(renderCpu / runs).toFixed(1),
    pgBackendCpuMs: +(be / runs).toFixed(1),
    machineBusyMsPerRun: +(m / runs).toFixed(1),
    snapshotSha: createHash('sha256').update(JSON.stringify(snapshot)).digest('hex'),
    // The first render decodes the logo; the later ones reuse it (render/logo-image.ts): both must give the same bytes.
    pdfSha: createHash('sha256').update(pdf).digest('hex'),
    lastPdfSha: createHash('sha256').update(lastPdf).digest('hex'),
  }),
)
await admin.end()
await closeDatabase()
