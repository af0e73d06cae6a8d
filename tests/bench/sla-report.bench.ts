// sla.report for a partnership with 100,000 tickets in the quarter, on PostgreSQL, from the stored verdicts (ADR
// 022), against the scan path it replaced (every row read and evaluated by the engine) in the same run, with the
// figures checked equal (totals, the lists' counts and first pages). Target: the report (aggregate, tickets: false) takes at most 60 ms; the ratio is printed.
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { closeDatabase, openDatabase, queryArrays, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { generateDemoTickets } from '../../server/demo/demo-tickets.ts'
import { agreedAttainment } from '../../server/disputes/agreed-attainment.ts'
import { calendarFor } from '../../server/sla/calendar.ts'
import { evaluateColumns } from '../../server/sla/engine.ts'
import { periodFigures } from '../../server/sla/period-report.ts'
import { MonthIndex } from '../../server/sla/periods.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { slaReport } from '../../server/sla/sla-report.server.ts'
import { REPORT_PAGE } from '../../server/sla/report-lists.ts'
import { scanTickets } from '../../server/tickets/scan-tickets.server.ts'
import { periodBounds } from '../../server/sla/periods.ts'
import { upsertTicketBatch } from '../../server/tickets/upsert-tickets.server.ts'
import { benchDatabase, median, report, runIfMain, skipped, timeRuns } from './lib.ts'


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
    const asOf = end + 86_400_000
    const input = { slug: 'bench', quarter: '2026-Q3', asOf: new Date(asOf).toISOString(), tickets: false }
    const months = new MonthIndex(DEMO_POLICY.timezone, start, end - 1)
    // The baseline: the scan path sla.report took before stored verdicts, the same work (totals, agreed totals,
    // breaches, disagreements) from every row of the quarter read and evaluated by the engine.
    let baseline: ReturnType<typeof periodFigures> | null = null
    let rows = 0
    const scanPath = async () => {
      const scan = await scanTickets(p.id, { createdBefore: Math.min(end, asOf + 1), openAt: start })
      const table = evaluateColumns(calendarFor(DEMO_POLICY), DEMO_POLICY, scan, asOf)
      baseline = periodFigures(scan, table, { start, end, months, listTickets: false })
      agreedAttainment(scan, table, new Map(), { start, end, months }, baseline.totals)
      rows = scan.length
    }
    let stored: Awaited<ReturnType<typeof slaReport>> | null = null
    const full = async () => {
      stored = await slaReport(scope, input)
    }
    // Interleaved pairs, so that both sides of each ratio see the same machine (other load comes and goes).
    for (let i = 0; i < 3; i++) {
      await scanPath()
      await full()
    }
    const scanTimes: number[] = []
    const fullTimes: number[] = []
    const ratios: number[] = []
    for (let i = 0; i < 15; i++) {
      const [a] = await timeRuns(scanPath, 1, 0)
      const [b] = await timeRuns(full, 1, 0)
      scanTimes.push(a)
      fullTimes.push(b)
      ratios.push(a / b)
    }
    const r = stored as unknown as Awaited<ReturnType<typeof slaReport>>
    const b = baseline as unknown as ReturnType<typeof periodFigures>
    // The report lists counts and a first page (ADR 030): the baseline's totals, counts and first items.
    const same =
      JSON.stringify([r.totals, r.breaches, r.disagreements, r.counts.considered, r.counts.breaches, r.counts.disagreements]) ===
      JSON.stringify([b.totals, b.breaches.slice(0, REPORT_PAGE), b.disagreements.slice(0, REPORT_PAGE), rows, b.breaches.length, b.disagreements.length])
    const p50 = median(fullTimes.sort((x, y) => x - y))
    const p95 = fullTimes[Math.min(fullTimes.length - 1, Math.ceil(fullTimes.length * 0.95) - 1)]
    const ratio = median(ratios.sort((x, y) => x - y))
    return report(
      `sla.report on PostgreSQL: ${tickets.length.toLocaleString('en-US')} tickets in 2026-Q3 (stored verdicts)`,
      [
        ['baseline: scan + engine (before)', `median ${median(scanTimes.sort((x, y) => x - y)).toFixed(1)} ms (${rows.toLocaleString('en-US')} rows read and evaluated)`],
        ['sla.report from stored verdicts', `median ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (range ${fullTimes[0].toFixed(1)}–${fullTimes[fullTimes.length - 1].toFixed(1)}); ${r.counts.breaches.toLocaleString('en-US')} breaches and ${r.counts.disagreements.toLocaleString('en-US')} disagreements counted, the first ${REPORT_PAGE} of each listed`],
        ['ratio scan path / stored', `median of 15 interleaved pairs ${ratio.toFixed(1)}× faster`],
        ['figures equal to the scan path', same ? 'yes (totals, list counts and first pages, rows considered)' : 'NO'],
      ],
      { ok: same && p50 <= 60, text: `target ≤ 60 ms with the scan path's figures, measured ${p50.toFixed(1)} ms${same ? '' : ' (FIGURES DIFFER)'}` },
    )
  } finally {
    await closeDatabase()
  }
}

await runIfMain(import.meta.url, benchSlaReport)
