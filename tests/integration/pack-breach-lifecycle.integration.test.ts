// The pack's breach reason reads the ticket's lifecycle, never its status name (issue 11 §4): each vendor's
// closed vocabulary is closed, and a status literally named "Closed" on a ticket still open is open.
import { beforeEach, describe, expect, it } from 'vitest'
import { requirePartnershipScope } from '../../server/access/policy.server.ts'
import type { PartnershipScope } from '../../server/access/policy.ts'
import { db } from '../../server/db/client.server.ts'
import { buildPackSnapshot } from '../../server/pack/build-pack-snapshot.server.ts'
import { completionUnknownNote } from '../../server/pack/render/sections/sla.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { slaReport } from '../../server/sla/sla-report.server.ts'
import { pushTickets } from '../../server/tickets/push-tickets.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'

let scope: PartnershipScope
beforeEach(async () => {
  const graph = await createPartnershipGraph()
  scope = await requirePartnershipScope(graph.mspUser.id, graph.partnership.slug, 'partnership.read')
  await (await db()).slaPolicy.create({ data: { partnershipId: scope.id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
})

describe('pack breach reasons', () => {
  it('say "open past due" for open tickets only, whatever the status is called', async () => {
    // P1: 4 h on the 24×7 clock; none has a resolution time, so each resolution clock runs out at its due instant.
    const closedVocabulary = ['>Closed', 'Closed (resolved)', 'Complete', 'Closed', 'Closed - No Response']
    const tickets = [
      ...closedVocabulary.map((status, i) => ({ externalId: `C-${i}`, priority: 'P1', status, lifecycle: 'closed', createdAt: `2026-07-${i + 15}T10:00:00Z`, firstResponseAt: `2026-07-${i + 15}T10:10:00Z` })),
      { externalId: 'O-1', priority: 'P1', status: 'Closed', lifecycle: 'open', createdAt: '2026-07-13T10:00:00Z', firstResponseAt: '2026-07-13T10:10:00Z' },
      { externalId: 'W-1', priority: 'P1', status: 'Waiting Customer', lifecycle: 'waiting', createdAt: '2026-07-14T10:00:00Z', firstResponseAt: '2026-07-14T10:10:00Z' },
    ]
    await pushTickets(scope, { slug: scope.slug, tickets })
    const snapshot = await buildPackSnapshot(scope, { slug: scope.slug, quarter: '2026-Q3', asOf: '2026-10-05T00:00:00Z' })
    const reasons = new Map(snapshot.sla.breaches.map((b) => [b.externalId, b.reason]))
    // A closed ticket with no resolution time and no history to date it has an unknown completion (ADR 011
    // addendum): never a breach, and never "open past due", whatever its closed status is called.
    expect([...reasons.keys()].sort()).toEqual(['O-1', 'W-1'])
    for (let i = 0; i < closedVocabulary.length; i++) expect(reasons.get(`C-${i}`)).toBeUndefined()
    expect(reasons.get('O-1')).toContain('Resolution open past due')
    expect(reasons.get('W-1')).toContain('Resolution open past due')
  })

  it('show a closed ticket with no resolution time as "completion unknown", not as pending work', async () => {
    // P1: response 15 min. K-1 was answered late (a breach) and closed with no resolution time; K-2 answered in
    // time, closed alike; P-1 is open and pending.
    await pushTickets(scope, {
      slug: scope.slug,
      tickets: [
        { externalId: 'K-1', priority: 'P1', status: '>Closed', lifecycle: 'closed', createdAt: '2026-07-15T10:00:00Z', firstResponseAt: '2026-07-15T12:00:00Z' },
        { externalId: 'K-2', priority: 'P1', status: 'Complete', lifecycle: 'closed', createdAt: '2026-07-16T10:00:00Z', firstResponseAt: '2026-07-16T10:05:00Z' },
        { externalId: 'P-1', priority: 'P4', status: 'New', lifecycle: 'open', createdAt: '2026-09-30T10:00:00Z', firstResponseAt: '2026-09-30T10:05:00Z' },
      ],
    })
    const asOf = '2026-09-30T12:00:00Z'
    const report = await slaReport(scope, { slug: scope.slug, quarter: '2026-Q3', asOf, tickets: true })
    const rows = new Map(report.tickets.map((t) => [t.externalId, t]))
    expect(rows.get('K-1')!.resolution).toMatchObject({ verdict: 'pending', completionUnknown: true })
    expect(rows.get('K-2')!.resolution).toMatchObject({ verdict: 'pending', completionUnknown: true })
    expect(rows.get('P-1')!.resolution).toMatchObject({ verdict: 'pending', completionUnknown: false })
    expect(report.completionUnknown).toBe(2)

    const snapshot = await buildPackSnapshot(scope, { slug: scope.slug, quarter: '2026-Q3', asOf })
    expect(snapshot.sla.completionUnknown).toBe(2)
    expect(snapshot.sla.overall.resolution.pending).toBe(3)
    const k1 = snapshot.sla.breaches.find((b) => b.externalId === 'K-1')!
    expect(k1.reason).toMatch(/^Response .*; Resolution completion unknown \(closed with no resolution time\)$/)
    expect(k1.reason).not.toContain('open past due')
    expect(completionUnknownNote(2)).toContain('2 are completion unknown')
  })
})
