// `npm run bench`: every benchmark, each printing its figures beside its baseline from the same run.
// Needs `npm run build` first (the page benchmark serves the built app).
import { benchCsvImport } from './csv-import.bench.ts'
import { benchPsaSync } from './psa-sync.bench.ts'
import { benchEmails } from './emails.bench.ts'
import { benchPack } from './pack.bench.ts'
import { benchSlaEngine } from './sla-engine.bench.ts'
import { benchSlaReport } from './sla-report.bench.ts'
import { benchWorkspacePages } from './workspace-pages.bench.ts'

const results = [
  await benchSlaEngine(),
  await benchSlaReport(),
  await benchCsvImport(),
  await benchPsaSync(),
  await benchWorkspacePages(),
  await benchPack(),
  await benchEmails(),
]
console.log(`\n${results.filter(Boolean).length} of ${results.length} benchmarks met their targets`)
process.exit(0)
