// Syncing 10,000 tickets from a mocked ConnectWise (10 Link-paged pages of 1,000, no artificial delay), each with an
// audit trail of 3 status changes (one of them a wait): the sync with status histories (one audit-trail call per
// ticket, pauses from them, each page upserted in one transaction with the cursor) against the same sync without
// histories, measured in the same run; target: at most 2×. Then an incremental re-sync, which must write nothing.
//
// How it is measured, and why:
// - The mock PSA answers over loopback HTTP from a process of its own (psa-mock-server.ts), the same server for
//   both syncs. msw's in-process interception made each of the 10,000 history calls cost ~1.4 ms of the sync's
//   own CPU, which is the mock's cost, not the sync's; a socket per request is what a real PSA costs.
// - Each sync runs in a fresh process (psa-sync-run.ts) into a partnership of its own: no run inherits another's
//   heap or warmed-up code, and each peak RSS is that sync's own. Baseline and history runs alternate for
//   PSA_BENCH_ROUNDS rounds (default 3), the order flipped each round; the medians are compared.
// - The mock server counts the audit-trail calls it answered: every ticket's history must have been read.
import { type ChildProcessByStdio, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { saveConnection } from '../../server/connectors/save-connection.server.ts'
import { closeDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { CW_CREDENTIALS } from '../mocks/index.ts'
import { benchDatabase, report, runIfMain } from './lib.ts'
import type { MeasuredRun } from './psa-sync-run.ts'

// The mocked PSA is a loopback server in a child process: the SSRF rule would refuse it (see tests/setup/env.ts).
process.env.ALLOW_PRIVATE_PSA_HOSTS ??= 'true'

const here = path.dirname(new URL(import.meta.url).pathname)
type Child = ChildProcessByStdio<Writable, Readable, null>

function lines(child: Child): () => Promise<string> {
  let buffer = ''
  const waiting: Array<(line: string) => void> = []
  const ready: string[] = []
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    for (let cut = buffer.indexOf('\n'); cut >= 0; cut = buffer.indexOf('\n')) {
      const line = buffer.slice(0, cut)
      buffer = buffer.slice(cut + 1)
      const next = waiting.shift()
      if (next) next(line)
      else ready.push(line)
    }
  })
  return () => (ready.length ? Promise.resolve(ready.shift()!) : new Promise((resolve) => waiting.push(resolve)))
}

function tsx(script: string, args: string[], env: Record<string, string>): Child {
  // The same Node and loader (tsx) as this process.
  return spawn(process.execPath, [...process.execArgv, path.join(here, script), ...args], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } })
}

async function measure(partnershipId: string, mode: 'baseline' | 'history', databaseUrl: string): Promise<MeasuredRun> {
  const child = tsx('psa-sync-run.ts', [partnershipId, mode], { PSA_BENCH_DATABASE_URL: databaseUrl })
  child.stdin.end()
  const line = await lines(child)()
  return JSON.parse(line) as MeasuredRun
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export async function benchPsaSync(count = Number(process.env.PSA_BENCH_TICKETS ?? 10_000)): Promise<boolean> {
  const rounds = Number(process.env.PSA_BENCH_ROUNDS ?? 3)
  const mock = tsx('psa-mock-server.ts', [], { PSA_BENCH_TICKETS: String(count) })
  const mockLine = lines(mock)
  const port = Number((await mockLine()).replace('listening ', ''))
  const url = await benchDatabase('accord_bench_psa')
  const tmp = url ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-psa-'))
  const databaseUrl = url ?? `file:${path.join(tmp!, 'db')}`
  const open = () => (url ? openDatabase({ kind: 'postgres', url }) : openDatabase({ kind: 'pglite', dataDir: path.join(tmp!, 'db') }))
  try {
    let database = await open()
    setDatabase(database)
    await applyMigrations(database)
    const msp = await database.prisma.organization.create({ data: { kind: 'MSP', slug: 'psa-msp', name: 'PSA MSP' } })
    const ids: Record<string, string> = {}
    for (let r = 0; r < rounds; r++) {
      for (const mode of ['baseline', 'history']) {
        const slug = `psa-${mode}-${r}`
        const client = await database.prisma.organization.create({ data: { kind: 'CLIENT', slug, name: `PSA client ${slug}` } })
        ids[slug] = (await database.prisma.partnership.create({ data: { slug, mspOrgId: msp.id, clientOrgId: client.id } })).id
        const scope = await unsafeOperatorScope(slug)
        await saveConnection(scope, { userId: null, label: 'bench' }, { slug, kind: 'connectwise', baseUrl: `http://127.0.0.1:${port}`, credentials: CW_CREDENTIALS, companies: ['250'] })
      }
    }
    // The embedded database takes one process at a time.
    await closeDatabase()

    const runs: Record<'baseline' | 'history', MeasuredRun[]> = { baseline: [], history: [] }
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? (['baseline', 'history'] as const) : (['history', 'baseline'] as const)
      for (const mode of order) runs[mode].push(await measure(ids[`psa-${mode}-${r}`], mode, databaseUrl))
    }
    const again = await measure(ids[`psa-history-${rounds - 1}`], 'history', databaseUrl)
    mock.stdin.write('stats\n')
    const served = JSON.parse(await mockLine()) as { auditRequests: number; rssMb: number }

    database = await open()
    setDatabase(database)
    const last = ids[`psa-history-${rounds - 1}`]
    const stored = await database.prisma.ticket.count({ where: { partnershipId: last } })
    const paused = await database.prisma.ticket.count({ where: { partnershipId: last, NOT: { pauses: { equals: [] } } } })

    const wall = { baseline: median(runs.baseline.map((r) => r.wallMs)), history: median(runs.history.map((r) => r.wallMs)) }
    const cpu = { baseline: median(runs.baseline.map((r) => r.cpuMs)), history: median(runs.history.map((r) => r.cpuMs)) }
    const rss = { baseline: Math.max(...runs.baseline.map((r) => r.peakRssMb)), history: Math.max(...runs.history.map((r) => r.peakRssMb)) }
    const each = (rs: MeasuredRun[]) => rs.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')
    const allOk = [...runs.baseline, ...runs.history].every((r) => r.status === 'succeeded' && r.inserted === count)
    const historiesRead = runs.history.every((r) => r.histories === count) && served.auditRequests === rounds * count + again.histories
    const ratio = wall.history / wall.baseline
    return report(
      `PSA sync of ${count.toLocaleString('en-US')} ConnectWise tickets (mock over loopback HTTP, no delay) on ${url ? 'PostgreSQL' : 'PGlite'}, ${rounds} rounds`,
      [
        ['baseline: sync without histories', `median ${wall.baseline.toFixed(0)} ms, CPU ${cpu.baseline.toFixed(0)} ms (runs: ${each(runs.baseline)} s)`],
        ['sync with status histories', `median ${wall.history.toFixed(0)} ms, CPU ${cpu.history.toFixed(0)} ms (runs: ${each(runs.history)} s)`],
        ['histories read', `${runs.history[0].histories.toLocaleString('en-US')} per run; the mock answered ${served.auditRequests.toLocaleString('en-US')} audit-trail calls; ${paused.toLocaleString('en-US')} tickets paused`],
        ['ratio with / without histories', `${ratio.toFixed(2)}× wall (target ≤ 2×), ${(cpu.history / cpu.baseline).toFixed(2)}× CPU`],
        ['peak RSS of the syncing process', `${rss.baseline.toFixed(0)} MB without histories, ${rss.history.toFixed(0)} MB with (mock server: ${served.rssMb} MB)`],
        ['incremental re-sync', `${again.wallMs.toFixed(0)} ms (${again.fetched} fetched, ${again.histories} histories, ${again.inserted + again.updated} written)`],
      ],
      {
        ok: allOk && historiesRead && stored === count && paused === count && again.inserted + again.updated === 0 && ratio <= 2,
        text: 'every ticket once with its pause and every history read, re-sync writes nothing, sync with histories ≤ 2× the sync without',
      },
    )
  } finally {
    mock.stdin.end()
    await closeDatabase()
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  }
}

await runIfMain(import.meta.url, benchPsaSync)
