import { db } from '../../server/db/client.server.ts'
import { generateDemoTickets } from '../../server/demo/demo-tickets.ts'
import { quarterIndex, quarterName } from '../../server/roadmap/budget.ts'
import { periodBounds } from '../../server/sla/periods.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { upsertTicketBatch } from '../../server/tickets/upsert-tickets.server.ts'

/**
 * What a pack draws from, written straight to the database for one partnership: the demo SLA policy, tickets over
 * the quarter and the one before (about `perDay` a weekday), daily uptime, a few responsibility rows, roadmap items
 * in the next quarters and a CSI entry with a KPI.
 */
export async function seedPackData(partnershipId: string, options: { quarter?: string; perDay?: number; seed?: string } = {}) {
  const prisma = await db()
  const quarter = options.quarter ?? '2026-Q3'
  const previous = quarterName(quarterIndex(quarter) - 1)
  const next = quarterName(quarterIndex(quarter) + 1)
  if (!(await prisma.slaPolicy.findFirst({ where: { partnershipId } }))) {
    await prisma.slaPolicy.create({ data: { partnershipId, version: 1, name: 'Standard', definition: DEMO_POLICY as object, createdByLabel: 'test' } })
  }
  const from = periodBounds(DEMO_POLICY.timezone, { quarter: previous }).start
  const to = periodBounds(DEMO_POLICY.timezone, { quarter }).end
  const tickets = generateDemoTickets({ seed: options.seed ?? 'pack', policy: DEMO_POLICY, from, to, perDay: options.perDay ?? 4, assignees: ['Ava Ng', 'Jürgen Öztürk', 'Sam Lee', 'Chris Park'], vendorVerdicts: false })
  for (let i = 0; i < tickets.length; i += 1000) await prisma.$transaction((tx) => upsertTicketBatch(tx, partnershipId, 'psa', tickets.slice(i, i + 1000)))
  const samples = []
  for (let t = from; t < to; t += 86_400_000) samples.push({ partnershipId, source: 'test', metric: 'uptime', at: new Date(t), value: 99.9 + ((t / 86_400_000) % 10) / 100 })
  await prisma.metricSample.createMany({ data: samples })
  // The workspace rows exist from the start of the previous quarter: a pack reads them as they stood at its as-of.
  const createdAt = new Date(from)
  await prisma.responsibilityFunction.createMany({
    data: ['Service desk', 'Patching', 'Backups', 'Network monitoring'].map((name, i) => ({ partnershipId, category: 'Operations', name, classification: 'TACTICAL' as const, mspRaci: 'RA', clientRaci: 'CI', sortOrder: i, createdAt })),
  })
  await prisma.roadmapItem.createMany({
    data: [
      { partnershipId, title: 'Zero-trust network access', proposedBy: 'MSP' as const, status: 'APPROVED' as const, targetQuarter: next, oneTimeCents: 1_200_000n, recurringCents: 80_000n, createdAt },
      { partnershipId, title: 'Łódź site Wi-Fi refresh', proposedBy: 'CLIENT' as const, status: 'PROPOSED' as const, targetQuarter: quarterName(quarterIndex(quarter) + 2), oneTimeCents: 450_000n, createdAt },
    ],
  })
  await prisma.csiEntry.create({ data: { partnershipId, opportunity: 'Fewer escalations', size: 'MEDIUM', stage: 'Plan', kpiMetric: 'escalation_rate', kpiBaseline: 12, kpiTarget: 8, createdAt } })
  return { tickets: tickets.length }
}
