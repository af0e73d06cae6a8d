// Waiting time, lifecycles and complete paging from the three PSAs (issue 11 §1, §2, §4): the vendors' msw mocks
// at the network edge (status lists, histories, closed vocabularies, capped pages, 429s), the real ticket store.
import { HttpResponse, http } from 'msw'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { runSync } from '../../server/connectors/run-sync.server.ts'
import { saveConnection } from '../../server/connectors/save-connection.server.ts'
import { db } from '../../server/db/client.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'
import {
  AT_CREDENTIALS,
  AT_DISCOVERY,
  AT_ZONE,
  CW_API,
  CW_CREDENTIALS,
  CW_SITE,
  HALO_CREDENTIALS,
  HALO_INSTANCE,
  atStatusHistory,
  atTicket,
  createMocks,
  cwStatusAudit,
  cwTicket,
  haloStatusActions,
  haloTicket,
  mockServer,
} from '../mocks/index.ts'

const actor = { userId: null, label: 'test' }
let mocks = createMocks()
const { server } = mockServer(mocks)
const fast = { http: { minDelayMs: 1, maxDelayMs: 8, timeoutMs: 2000, sleep: async () => {} } }

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())
beforeEach(() => {
  mocks = createMocks()
  server.resetHandlers(...mocks.handlers)
})

async function partnership(kind: 'connectwise' | 'autotask' | 'halopsa', extra: Record<string, unknown> = {}) {
  const { partnership } = await createPartnershipGraph()
  const scope = await unsafeOperatorScope(partnership.slug)
  const setup = {
    connectwise: { baseUrl: CW_SITE, credentials: CW_CREDENTIALS, companies: ['250'] },
    autotask: { baseUrl: AT_DISCOVERY, credentials: AT_CREDENTIALS, companies: ['629'] },
    halopsa: { baseUrl: HALO_INSTANCE, credentials: HALO_CREDENTIALS, companies: ['212'] },
  }[kind]
  await saveConnection(scope, actor, { slug: partnership.slug, kind, ...setup, ...extra })
  return { id: partnership.id, slug: partnership.slug, scope }
}

const byId = async (partnershipId: string) => new Map((await (await db()).ticket.findMany({ where: { partnershipId } })).map((t) => [t.externalId, t]))
const connection = async (partnershipId: string) => (await db()).psaConnection.findUniqueOrThrow({ where: { partnershipId } })

// Ticket i of the mocks is created at 2026-06-01T08:00Z + i hours.
const at = (i: number, hours: number) => new Date(Date.parse('2026-06-01T08:00:00Z') + (i + hours) * 3_600_000).toISOString().replace('.000Z', 'Z')

describe('ConnectWise', () => {
  it('turns waiting time from the audit trail into pauses with their reason, and reads closed from the board, not the name', async () => {
    const cw = mocks.connectwise.state
    cw.tickets.push(
      cwTicket(1, { status: { id: 23, name: '>Closed' } }),
      cwTicket(2, { status: { id: 24, name: 'Closed (resolved)' }, closedFlag: false }),
      cwTicket(3, { status: { id: 19, name: 'Waiting Customer' } }),
      cwTicket(6, { status: { id: 21, name: 'Completed' }, closedFlag: false }),
    )
    cw.audits.set(100_001, [
      ...cwStatusAudit([
        { at: at(1, 1), from: 'New', to: 'In Progress' },
        { at: at(1, 2), from: 'In Progress', to: 'Waiting Customer' },
        { at: at(1, 5), from: 'Waiting Customer', to: '>Closed' },
      ]),
      // A status entry whose text cannot be read, and one with no date: counted, not guessed.
      { text: 'Status was updated', enteredDate: at(1, 3), auditType: 'Ticket', auditSubType: 'Status' },
      { text: 'Status changed from "A" to "B"', auditType: 'Ticket', auditSubType: 'Status' },
    ])
    cw.audits.set(100_003, cwStatusAudit([{ at: at(3, 4), from: 'In Progress', to: 'Waiting Customer' }]))
    const p = await partnership('connectwise')
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'succeeded', inserted: 4, histories: 4, historyUnparsed: 2 })
    const rows = await byId(p.id)
    expect(rows.get('100001')).toMatchObject({ lifecycle: 'closed', pauses: [[`${at(1, 2).slice(0, -1)}.000Z`, `${at(1, 5).slice(0, -1)}.000Z`, 'Waiting Customer']] })
    // "Closed (resolved)" is closed because the board flags it closedStatus, whatever the ticket's own flag says.
    expect(rows.get('100002')?.lifecycle).toBe('closed')
    expect(rows.get('100006')?.lifecycle).toBe('resolved')
    // Still waiting: an open pause, which the engine ends at its as-of instant.
    expect(rows.get('100003')).toMatchObject({ lifecycle: 'waiting', pauses: [[`${at(3, 4).slice(0, -1)}.000Z`, null, 'Waiting Customer']] })

    // A re-sync reads no history for tickets that did not change, and changes nothing.
    const before = cw.auditRequests
    expect(await runSync(p.id, { connector: fast })).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 })
    // The ticket at the cursor comes back (the filter is inclusive) but its last-updated did not move: no history read.
    expect(cw.auditRequests - before).toBe(0)
  })

  it('a re-sync replaces the pauses whole when the history changed, and only for the ticket that moved', async () => {
    const cw = mocks.connectwise.state
    cw.tickets.push(cwTicket(3, { status: { id: 19, name: 'Waiting Customer' } }), cwTicket(4))
    cw.audits.set(100_003, cwStatusAudit([{ at: at(3, 4), from: 'In Progress', to: 'Waiting Customer' }]))
    const p = await partnership('connectwise')
    await runSync(p.id, { connector: fast })
    cw.tickets[0] = cwTicket(3, { status: { id: 16, name: 'In Progress' }, _info: { lastUpdated: '2026-12-01T10:00:00Z', dateEntered: at(3, 0) } })
    cw.audits.set(100_003, cwStatusAudit([
      { at: at(3, 4), from: 'In Progress', to: 'Waiting Customer' },
      { at: at(3, 9), from: 'Waiting Customer', to: 'In Progress' },
    ]))
    const before = cw.auditRequests
    expect(await runSync(p.id, { connector: fast })).toMatchObject({ status: 'succeeded', updated: 1 })
    expect(cw.auditRequests - before).toBe(1)
    expect((await byId(p.id)).get('100003')).toMatchObject({ lifecycle: 'open', pauses: [[`${at(3, 4).slice(0, -1)}.000Z`, `${at(3, 9).slice(0, -1)}.000Z`, 'Waiting Customer']] })
  })

  it('follows Link next past pages the server capped below the size asked, through a 429, and the cursor lands on the last ticket', async () => {
    const cw = mocks.connectwise.state
    cw.tickets.push(...Array.from({ length: 5 }, (_, i) => cwTicket(i)))
    cw.maxPageSize = 2
    let calls = 0
    server.use(
      http.get(`${CW_API}/service/tickets`, ({ request }) => {
        if (new URL(request.url).searchParams.get('page') === '2' && calls++ === 0) return HttpResponse.json({ message: 'slow down' }, { status: 429, headers: { 'Retry-After': '0' } })
        return undefined
      }),
    )
    const p = await partnership('connectwise')
    const run = await runSync(p.id, { connector: { ...fast, pageSize: 5 } })
    expect(run).toMatchObject({ status: 'succeeded', pages: 3, fetched: 5, inserted: 5, total: 5 })
    expect((await byId(p.id)).size).toBe(5)
    expect(await connection(p.id)).toMatchObject({ cursorId: '100004', resume: null })
  })

  it('fails naming both numbers when the pages hold fewer tickets than counted, and the cursor does not move', async () => {
    const cw = mocks.connectwise.state
    cw.tickets.push(...Array.from({ length: 5 }, (_, i) => cwTicket(i)))
    cw.maxPageSize = 2
    // A server that drops the next link after page 2: tickets 5 of 5 never arrive.
    server.use(
      http.get(`${CW_API}/service/tickets`, async ({ request }) => {
        if (new URL(request.url).searchParams.get('page') !== '2') return undefined
        return HttpResponse.json([cwTicket(2), cwTicket(3)])
      }),
    )
    const p = await partnership('connectwise')
    const run = await runSync(p.id, { connector: { ...fast, pageSize: 5 } })
    expect(run).toMatchObject({ status: 'failed', errorCode: 'INCOMPLETE' })
    expect(run.error).toContain('counted 5')
    expect(run.error).toContain('held 4')
    expect(await connection(p.id)).toMatchObject({ cursorUpdatedAt: null, cursorId: null, resume: null })
  })
})

describe('Autotask', () => {
  it('reads TicketHistory one ticket at a time, maps "Waiting Customer" to a pause and 5 Complete to closed, three requests at most in flight', async () => {
    const state = mocks.autotask.state
    state.tickets.push(...Array.from({ length: 9 }, (_, i) => atTicket(i, i === 3 ? { status: 7 } : {})))
    for (let i = 0; i < 9; i++) {
      const id = 29_000 + i
      state.histories.set(
        id,
        atStatusHistory(id, [
          { at: at(i, 1), from: 'New', to: 'Waiting Customer' },
          ...(i === 3 ? [] : [{ at: at(i, 3), from: 'Waiting Customer', to: 'In Progress' }, { at: at(i, 20), from: 'In Progress', to: i % 3 ? 'Complete' : 'In Progress' }]),
        ]),
      )
    }
    state.latencyMs = 5
    const p = await partnership('autotask')
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'succeeded', inserted: 9, histories: 9, historyUnparsed: 0 })
    expect(state.historyRequests).toBe(9)
    expect(state.maxInFlight).toBeLessThanOrEqual(3)
    const rows = await byId(p.id)
    expect(rows.get('29001')).toMatchObject({ status: 'Complete', lifecycle: 'closed', pauses: [[`${at(1, 1).slice(0, -1)}.000Z`, `${at(1, 3).slice(0, -1)}.000Z`, 'Waiting Customer']] })
    expect(rows.get('29003')).toMatchObject({ status: 'Waiting Customer', lifecycle: 'waiting', pauses: [[`${at(3, 1).slice(0, -1)}.000Z`, null, 'Waiting Customer']] })
    expect(rows.get('29000')?.lifecycle).toBe('open')
  })

  it('POSTs every next page although the server capped MaxRecords, through a 429', async () => {
    const state = mocks.autotask.state
    state.tickets.push(...Array.from({ length: 5 }, (_, i) => atTicket(i)))
    state.maxPageSize = 2
    let calls = 0
    server.use(http.post(`${AT_ZONE}V1.0/Tickets/query/next`, () => (calls++ === 0 ? HttpResponse.json({ errors: ['Too many'] }, { status: 429 }) : undefined)))
    const p = await partnership('autotask')
    const run = await runSync(p.id, { connector: { ...fast, pageSize: 5 } })
    expect(run).toMatchObject({ status: 'succeeded', pages: 3, fetched: 5, inserted: 5, total: 5 })
    expect(await connection(p.id)).toMatchObject({ cursorId: '29004' })
  })

  it('a ticket it cannot store holds the cursor, so the next run reads it again', async () => {
    const state = mocks.autotask.state
    state.tickets.push(atTicket(0), atTicket(1, { priority: 99 }), atTicket(2))
    const p = await partnership('autotask')
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'succeeded', inserted: 2, skipped: 1 })
    const held = await connection(p.id)
    expect(held.cursorUpdatedAt?.toISOString()).toBe(new Date(String(atTicket(1).lastActivityDate)).toISOString())
    expect(held.cursorId).toBeNull()
    // Mapped now: the next (incremental) run stores it.
    await saveConnection(p.scope, actor, { slug: p.slug, kind: 'autotask', baseUrl: AT_DISCOVERY, companies: ['629'], priorityMap: { '99': 'P3' } })
    expect(await runSync(p.id, { connector: fast })).toMatchObject({ status: 'succeeded', inserted: 1 })
  })
})

describe('HaloPSA', () => {
  it('names statuses through /api/Status, pauses on "hold" statuses, and treats the status map’s closing statuses as closed', async () => {
    const state = mocks.halopsa.state
    state.tickets.push(
      haloTicket(0, { status_id: 2 }),
      haloTicket(1, { status_id: 9 }),
      haloTicket(2, { status_id: 21, hasbeenclosed: false, dateclosed: '1900-01-01T00:00:00' }),
      haloTicket(3, { status_id: 4 }),
    )
    state.actions.set(10_001, haloStatusActions(10_001, [
      { at: at(1, 1), from: 1, to: 2 },
      { at: at(1, 2), from: 2, to: 4 },
      { at: at(1, 4), from: 4, to: 8 },
      { at: at(1, 6), from: 8, to: 9 },
    ]))
    state.actions.set(10_003, haloStatusActions(10_003, [{ at: at(3, 2), from: 2, to: 4 }]))
    const p = await partnership('halopsa', { statusMap: { closed: ['Closed', 'Closed - No Response', 'Cancelled'] } })
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'succeeded', inserted: 4, histories: 4 })
    const rows = await byId(p.id)
    expect(rows.get('10000')).toMatchObject({ status: 'In Progress', lifecycle: 'open' })
    expect([...rows.values()].some((t) => /^Status \d/.test(t.status))).toBe(false)
    expect(rows.get('10001')).toMatchObject({ status: 'Closed', lifecycle: 'closed', pauses: [[`${at(1, 2).slice(0, -1)}.000Z`, `${at(1, 6).slice(0, -1)}.000Z`, 'Waiting on User, With Supplier']] })
    expect(rows.get('10002')).toMatchObject({ status: 'Closed - No Response', lifecycle: 'closed' })
    expect(rows.get('10003')).toMatchObject({ status: 'Waiting on User', lifecycle: 'waiting', pauses: [[`${at(3, 2).slice(0, -1)}.000Z`, null, 'Waiting on User']] })
  })
})
