// sla.report for a partnership with 100,000 tickets in the quarter, on PostgreSQL, against reading the same rows the
// way the report reads them (its own query, rows as arrays through the driver) in the same run. Target: the report
// takes at most 2× that read.
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { closeDatabase, openDatabase, queryArrays, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { generateDemoTickets } from '../../server/demo/demo-tickets.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { slaReport } from '../../server/sla/sla-report.server.ts'
import { scanTickets, scanTicketsQuery } from '../../server/tickets/scan-tickets.server.ts'
import { periodBounds } from '../../server/sla/periods.ts'
import { upsertTicketBatch } from '../../server/tickets/upsert-tickets.server.ts'
import { benchDatabase, skipped, median, report, runIfMain, timeRuns } from './lib.ts'


export async function benchSlaReport(count = 100_000): Promise<boolean> {
  const url = await benchDatabase('accord_bench')
  if (!url) return skipped('sla.report', 'no PostgreSQL server (set BENCH_DATABASE_URL)')
  const database = await openDatabase({ kind: 'postgres', url })
  setDatabase(database)
  try {
    await applyMigrations(database)
    const prisma = database.prisma
    const msp = await prisma.organization.create({ data: { kind: 'MSP', slug: 'bench-msp', name: 'Bench MSP' } })
    const client = await prisma.organization.create({ data: { kind: 'CLIENT', slug: 'bench-client', name: 'Bench Client' } })
    const p = await prisma.partnership.create({ data: { slug: 'bench', mspOrgId: msp.id, clientOrgId: client.id } })
    await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: 'Standard', definition: DEMO_POLICY as object, createdByLabel: 'bench' } })
    const { start, end } = periodBounds(DEMO_POLICY.timezone, { quarter: '2026-Q3' })
    // About 1,100 tickets a day over the quarter's 92 days.
    const tickets = generateDemoTickets({ seed: 'bench', policy: DEMO_POLICY, from: start, to: end, perDay: Math.ceil(count / 70), assignees: ['A', 'B', 'C', 'D'], vendorVerdicts: true }).slice(0, count)
    for (let i = 0; i < tickets.length; i += 1000) await prisma.$transaction((tx) => upsertTicketBatch(tx, p.id, 'psa', tickets.slice(i, i + 1000)))
    await prisma.$executeRawUnsafe('ANALYZE "Ticket"')
    const scope = await unsafeOperatorScope('bench')
    const input = { slug: 'bench', quarter: '2026-Q3', asOf: new Date(end + 86_400_000).toISOString() }
    let rows = 0
    let listed = 0
    // The baseline: the same rows read the way the report reads them, its own query through the driver with rows as
    // arrays, and nothing done with them.
    const { sql, params } = scanTicketsQuery(p.id, { createdBefore: end, openAt: start })
    const select = async () => {
      rows = (await queryArrays(sql, params)).length
    }
    // For the reader: the report's own read alone (rows as arrays through the driver, instants as numbers).
    let scanned = 0
    const scan = async () => {
      scanned = (await scanTickets(p.id, { createdBefore: end, openAt: start })).length
    }
    const full = async () => {
      listed = (await slaReport(scope, input)).tickets.length
    }
    // Interleaved pairs, so that both sides of each ratio see the same machine (other load comes and goes).
    for (let i = 0; i < 2; i++) {
      await select()
      await scan()
      await full()
    }
    const selectTimes: number[] = []
    const scanTimes: number[] = []
    const fullTimes: number[] = []
    const ratios: number[] = []
    for (let i = 0; i < 9; i++) {
      const [a] = await timeRuns(select, 1, 0)
      const [s] = await timeRuns(scan, 1, 0)
      const [b] = await timeRuns(full, 1, 0)
      selectTimes.push(a)
      scanTimes.push(s)
      fullTimes.push(b)
      ratios.push(b / a)
    }
    if (scanned !== rows) throw new Error(`The scan read ${scanned} rows, the SELECT ${rows}`)
    const ratio = median(ratios.sort((x, y) => x - y))
    return report(
      `sla.report on PostgreSQL: ${tickets.length.toLocaleString('en-US')} tickets in 2026-Q3`,
      [
        ['baseline: the same rows, read as the report reads', `median ${median(selectTimes.sort((x, y) => x - y)).toFixed(0)} ms (${rows.toLocaleString('en-US')} rows)`],
        ["  the read and its decoding to columns", `median ${median(scanTimes.sort((x, y) => x - y)).toFixed(0)} ms (${scanned.toLocaleString('en-US')} rows as arrays)`],
        ['sla.report (query + verdicts + totals)', `median ${median(fullTimes.sort((x, y) => x - y)).toFixed(0)} ms (${listed.toLocaleString('en-US')} tickets listed)`],
        ['ratio report / baseline read', `median of 9 interleaved pairs ${ratio.toFixed(2)}× (range ${ratios[0].toFixed(2)}–${ratios[ratios.length - 1].toFixed(2)})`],
      ],
      { ok: ratio <= 2, text: `target ≤ 2× reading the same rows, measured ${ratio.toFixed(2)}×` },
    )
  } finally {
    await closeDatabase()
  }
}

await runIfMain(import.meta.url, benchSlaReport)
