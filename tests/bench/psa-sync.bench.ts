// Syncing 10,000 tickets from the mock ConnectWise (10 Link-paged pages of 1,000, no artificial delay), each with
// an audit trail of 3 status changes (one of them a wait): the sync with status histories (one audit-trail call
// per ticket, pauses from them, upsert each page in one transaction with the cursor) against the same sync without
// histories, in the same run, into a partnership of its own; target: at most 2x. Then an incremental re-sync.
// Peak RSS shows memory stays bounded by a page.
import { performance } from 'node:perf_hooks'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { runSync } from '../../server/connectors/run-sync.server.ts'
import { saveConnection } from '../../server/connectors/save-connection.server.ts'
import { closeDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { CW_CREDENTIALS, CW_SITE, createMocks, cwStatusAudit, cwTicket, mockServer } from '../mocks/index.ts'
import { benchDatabase, report, runIfMain } from './lib.ts'

// The mocked PSA answers vendor host names without DNS (see tests/setup/env.ts).
process.env.ALLOW_PRIVATE_PSA_HOSTS ??= 'true'

export async function benchPsaSync(count = 10_000): Promise<boolean> {
  const mocks = createMocks({ connectwise: Array.from({ length: count }, (_, i) => cwTicket(i % 5000, { id: 100_000 + i })) })
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
  for (const t of mocks.connectwise.state.tickets) {
    const created = Date.parse((t._info as { dateEntered: string }).dateEntered)
    mocks.connectwise.state.audits.set(
      t.id,
      cwStatusAudit([
        { at: iso(created + 600_000), from: 'New', to: 'In Progress' },
        { at: iso(created + 3_600_000), from: 'In Progress', to: 'Waiting Customer' },
        { at: iso(created + 5 * 3_600_000), from: 'Waiting Customer', to: 'In Progress' },
      ]),
    )
  }
  const { server } = mockServer(mocks)
  server.listen({ onUnhandledRequest: 'bypass' })
  const url = await benchDatabase('accord_bench_psa')
  const database = url ? await openDatabase({ kind: 'postgres', url }) : await openDatabase({ kind: 'pglite', dataDir: null })
  setDatabase(database)
  try {
    await applyMigrations(database)
    const msp = await database.prisma.organization.create({ data: { kind: 'MSP', slug: 'psa-msp', name: 'PSA MSP' } })
    const client = await database.prisma.organization.create({ data: { kind: 'CLIENT', slug: 'psa-client', name: 'PSA Client' } })
    const partnership = await database.prisma.partnership.create({ data: { slug: 'psa-bench', mspOrgId: msp.id, clientOrgId: client.id } })
    const otherClient = await database.prisma.organization.create({ data: { kind: 'CLIENT', slug: 'psa-client-plain', name: 'PSA Client (no histories)' } })
    const plain = await database.prisma.partnership.create({ data: { slug: 'psa-bench-plain', mspOrgId: msp.id, clientOrgId: otherClient.id } })
    for (const slug of ['psa-bench', 'psa-bench-plain']) {
      const scope = await unsafeOperatorScope(slug)
      await saveConnection(scope, { userId: null, label: 'bench' }, { slug, kind: 'connectwise', baseUrl: CW_SITE, credentials: CW_CREDENTIALS, companies: ['250'] })
    }

    const rssBefore = process.memoryUsage().rss
    let peak = rssBefore
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    // CPU time of this process beside the wall clock: on a machine shared with other work the wall clock of
    // 10,000 in-process mock requests says more about the neighbours than about the sync.
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since)
      return (used.user + used.system) / 1000
    }
    let t0 = performance.now()
    let cpu0 = process.cpuUsage()
    const without = await runSync(plain.id, { statusHistory: false })
    const withoutMs = performance.now() - t0
    const withoutCpu = cpuMs(cpu0)
    t0 = performance.now()
    cpu0 = process.cpuUsage()
    const run = await runSync(partnership.id)
    const syncMs = performance.now() - t0
    const syncCpu = cpuMs(cpu0)
    const paused = await database.prisma.ticket.count({ where: { partnershipId: partnership.id, NOT: { pauses: { equals: [] } } } })
    t0 = performance.now()
    const again = await runSync(partnership.id)
    const againMs = performance.now() - t0
    clearInterval(timer)
    const stored = await database.prisma.ticket.count({ where: { partnershipId: partnership.id } })
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`
    return report(
      `PSA sync of ${count.toLocaleString('en-US')} ConnectWise tickets (mocked, no delay) on ${url ? 'PostgreSQL' : 'PGlite in memory'}`,
      [
        ['baseline: sync without histories', `${withoutMs.toFixed(0)} ms, CPU ${withoutCpu.toFixed(0)} ms (${without.pages} pages, ${without.inserted} inserted, status ${without.status})`],
        ['sync with status histories', `${syncMs.toFixed(0)} ms, CPU ${syncCpu.toFixed(0)} ms (${run.histories.toLocaleString('en-US')} histories, ${paused.toLocaleString('en-US')} tickets paused, status ${run.status})`],
        ['ratio with / without histories', `${(syncMs / withoutMs).toFixed(2)}× wall (target ≤ 2×), ${(syncCpu / withoutCpu).toFixed(2)}× CPU`],
        ['incremental re-sync', `${againMs.toFixed(0)} ms (${again.fetched} fetched, ${again.histories} histories, ${again.inserted + again.updated} written)`],
        ['RSS before → peak during syncs', `${mb(rssBefore)} → ${mb(peak)}`],
      ],
      {
        ok: run.status === 'succeeded' && without.status === 'succeeded' && stored === count && run.inserted === count && paused === count && again.inserted + again.updated === 0 && syncMs <= 2 * withoutMs,
        text: 'every ticket once with its pause, re-sync writes nothing, sync with histories ≤ 2× the sync without',
      },
    )
  } finally {
    server.close()
    await closeDatabase()
  }
}

await runIfMain(import.meta.url, benchPsaSync)
