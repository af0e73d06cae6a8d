import { Readable } from 'node:stream'
import { beforeEach, describe, expect, it } from 'vitest'
import { requirePartnershipScope } from '../../server/access/policy.server.ts'
import type { PartnershipScope } from '../../server/access/policy.ts'
import { db } from '../../server/db/client.server.ts'
import { AppError } from '../../server/errors.ts'
import { importTicketsCsv } from '../../server/tickets/import-tickets-csv.server.ts'
import { pushTickets } from '../../server/tickets/push-tickets.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'

const HEADER = 'externalId,title,priority,status,queue,assignee,createdAt,firstResponseAt,resolvedAt,pauses,escalated,csat'
const csv = (...lines: string[]) => Readable.from([[HEADER, ...lines].join('\n') + '\n'])

let scope: PartnershipScope
beforeEach(async () => {
  const graph = await createPartnershipGraph()
  scope = await requirePartnershipScope(graph.mspUser.id, graph.partnership.slug, 'partnership.read')
})

describe('CSV import', () => {
  const good = [
    'T-1,Printer down,P2,Closed,Service Desk,Jo,2026-07-01T09:00:00Z,2026-07-01T09:20:00Z,2026-07-01T12:00:00Z,,false,5',
    'T-2,VPN,High,Closed,Network,Sam,2026-07-02T09:00:00-04:00,,2026-07-02T15:00:00-04:00,2026-07-02T10:00:00-04:00/2026-07-02T11:00:00-04:00,yes,',
  ]

  it('imports rows, maps priority names, and a re-import of the same file changes nothing', async () => {
    const first = await importTicketsCsv(scope, csv(...good))
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, rejected: 0 })
    const t2 = await (await db()).ticket.findFirstOrThrow({ where: { partnershipId: scope.id, externalId: 'T-2' } })
    expect(t2).toMatchObject({ priority: 'P2', sourcePriority: 'High', escalated: true, csat: null, queue: 'Network' })
    expect(t2.createdAt.toISOString()).toBe('2026-07-02T13:00:00.000Z')
    expect(t2.pauses).toEqual([['2026-07-02T14:00:00.000Z', '2026-07-02T15:00:00.000Z']])
    const before = t2.updatedAt

    const again = await importTicketsCsv(scope, csv(...good))
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 0 })
    const same = await (await db()).ticket.findFirstOrThrow({ where: { id: t2.id } })
    expect(same.updatedAt).toEqual(before)
  })

  it('updates a changed row and leaves the others', async () => {
    await importTicketsCsv(scope, csv(...good))
    const changed = good[0].replace('Closed', 'Reopened')
    expect(await importTicketsCsv(scope, csv(changed, good[1]))).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 })
    expect((await (await db()).ticket.findFirstOrThrow({ where: { externalId: 'T-1' } })).status).toBe('Reopened')
  })

  it('rejects bad rows with line number and field, and imports the rest', async () => {
    const summary = await importTicketsCsv(
      scope,
      csv(
        good[0],
        'T-3,Bad priority,P9,Open,,,2026-07-01T09:00:00Z,,,,,',
        'T-4,Bad date,P3,Open,,,yesterday,,,,,',
        'T-5,Bad csat,P3,Open,,,2026-07-01T09:00:00Z,,,,,7',
        ',No id,P3,Open,,,2026-07-01T09:00:00Z,,,,,',
        'T-6,Resolved before created,P3,Closed,,,2026-07-01T09:00:00Z,,2026-06-01T09:00:00Z,,,',
        good[1],
      ),
    )
    expect(summary).toMatchObject({ inserted: 2, rejected: 5 })
    expect(summary.errors).toEqual([
      { line: 3, field: 'priority', message: expect.stringContaining('unknown priority "P9"') },
      { line: 4, field: 'createdAt', message: expect.stringContaining('not an ISO 8601 timestamp') },
      { line: 5, field: 'csat', message: 'Use 1 to 5' },
      { line: 6, field: 'externalId', message: 'Required' },
      { line: 7, field: 'resolvedAt', message: 'is before createdAt' },
    ])
  })

  it('reads timestamps without an offset in the policy timezone and says so', async () => {
    const summary = await importTicketsCsv(scope, csv('T-9,Naive,P3,Open,,,2026-07-01 09:00,,,,,'))
    expect(summary).toMatchObject({ inserted: 1, naiveTimestamps: true, timezone: 'UTC' })
  })

  it('refuses a file without the required columns, naming them, and writes nothing', async () => {
    const error = await importTicketsCsv(scope, Readable.from(['id,title\n1,x\n'])).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('BAD_REQUEST')
    expect((error as AppError).message).toContain('externalId, priority, createdAt')
    expect(await (await db()).ticket.count()).toBe(0)
  })

  it('writes nothing from a file that breaks part way, even past the first staged chunk, and says how far it got', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `B-${i},Row ${i},P3,Open,,,2026-07-01T09:00:00Z,,,,,`)
    const error = await importTicketsCsv(scope, csv(...rows, 'B-x,"unterminated,P3,Open,,,2026-07-01T09:00:00Z,,,,,')).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: [{ field: 'file' }], details: { inserted: 0, updated: 0 } })
    // The rows read before the parse stopped (those it had parsed ahead are not counted): past the first chunk.
    expect((error as AppError).details?.rows).toBeGreaterThan(5000)
    expect(await (await db()).ticket.count()).toBe(0)
  })

  it('keeps tickets of one partnership apart from another with the same external ids', async () => {
    const other = await createPartnershipGraph()
    const otherScope = await requirePartnershipScope(other.mspUser.id, other.partnership.slug, 'partnership.read')
    await importTicketsCsv(scope, csv(...good))
    expect(await importTicketsCsv(otherScope, csv(...good))).toMatchObject({ inserted: 2 })
    expect(await (await db()).ticket.count()).toBe(4)
  })
})

describe('push API (tickets.upsert domain)', () => {
  it('is all or nothing: one invalid ticket rejects the batch, naming index and field', async () => {
    const error = await pushTickets(scope, {
      slug: scope.slug,
      tickets: [
        { externalId: 'A-1', priority: 'P1', createdAt: '2026-07-01T09:00:00Z' },
        { externalId: 'A-2', priority: 'P1', createdAt: '2026-07-01T09:00:00Z', csat: 9 },
      ],
    }).catch((e: unknown) => e)
    expect((error as AppError).code).toBe('BAD_REQUEST')
    expect((error as AppError).fieldErrors).toEqual([{ field: 'tickets.1.csat', message: 'Use 1 to 5' }])
    expect(await (await db()).ticket.count()).toBe(0)
  })

  it('upserts and counts inserted, updated and unchanged', async () => {
    const batch = [
      { externalId: 'A-1', priority: 'P1', createdAt: '2026-07-01T09:00:00Z', pauses: [{ start: '2026-07-01T10:00:00Z', end: null }] },
      { externalId: 'A-2', priority: 'Low', createdAt: '2026-07-01T09:00:00Z', resolvedAt: '2026-07-02T09:00:00Z' },
    ]
    expect(await pushTickets(scope, { slug: scope.slug, tickets: batch })).toEqual({ inserted: 2, updated: 0, unchanged: 0 })
    batch[1].resolvedAt = '2026-07-03T09:00:00Z'
    expect(await pushTickets(scope, { slug: scope.slug, tickets: batch })).toEqual({ inserted: 0, updated: 1, unchanged: 1 })
  })
})
