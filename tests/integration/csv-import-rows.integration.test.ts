// Issue 13, D8, D15, D21: a CSV row the database would refuse, an impossible date, a repeated id, a repeated
// column and mixed line ends. A bad row is rejected with its line and reason; every other row is imported.
import { Readable } from 'node:stream'
import { beforeEach, describe, expect, it } from 'vitest'
import { requirePartnershipScope } from '../../server/access/policy.server.ts'
import type { PartnershipScope } from '../../server/access/policy.ts'
import { db } from '../../server/db/client.server.ts'
import { importTicketsCsv } from '../../server/tickets/import-tickets-csv.server.ts'
import { normaliseTicket } from '../../server/tickets/normalize-ticket.ts'
import { TicketStage } from '../../server/tickets/stage-tickets.server.ts'
import { upsertTicketBatch } from '../../server/tickets/upsert-tickets.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'

const HEADER = 'externalId,title,priority,status,createdAt'
const file = (text: string) => Readable.from([text])
const csv = (...lines: string[]) => file([HEADER, ...lines].join('\n') + '\n')
const row = (id: string, createdAt = '2026-07-01T09:00:00Z', title = 'Printer down') => `${id},${title},P3,Open,${createdAt}`

let scope: PartnershipScope
beforeEach(async () => {
  const graph = await createPartnershipGraph()
  scope = await requirePartnershipScope(graph.mspUser.id, graph.partnership.slug, 'partnership.read')
})

const storedIds = async () => (await (await db()).ticket.findMany({ where: { partnershipId: scope.id }, select: { externalId: true }, orderBy: { externalId: 'asc' } })).map((t) => t.externalId)

describe('D8: a value the database refuses costs its row only', () => {
  it('a row the staging COPY refuses is counted refused by its line, inside the writing transaction too (PostgreSQL); the rest is written', async () => {
    const ticket = (externalId: string) =>
      normaliseTicket(
        { externalId, title: 'x', priority: 'P3', status: 'Open', queue: null, assignee: null, createdAt: '2026-07-01T09:00:00Z', firstResponseAt: null, resolvedAt: null, pauses: [], statusHistory: [], lifecycle: null, escalated: false, csat: null, vendorResponseMet: null, vendorResolutionMet: null, reopens: null, firstContact: null, origin: null },
        { mapping: new Map(), zone: 'UTC' },
      )
    // A priority outside the enum: no row of a file gets here (mapPriority), so it stands for any value the database refuses.
    const bad = { ...ticket('S-2'), priority: 'P9' as 'P1' }
    const refused: number[] = []
    const counts = await TicketStage.run(scope.id, 'csv', (line) => refused.push(line), async (stage) => {
      await stage.add([ticket('S-1'), bad, ticket('S-3')], [2, 3, 4])
      await stage.add([ticket('S-4')], [5])
      return stage.commit()
    })
    expect(refused).toEqual([3])
    expect(counts).toEqual({ inserted: 3, updated: 0, unchanged: 0 })
    expect(await storedIds()).toEqual(['S-1', 'S-3', 'S-4'])
  })

  it('a row another writer stores after the look-up is updated by the import, not a failed file (PostgreSQL COPYs new rows into "Ticket")', async () => {
    const ticket = (externalId: string, title: string, createdAt = '2026-07-01T09:00:00Z') =>
      normaliseTicket(
        { externalId, title, priority: 'P3', status: 'Open', queue: null, assignee: null, createdAt, firstResponseAt: null, resolvedAt: null, pauses: [], statusHistory: [], lifecycle: null, escalated: false, csat: null, vendorResponseMet: null, vendorResolutionMet: null, reopens: null, firstContact: null, origin: null },
        { mapping: new Map(), zone: 'UTC' },
      )
    const refused: number[] = []
    const counts = await TicketStage.run(scope.id, 'csv', (line) => refused.push(line), async (stage) => {
      // The first chunk finds the source empty, so later chunks are not looked up: S-2 reads as new.
      await stage.add([ticket('S-1', 'one')], [2])
      // Another month: the import's open transaction holds the roll-up rows of S-1's month until it commits.
      await (await db()).$transaction((tx) => upsertTicketBatch(tx, scope.id, 'csv', [ticket('S-2', 'pushed', '2026-03-02T09:00:00Z')]))
      await stage.add([ticket('S-2', 'imported', '2026-03-02T09:00:00Z'), ticket('S-3', 'three')], [3, 4])
      return stage.commit()
    })
    expect(refused).toEqual([])
    expect(counts).toEqual({ inserted: 2, updated: 1, unchanged: 0 })
    const rows = await (await db()).ticket.findMany({ where: { partnershipId: scope.id }, select: { externalId: true, title: true }, orderBy: { externalId: 'asc' } })
    expect(rows).toEqual([
      { externalId: 'S-1', title: 'one' },
      { externalId: 'S-2', title: 'imported' },
      { externalId: 'S-3', title: 'three' },
    ])
  })

  it('a NUL byte and the year +275760 are rejected with line and field; the rest of the batch is imported', async () => {
    const summary = await importTicketsCsv(scope, csv(row('T-1'), row('T-2', '2026-07-01T09:00:00Z', 'bad\u0000title'), row('T-3', '+275760-09-13T00:00:00Z'), row('T-4')))
    expect(summary).toMatchObject({ inserted: 2, rejected: 2 })
    expect(summary.errors).toEqual([
      { line: 3, field: 'title', message: expect.stringMatching(/NUL byte/) },
      { line: 4, field: 'createdAt', message: expect.stringMatching(/2000 to 2100/) },
    ])
    expect(await storedIds()).toEqual(['T-1', 'T-4'])
  })
})

describe('D15: calendar dates are strict, from 2000 to 2100', () => {
  it.each([
    ['2026-02-30T09:00:00Z', /calendar date/],
    ['2026-02-30 09:00', /calendar date/],
    ['2026-13-01T09:00:00Z', /calendar date/],
    ['0001-01-01T00:00:00Z', /2000 to 2100/],
    ['9999-12-31T00:00:00Z', /2000 to 2100/],
    ['1999-12-31T23:00:00Z', /2000 to 2100/],
  ])('%s is rejected', async (createdAt, message) => {
    const summary = await importTicketsCsv(scope, csv(row('T-1', createdAt), row('T-2')))
    expect(summary).toMatchObject({ inserted: 1, rejected: 1 })
    expect(summary.errors[0]).toMatchObject({ line: 2, field: 'createdAt', message: expect.stringMatching(message) })
  })
  it('2028-02-29 (a leap day) is accepted', async () => {
    expect(await importTicketsCsv(scope, csv(row('T-1', '2028-02-29T09:00:00Z')))).toMatchObject({ inserted: 1, rejected: 0 })
  })
})

describe('D21: repeated ids, repeated columns, mixed line ends', () => {
  it('a repeated externalId is a rejected row naming the first line; the first is imported', async () => {
    const summary = await importTicketsCsv(scope, csv(row('T-1', '2026-07-01T09:00:00Z', 'first'), row('T-2'), row('T-1', '2026-07-01T09:00:00Z', 'second')))
    expect(summary).toMatchObject({ inserted: 2, rejected: 1 })
    expect(summary.errors).toEqual([{ line: 4, field: 'externalId', message: '"T-1" repeats line 2' }])
    expect((await (await db()).ticket.findFirstOrThrow({ where: { partnershipId: scope.id, externalId: 'T-1' } })).title).toBe('first')
  })

  it('a repeated header column is a 400 naming it', async () => {
    const error = await importTicketsCsv(scope, file('externalId,title,priority,createdAt,title\nT-1,a,P3,2026-07-01T09:00:00Z,b\n')).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: [{ field: 'file.title', message: 'Column appears more than once' }] })
    expect(await storedIds()).toEqual([])
  })

  it('a CRLF header over LF rows imports', async () => {
    const summary = await importTicketsCsv(scope, file(`${HEADER}\r\n${row('T-1')}\n${row('T-2')}\r\n${row('T-3')}\n`))
    expect(summary).toMatchObject({ inserted: 3, rejected: 0 })
  })
})
