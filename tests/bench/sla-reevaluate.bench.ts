// Re-evaluation of stored verdicts after a policy change (ADR 022), for a partnership with 100,000 tickets, on
// PostgreSQL: the time and the rate, beside the same tickets evaluated by the engine alone in memory (the floor of
// the work) in the same run. Target: the job finishes, every ticket ends on the new version, and reports move to it.
import { performance } from 'node:perf_hooks'
import { closeDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { generateDemoTickets } from '../../server/demo/demo-tickets.ts'
import { calendarFor } from '../../server/sla/calendar.ts'
import { evaluateTicket } from '../../server/sla/engine.ts'
import { periodBounds } from '../../server/sla/periods.ts'
import { DEMO_POLICY, type SlaPolicy } from '../../server/sla/policy.ts'
import { readStoredPauses } from '../../server/sla/stored-pauses.ts'
import { reevaluateVerdicts } from '../../server/sla/stored/reevaluate-verdicts.server.ts'
import { upsertTicketBatch } from '../../server/tickets/upsert-tickets.server.ts'
import { benchDatabase, report, runIfMain, skipped } from './lib.ts'

export async function benchReevaluate(count = 100_000): Promise<boolean> {
  const url = await benchDatabase('accord_bench_reeval')
  if (!url) return skipped('SLA re-evaluation', 'no PostgreSQL server (set BENCH_DATABASE_URL)')
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
    const tickets = generateDemoTickets({ seed: 'reeval', policy: DEMO_POLICY, from: start, to: end, perDay: Math.ceil(count / 70), assignees: ['A', 'B'], vendorVerdicts: false }).slice(0, count)
    for (let i = 0; i < tickets.length; i += 1000) await prisma.$transaction((tx) => upsertTicketBatch(tx, p.id, 'psa', tickets.slice(i, i + 1000)), { timeout: 60_000 })
    await prisma.partnership.update({ where: { id: p.id }, data: { slaVerdictsVersion: 1 } })
    const strict: SlaPolicy = { ...DEMO_POLICY, targets: { ...DEMO_POLICY.targets, P3: { responseMinutes: 120, resolutionMinutes: 960, clock: 'business' } } }
    await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 2, name: 'Strict', definition: strict as object, createdByLabel: 'bench' } })
    await prisma.$executeRawUnsafe('ANALYZE "Ticket"')

    // The floor: the same evaluations in memory, no database.
    const calendar = calendarFor(strict)
    const t0 = performance.now()
    for (const t of tickets) {
      evaluateTicket(calendar, strict, { priority: t.priority, createdAt: t.createdAt.getTime(), firstResponseAt: t.firstResponseAt?.getTime() ?? null, resolvedAt: t.resolvedAt?.getTime() ?? null, pauses: readStoredPauses(t.pauses) }, end)
    }
    const engineMs = performance.now() - t0

    let chunks = 0
    const t1 = performance.now()
    const result = await reevaluateVerdicts(p.id, () => void chunks++)
    const jobMs = performance.now() - t1
    const onNew = await prisma.ticket.count({ where: { partnershipId: p.id, slaVersion: 2 } })
    const moved = (await prisma.partnership.findUniqueOrThrow({ where: { id: p.id } })).slaVerdictsVersion
    const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} tickets/s`
    return report(
      `Re-evaluation after a policy change on PostgreSQL: ${tickets.length.toLocaleString('en-US')} tickets`,
      [
        ['floor: the engine alone, in memory', `${engineMs.toFixed(0)} ms (${rate(tickets.length, engineMs)})`],
        ['re-evaluation (read, evaluate, write)', `${(jobMs / 1000).toFixed(2)} s (${rate(result.evaluated, jobMs)}), ${chunks} progress reports`],
        ['tickets on the new version', `${onNew.toLocaleString('en-US')}; reports on version ${moved}`],
      ],
      { ok: onNew === tickets.length && result.evaluated === tickets.length && moved === 2, text: 'every ticket re-evaluated once and reports moved to the new version' },
    )
  } finally {
    await closeDatabase()
  }
}

await runIfMain(import.meta.url, benchReevaluate)
