// `npm run bench`: every benchmark, each printing its figures beside its baseline from the same run. Each runs in a
// process of its own, so that none inherits another's heap: a collector sized by the 100,000-ticket report would
// otherwise change the memory and timing figures of whatever came after it.
// Needs `npm run build` first (the page benchmark serves the built app).
import { spawnSync } from 'node:child_process'
import path from 'node:path'

// The soak (tests/bench/soak.bench.ts, 10 minutes by default) runs apart: `npm run bench:soak`.
const BENCHMARKS = ['sla-engine', 'sla-report', 'sla-reevaluate', 'portfolio', 'service-kpis', 'csv-import', 'psa-sync', 'workspace-pages', 'pack', 'emails']
const here = path.dirname(new URL(import.meta.url).pathname)

const outcomes = BENCHMARKS.map((name) => {
  // The same Node and loader (tsx) as this process.
  const run = spawnSync(process.execPath, [...process.execArgv, path.join(here, `${name}.bench.ts`)], { stdio: 'inherit' })
  if (run.status !== 0 && run.status !== 1) console.log(`  ERROR: ${name} ended with ${run.signal ?? `exit code ${run.status}`}`)
  return run.status === 0
})
const met = outcomes.filter(Boolean).length
console.log(`\n${met} of ${BENCHMARKS.length} benchmarks met their targets`)
// Non-zero when any missed its target, failed, or was skipped without BENCH_ALLOW_SKIP=1.
process.exit(met === BENCHMARKS.length ? 0 : 1)
