// `npm run bench`: every benchmark, each printing its figures beside its baseline from the same run.
import { benchSlaEngine } from './sla-engine.bench.ts'
import { benchSlaReport } from './sla-report.bench.ts'

const results = [await benchSlaEngine(), await benchSlaReport()]
console.log(`\n${results.filter(Boolean).length} of ${results.length} benchmarks met their targets`)
process.exit(0)
