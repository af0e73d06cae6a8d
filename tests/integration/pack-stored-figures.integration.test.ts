// The pack's ticket figures from the stored verdicts (ADR 022) against the reference scan through the engine:
// the whole snapshot, field by field, on demo tickets (with accepted disputes, tickets stored under no version and
// a later policy version) and on random tickets, as of instants inside and after the quarter.
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { buildPackSnapshot } from '../../server/pack/build-pack-snapshot.server.ts'
import { periodBounds } from '../../server/sla/periods.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { pushTickets } from '../../server/tickets/push-tickets.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'
import { seedPackData } from '../helpers/pack-data.ts'
import { pushedTimes } from '../helpers/random-tickets.ts'

const quarter = '2026-Q3'
const { start, end } = periodBounds(DEMO_POLICY.timezone, { quarter })
const HOUR = 3_600_000
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()

let scope: Awaited<ReturnType<typeof unsafeOperatorScope>>
beforeEach(async () => {
  const { partnership } = await createPartnershipGraph()
  scope = await unsafeOperatorScope(partnership.slug)
})

async function expectSameFigures(asOf: string) {
  const input = { slug: scope.slug, quarter, asOf }
  const [stored, scanned] = await Promise.all([buildPackSnapshot(scope, input), buildPackSnapshot(scope, input, { ticketFigures: 'scan' })])
  expect(stored).toEqual(scanned)
  return stored
}

const AS_OFS = [iso(start + 40 * DAY + 5 * HOUR + 123), iso(start + 80 * DAY), iso(end + 5 * DAY + 12 * HOUR), iso(start - 3 * DAY)]

describe('the pack from stored verdicts', () => {
  it('gives the scan’s snapshot on demo tickets with disputes, unstored tickets and a later policy', async () => {
    await seedPackData(scope.id, { perDay: 3 })
    const prisma = await db()
    // Accepted disputes move verdicts (one answered after some as-ofs); an open one only lists.
    const tickets = await prisma.ticket.findMany({ where: { partnershipId: scope.id, resolvedAt: { gte: new Date(start), lt: new Date(end) } }, orderBy: { externalId: 'asc' }, take: 6 })
    for (const [i, t] of tickets.entries()) {
      const metric = i % 2 ? 'response' : 'resolution'
      const answeredAt = i < 4 ? new Date(start + (30 + 20 * i) * DAY) : null
      await prisma.slaDispute.create({
        data: {
          partnershipId: scope.id,
          ticketId: t.id,
          metric,
          liveKey: `${t.id}:${metric}`,
          status: answeredAt ? 'ACCEPTED' : 'OPEN',
          agreedVerdict: answeredAt ? (i % 3 ? 'met' : 'breached') : null,
          answeredAt,
          answeredByLabel: answeredAt ? 'msp' : null,
          computedVerdict: 'breached',
          decidedAt: t.resolvedAt!,
          elapsedMinutes: 100,
          targetMinutes: 60,
          reason: `Reason ${i}`,
          raisedByLabel: 'client',
          createdAt: new Date(start + 10 * DAY),
        },
      })
    }
    // Some tickets stored under no version (as a database from before ADR 022): the engine reads them.
    await prisma.ticket.updateMany({ where: { partnershipId: scope.id, externalId: { in: tickets.map((t) => t.externalId) } }, data: { slaVersion: null } })
    for (const asOf of AS_OFS) await expectSameFigures(asOf)
    const after = await expectSameFigures(AS_OFS[2])
    expect(after.sla.breachCount).toBeGreaterThan(0)
    expect(after.disputes?.disputes.length).toBeGreaterThan(0)
    expect(after.serviceKpis?.current.medianResolutionMinutes).not.toBeNull()

    // A later policy version: a pack as of before it reads version 1 (stored), one after it version 2, whose
    // verdicts are not stored yet (no re-evaluation has run): the engine reads every ticket.
    await prisma.slaPolicy.create({
      data: { partnershipId: scope.id, version: 2, name: 'Tighter', definition: { ...DEMO_POLICY, targets: { ...DEMO_POLICY.targets, P3: { ...DEMO_POLICY.targets.P3, responseMinutes: 30 } } } as object, createdByLabel: 'test', createdAt: new Date(end + 2 * DAY) },
    })
    for (const asOf of [AS_OFS[1], AS_OFS[2]]) await expectSameFigures(asOf)
  })

  it('gives the scan’s snapshot on random tickets', async () => {
    const prisma = await db()
    await prisma.slaPolicy.create({ data: { partnershipId: scope.id, version: 1, name: 'Standard', definition: DEMO_POLICY as object, createdByLabel: 'test', createdAt: new Date(start - 200 * DAY) } })
    const instant = fc.integer({ min: start - 100 * DAY, max: end + 10 * DAY })
    const after = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null })
    const ticket = fc.record({
      priority: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
      created: instant,
      response: after(3 * DAY),
      resolution: after(25 * DAY),
      pauses: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 * DAY }), fc.option(fc.integer({ min: 1, max: 5 * DAY }), { nil: null })), { maxLength: 2 }),
      lifecycle: fc.constantFrom(null, 'open', 'resolved', 'closed'),
      queue: fc.constantFrom(null, '', 'Desk', 'Network'),
      assignee: fc.constantFrom(null, '', 'Ava', 'Sam', 'Öz'),
      escalated: fc.boolean(),
      csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    })
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(ticket, { maxLength: 25 }), fc.integer({ min: start - 5 * DAY, max: end + 10 * DAY }), async (list, asOf) => {
        run++
        await prisma.ticket.deleteMany({ where: { partnershipId: scope.id } })
        const tickets = list.map((t, i) => ({
          ...pushedTimes(t, `R${run}-${i}`),
          queue: t.queue,
          assignee: t.assignee,
          escalated: t.escalated,
          csat: t.csat,
        }))
        if (tickets.length) await pushTickets(scope, { slug: scope.slug, source: 'api', tickets })
        for (const at of [asOf, end + 2 * DAY]) await expectSameFigures(iso(at))
      }),
      { numRuns: 10, seed: 15 },
    )
  })
})
