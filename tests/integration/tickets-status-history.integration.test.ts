// The SLA policy's pauseStatuses on CSV and push-API tickets: a status history becomes pauses with their reason,
// and the lifecycle comes from the status (issue 11 §1, §4).
import { Readable } from 'node:stream'
import { beforeEach, describe, expect, it } from 'vitest'
import { requirePartnershipScope } from '../../server/access/policy.server.ts'
import type { PartnershipScope } from '../../server/access/policy.ts'
import { db } from '../../server/db/client.server.ts'
import { AppError } from '../../server/errors.ts'
import { explainTicket } from '../../server/sla/explain-ticket.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { importTicketsCsv } from '../../server/tickets/import-tickets-csv.server.ts'
import { pushTickets } from '../../server/tickets/push-tickets.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'

let scope: PartnershipScope
beforeEach(async () => {
  const graph = await createPartnershipGraph()
  scope = await requirePartnershipScope(graph.mspUser.id, graph.partnership.slug, 'partnership.read')
  // pauseStatuses: ["Waiting on customer"]
  await (await db()).slaPolicy.create({ data: { partnershipId: scope.id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
})

const ticket = async (externalId: string) => (await db()).ticket.findFirstOrThrow({ where: { partnershipId: scope.id, externalId } })

describe('statusHistory', () => {
  it('CSV: the statusHistory column becomes pauses named by the status, under the policy’s pauseStatuses', async () => {
    const file = [
      'externalId,priority,status,createdAt,resolvedAt,statusHistory',
      'S-1,P3,Closed,2026-07-01T09:00:00Z,2026-07-02T12:00:00Z,2026-07-01T09:30:00Z=In Progress;2026-07-01T11:00:00Z=waiting on customer;2026-07-01T15:00:00Z=In Progress',
      'S-2,P3,Waiting on customer,2026-07-01T09:00:00Z,,2026-07-01T10:00:00Z=Waiting on customer',
      'S-3,P3,Waiting on customer,2026-07-01T09:00:00Z,,not-a-time=Waiting on customer',
    ].join('\n')
    const summary = await importTicketsCsv(scope, Readable.from([`${file}\n`]))
    expect(summary).toMatchObject({ inserted: 2, rejected: 1 })
    expect(summary.errors[0]).toMatchObject({ line: 4, field: 'statusHistory.0.at' })
    expect(await ticket('S-1')).toMatchObject({ lifecycle: 'resolved', pauses: [['2026-07-01T11:00:00.000Z', '2026-07-01T15:00:00.000Z', 'waiting on customer']] })
    expect(await ticket('S-2')).toMatchObject({ lifecycle: 'waiting', pauses: [['2026-07-01T10:00:00.000Z', null, 'Waiting on customer']] })
  })

  it('push API: statusHistory or explicit pauses with a reason, never both, and an explicit lifecycle wins', async () => {
    const counts = await pushTickets(scope, {
      slug: scope.slug,
      tickets: [
        { externalId: 'A-1', priority: 'P2', status: 'Done', lifecycle: 'closed', createdAt: '2026-07-01T09:00:00Z', resolvedAt: '2026-07-01T17:00:00Z', statusHistory: [{ at: '2026-07-01T10:00:00Z', status: 'Waiting on customer' }, { at: '2026-07-01T12:00:00Z', status: 'Done' }] },
        { externalId: 'A-2', priority: 'P2', createdAt: '2026-07-01T09:00:00Z', pauses: [{ start: '2026-07-01T10:00:00Z', end: '2026-07-01T11:00:00Z', reason: 'Parts on order' }, ['2026-07-01T10:30:00Z', '2026-07-01T12:00:00Z', 'Waiting vendor']] },
      ],
    })
    expect(counts).toEqual({ inserted: 2, updated: 0, unchanged: 0 })
    expect(await ticket('A-1')).toMatchObject({ lifecycle: 'closed', pauses: [['2026-07-01T10:00:00.000Z', '2026-07-01T12:00:00.000Z', 'Waiting on customer']] })
    expect(await ticket('A-2')).toMatchObject({ lifecycle: 'open', pauses: [['2026-07-01T10:00:00.000Z', '2026-07-01T12:00:00.000Z', 'Parts on order, Waiting vendor']] })
    // The ticket page's data names each pause's reason; a pause stored before reasons existed has none.
    const explained = await explainTicket(scope, { slug: scope.slug, externalId: 'A-1', asOf: '2026-07-02T00:00:00Z' })
    expect(explained.ticket.lifecycle).toBe('closed')
    expect(explained.pauses).toMatchObject([{ start: '2026-07-01T10:00:00.000Z', end: '2026-07-01T12:00:00.000Z', reason: 'Waiting on customer' }])
    await (await db()).ticket.updateMany({ where: { partnershipId: scope.id, externalId: 'A-1' }, data: { pauses: [['2026-07-01T10:00:00.000Z', '2026-07-01T12:00:00.000Z']] } })
    expect((await explainTicket(scope, { slug: scope.slug, externalId: 'A-1', asOf: '2026-07-02T00:00:00Z' })).pauses[0]).not.toHaveProperty('reason')

    const error = await pushTickets(scope, {
      slug: scope.slug,
      tickets: [{ externalId: 'A-3', priority: 'P2', createdAt: '2026-07-01T09:00:00Z', pauses: [['2026-07-01T10:00:00Z', null]], statusHistory: [{ at: '2026-07-01T10:00:00Z', status: 'Waiting on customer' }] }],
    }).catch((e: unknown) => e)
    expect((error as AppError).code).toBe('BAD_REQUEST')
    expect((error as AppError).fieldErrors).toEqual([{ field: 'tickets.0.statusHistory', message: 'send either pauses or a status history, not both' }])
    expect(await (await db()).ticket.count({ where: { partnershipId: scope.id, externalId: 'A-3' } })).toBe(0)
  })
})
