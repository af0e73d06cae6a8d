// One measured sync of the PSA benchmark, in a fresh process (psa-sync.bench.ts starts one per run): no run
// inherits another's heap or warmed-up code, so the baseline and the run with histories are measured alike, and the
// peak RSS is this run's own. Prints one JSON line.
import { performance } from 'node:perf_hooks'
import { runSync } from '../../server/connectors/run-sync.server.ts'
import { closeDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'

export interface MeasuredRun {
  wallMs: number
  cpuMs: number
  peakRssMb: number
  status: string
  pages: number
  fetched: number
  inserted: number
  updated: number
  histories: number
}

async function main() {
  const [partnershipId, mode] = process.argv.slice(2)
  const url = process.env.PSA_BENCH_DATABASE_URL
  const database = url?.startsWith('postgres') ? await openDatabase({ kind: 'postgres', url }) : await openDatabase({ kind: 'pglite', dataDir: url!.replace(/^file:/, '') })
  setDatabase(database)
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const run = await runSync(partnershipId, { statusHistory: mode !== 'baseline', full: process.argv[4] === 'full' })
  const wallMs = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  // The kernel's own high-water mark of this process (KiB): no sampling timer competing with the sync.
  const peak = process.resourceUsage().maxRSS * 1024
  if (process.env.PSA_BENCH_DEBUG) process.stderr.write(`${mode}: user ${(cpu.user / 1000).toFixed(0)} ms, sys ${(cpu.system / 1000).toFixed(0)} ms, ctx ${JSON.stringify({ vol: process.resourceUsage().voluntaryContextSwitches, invol: process.resourceUsage().involuntaryContextSwitches })}\n`)
  await closeDatabase()
  const out: MeasuredRun = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: peak / 1048576,
    status: run.status,
    pages: run.pages,
    fetched: run.fetched,
    inserted: run.inserted,
    updated: run.updated,
    histories: run.histories,
  }
  process.stdout.write(`${JSON.stringify(out)}\n`)
  process.exit(0)
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
