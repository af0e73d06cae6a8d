// Syncing 10,000 tickets from the mock ConnectWise (10 Link-paged pages of 1,000, no artificial delay): the
// full sync (map, normalise, upsert each page in one transaction with the cursor) against a baseline in the same
// run that fetches, parses and maps the same pages without writing them; then an incremental re-sync. Peak RSS
// shows memory stays bounded by a page, not by the whole sync.
import { performance } from 'node:perf_hooks'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { connectorFor } from '../../server/connectors/connection-store.server.ts'
import { runSync } from '../../server/connectors/run-sync.server.ts'
import { saveConnection } from '../../server/connectors/save-connection.server.ts'
import { closeDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { CW_CREDENTIALS, CW_SITE, createMocks, cwTicket, mockServer } from '../mocks/index.ts'
import { benchDatabase, report, runIfMain } from './lib.ts'

export async function benchPsaSync(count = 10_000): Promise<boolean> {
  const { server } = mockServer(createMocks({ connectwise: Array.from({ length: count }, (_, i) => cwTicket(i % 5000, { id: 100_000 + i })) }))
  server.listen({ onUnhandledRequest: 'bypass' })
  const url = await benchDatabase('accord_bench_psa')
  const database = url ? await openDatabase({ kind: 'postgres', url }) : await openDatabase({ kind: 'pglite', dataDir: null })
  setDatabase(database)
  try {
    await applyMigrations(database)
    const msp = await database.prisma.organization.create({ data: { kind: 'MSP', slug: 'psa-msp', name: 'PSA MSP' } })
    const client = await database.prisma.organization.create({ data: { kind: 'CLIENT', slug: 'psa-client', name: 'PSA Client' } })
    const partnership = await database.prisma.partnership.create({ data: { slug: 'psa-bench', mspOrgId: msp.id, clientOrgId: client.id } })
    const scope = await unsafeOperatorScope('psa-bench')
    await saveConnection(scope, { userId: null, label: 'bench' }, { slug: scope.slug, kind: 'connectwise', baseUrl: CW_SITE, credentials: CW_CREDENTIALS, companies: ['250'] })
    const connection = await database.prisma.psaConnection.findUniqueOrThrow({ where: { partnershipId: partnership.id } })

    let t0 = performance.now()
    let mapped = 0
    for await (const page of connectorFor(connection).listChangedTickets(null, null)) mapped += page.tickets.length
    const baselineMs = performance.now() - t0

    const rssBefore = process.memoryUsage().rss
    let peak = rssBefore
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    t0 = performance.now()
    const run = await runSync(partnership.id)
    const syncMs = performance.now() - t0
    t0 = performance.now()
    const again = await runSync(partnership.id)
    const againMs = performance.now() - t0
    t0 = performance.now()
    const full = await runSync(partnership.id, { full: true })
    const fullMs = performance.now() - t0
    clearInterval(timer)
    const stored = await database.prisma.ticket.count({ where: { partnershipId: partnership.id } })
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`
    return report(
      `PSA sync of ${count.toLocaleString('en-US')} ConnectWise tickets (mocked, no delay) on ${url ? 'PostgreSQL' : 'PGlite in memory'}`,
      [
        ['baseline: fetch + parse + map only', `${baselineMs.toFixed(0)} ms (${mapped.toLocaleString('en-US')} tickets)`],
        ['sync (map, normalise, upsert)', `${syncMs.toFixed(0)} ms (${run.pages} pages, ${run.inserted} inserted, status ${run.status})`],
        ['incremental re-sync', `${againMs.toFixed(0)} ms (${again.fetched} fetched, ${again.inserted + again.updated} written)`],
        ['full re-sync (--full)', `${fullMs.toFixed(0)} ms (${full.unchanged} unchanged, ${full.inserted + full.updated} written)`],
        ['ratio sync / baseline', `${(syncMs / baselineMs).toFixed(1)}×`],
        ['RSS before → peak during syncs', `${mb(rssBefore)} → ${mb(peak)}`],
      ],
      {
        ok: run.status === 'succeeded' && stored === count && run.inserted === count && full.unchanged === count && syncMs < 5000,
        text: 'every ticket once, re-sync writes nothing, sync < 5 s',
      },
    )
  } finally {
    server.close()
    await closeDatabase()
  }
}

await runIfMain(import.meta.url, benchPsaSync)
