// PSA connectors end to end: the three vendors' msw mocks at the network edge, the real ticket store, the real
// database. Back-off delays are injected (recorded, not slept), so the retry paths run in milliseconds.
import { HttpResponse, delay, http } from 'msw'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { AbortError, runSync } from '../../server/connectors/run-sync.server.ts'
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
  atTicket,
  createMocks,
  cwTicket,
  haloTicket,
  mockServer,
} from '../mocks/index.ts'

const actor = { userId: null, label: 'test' }
let mocks = createMocks()
const { server } = mockServer(mocks)
const sleeps: number[] = []
const fast = { http: { minDelayMs: 1, maxDelayMs: 8, timeoutMs: 300, sleep: async (ms: number) => void sleeps.push(ms) } }

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())
beforeEach(() => {
  sleeps.length = 0
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
  await saveConnection(scope, actor, { slug: partnership.slug, kind, ...setup, escalation: { queues: ['Escalations', '2nd Line Escalations'], statuses: [] }, ...extra })
  return { id: partnership.id, slug: partnership.slug, scope }
}

async function tickets(partnershipId: string) {
  return (await db()).ticket.findMany({ where: { partnershipId }, orderBy: { externalId: 'asc' } })
}

describe('ConnectWise', () => {
  it('brings every ticket exactly once over Link-paged pages, and a re-sync changes nothing', async () => {
    mocks.connectwise.state.tickets.push(...Array.from({ length: 2500 }, (_, i) => cwTicket(i)), cwTicket(9000, { company: { id: 999, identifier: 'Other', name: 'Other Co' } }))
    const p = await partnership('connectwise')
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'succeeded', pages: 3, fetched: 2500, inserted: 2500, updated: 0, skipped: 0, total: 2500 })
    const rows = await tickets(p.id)
    expect(rows).toHaveLength(2500)
    expect(new Set(rows.map((r) => r.externalId)).size).toBe(2500)
    // The query carried the conditions syntax, the company filter and id ordering; page 2 came from the Link header.
    expect(mocks.connectwise.state.requests.map((r) => r.page)).toEqual([1, 2, 3])
    expect(mocks.connectwise.state.requests[0].conditions).toBe('company/id in (250)')

    const again = await runSync(p.id, { connector: fast })
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 })
    expect(mocks.connectwise.state.requests.at(-1)?.conditions).toMatch(/^lastUpdated >= \[2026-\d\d-\d\dT[\d:]+Z\] and company\/id in \(250\)$/)
    expect(await tickets(p.id)).toEqual(rows)

    // One ticket changes in the PSA: the next run updates that one alone.
    const changed = cwTicket(7, { summary: 'Changed upstream', _info: { lastUpdated: '2026-12-01T10:00:00Z', dateEntered: '2026-06-01T15:00:00Z' } })
    mocks.connectwise.state.tickets[7] = changed
    const third = await runSync(p.id, { connector: fast })
    // The ticket at the cursor comes back too (the condition is inclusive); the id tie-breaker knows it.
    expect(third).toMatchObject({ status: 'succeeded', fetched: 2, inserted: 0, updated: 1, unchanged: 1 })
    await expect((await db()).psaConnection.findUnique({ where: { partnershipId: p.id } })).resolves.toMatchObject({ cursorId: '100007', resume: null })
  }, 120_000) // 2,500 tickets and as many audit-trail reads: slow on a shared machine

  it('maps every field, including the vendor verdicts, the escalation rule and CSAT', async () => {
    mocks.connectwise.state.tickets.push(
      {
        id: 184523,
        summary: 'Outlook prompts for password repeatedly',
        board: { id: 1, name: 'Escalations' },
        status: { id: 23, name: '>Closed' },
        company: { id: 250, identifier: 'AcmeDental', name: 'Acme Dental Group' },
        owner: { id: 144, identifier: 'jsmith', name: 'Jane Smith' },
        priority: { id: 8, name: 'Priority 3 - Normal Response', sort: 6 },
        isInSla: false,
        closedFlag: true,
        closedDate: '2025-02-04T16:05:11Z',
        dateResponded: '2025-02-03T14:22:40Z',
        respondByGoalUTC: '2025-02-03T15:10:05Z',
        _info: { lastUpdated: '2025-02-04T16:05:12Z', dateEntered: '2025-02-03T14:10:05Z' },
      },
      // An older version: dateEntered at the top level, no dateResolved, null fields omitted.
      { id: 184524, summary: 'Printer', company: { id: 250 }, priority: { name: 'Priority 1 - Emergency Response' }, status: { name: 'New' }, dateEntered: '2025-02-05T09:00:00Z', _info: { lastUpdated: '2025-02-05T09:00:00Z' } },
    )
    mocks.connectwise.state.surveyResults.push({ id: 1, ticketId: 184523, totalPoints: 4 })
    const p = await partnership('connectwise', { settings: { surveyId: 12, csatScaleMax: 5 }, priorityMap: { 'Priority 3 - Normal Response': 'P2' } })
    await runSync(p.id, { connector: fast })
    const [closed, open] = await tickets(p.id)
    expect(closed).toMatchObject({
      source: 'connectwise',
      externalId: '184523',
      title: 'Outlook prompts for password repeatedly',
      priority: 'P2', // the connection's mapping wins over the default reading ("Priority 3 …" → P3)
      sourcePriority: 'Priority 3 - Normal Response',
      status: '>Closed',
      queue: 'Escalations',
      assignee: 'Jane Smith',
      createdAt: new Date('2025-02-03T14:10:05Z'),
      firstResponseAt: new Date('2025-02-03T14:22:40Z'),
      resolvedAt: new Date('2025-02-04T16:05:11Z'), // closedDate when there is no dateResolved
      escalated: true,
      csat: 4,
      vendorResponseMet: true,
      vendorResolutionMet: false,
    })
    expect(open).toMatchObject({ externalId: '184524', priority: 'P1', queue: null, assignee: null, createdAt: new Date('2025-02-05T09:00:00Z'), resolvedAt: null, escalated: false, vendorResponseMet: null, vendorResolutionMet: null })
  })

  it('skips a malformed record with its reason and keeps the rest', async () => {
    mocks.connectwise.state.tickets.push(cwTicket(1), cwTicket(2, { _info: { lastUpdated: 'yesterday', dateEntered: '2026-06-01T10:00:00Z' } }), cwTicket(3, { priority: null }), cwTicket(4))
    const p = await partnership('connectwise')
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'succeeded', fetched: 4, inserted: 2, skipped: 2 })
    expect(run.skippedReasons).toEqual([
      { externalId: '100002', reason: '_info.lastUpdated: not a timestamp ("yesterday")' },
      { externalId: '100003', reason: 'priority.name: missing' },
    ])
  })

  it('honours Retry-After on 429, backs off on 500 and on a timeout, then succeeds', async () => {
    mocks.connectwise.state.tickets.push(cwTicket(1))
    const p = await partnership('connectwise')
    let calls = 0
    server.use(
      http.get(`${CW_API}/service/tickets`, async () => {
        calls++
        if (calls === 1) return HttpResponse.json({ code: 'TooManyRequests' }, { status: 429, headers: { 'Retry-After': '7' } })
        if (calls === 2) return HttpResponse.json({ code: 'ServerError' }, { status: 500 })
        if (calls === 3) await delay('infinite')
        return undefined // passthrough to the regular mock handler
      }),
    )
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'succeeded', inserted: 1 })
    expect(calls).toBe(4)
    expect(sleeps[0]).toBe(7000)
    expect(sleeps.slice(1).every((ms) => ms >= 0 && ms <= 8)).toBe(true)
    expect(sleeps).toHaveLength(3)
  })

  it('stops with an AUTH status on refused credentials and on a missing clientId, and says which', async () => {
    mocks.connectwise.state.tickets.push(cwTicket(1))
    const p = await partnership('connectwise', { credentials: { ...CW_CREDENTIALS, privateKey: 'wrong' } })
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'failed', errorCode: 'AUTH', fetched: 0 })
    expect(run.error).toMatch(/refused the credentials \(HTTP 401\); check the company id/)
    // What the mock answers without any auth, as the real API does.
    const bare = await fetch(`${CW_API}/service/tickets`)
    expect(bare.status).toBe(401)
    const noClient = await fetch(`${CW_API}/service/tickets`, { headers: { Authorization: `Basic ${Buffer.from(`${CW_CREDENTIALS.companyId}+${CW_CREDENTIALS.publicKey}:${CW_CREDENTIALS.privateKey}`).toString('base64')}` } })
    expect(noClient.status).toBe(403)
  })

  it('resumes at page 3 after a run killed once page 2 was committed, with no ticket lost or doubled', async () => {
    // Pages of 100 (a status-history call per ticket makes each page cost a request per ticket).
    const paged = { ...fast, pageSize: 100 }
    mocks.connectwise.state.tickets.push(...Array.from({ length: 250 }, (_, i) => cwTicket(i)))
    const p = await partnership('connectwise')
    const killed = await runSync(p.id, {
      connector: paged,
      onPage: (page) => {
        if (page === 2) throw new AbortError('killed')
      },
    })
    expect(killed).toMatchObject({ status: 'failed', pages: 2, inserted: 200 })
    expect(await tickets(p.id)).toHaveLength(200)
    mocks.connectwise.state.requests.length = 0
    const resumed = await runSync(p.id, { connector: paged })
    expect(resumed).toMatchObject({ status: 'succeeded', pages: 1, fetched: 50, inserted: 50, updated: 0 })
    // The first request of the resumed run starts after the last id of page 2: page 3's tickets.
    expect(mocks.connectwise.state.requests[0].conditions).toBe('id > 100199 and company/id in (250)')
    const rows = await tickets(p.id)
    expect(rows).toHaveLength(250)
    expect(new Set(rows.map((r) => r.externalId)).size).toBe(250)
  })

  it('a full sync starts again from nothing and finds everything unchanged', async () => {
    mocks.connectwise.state.tickets.push(...Array.from({ length: 30 }, (_, i) => cwTicket(i)))
    const p = await partnership('connectwise')
    await runSync(p.id, { connector: fast })
    const full = await runSync(p.id, { connector: fast, full: true })
    expect(full).toMatchObject({ status: 'succeeded', full: true, fetched: 30, inserted: 0, updated: 0, unchanged: 30 })
  })
})

describe('Autotask', () => {
  it('discovers the zone, POSTs every next page with the same body, and maps picklist labels', async () => {
    // Pages of 100 (MaxRecords): each ticket also costs a TicketHistory query.
    mocks.autotask.state.tickets.push(...Array.from({ length: 250 }, (_, i) => atTicket(i)), atTicket(5000, {}, 700))
    mocks.autotask.state.surveyResults.push({ id: 1, ticketID: 29_001, surveyRating: 9, completeDate: '2026-06-03T10:00:00Z' })
    const p = await partnership('autotask')
    const run = await runSync(p.id, { connector: { ...fast, pageSize: 100 } })
    expect(run).toMatchObject({ status: 'succeeded', pages: 3, fetched: 250, inserted: 250, total: 250 })
    const queries = mocks.autotask.state.requests
    expect(queries.map((r) => `${r.method} ${r.path.replace(/paging=.*/, 'paging=…')}`)).toEqual([
      'POST /ATServicesRest/V1.0/Tickets/query',
      'POST /ATServicesRest/V1.0/Tickets/query/next?paging=…',
      'POST /ATServicesRest/V1.0/Tickets/query/next?paging=…',
    ])
    expect(queries[1].body).toEqual(queries[0].body)
    expect(queries[0].body).toEqual({ filter: [{ op: 'gt', field: 'id', value: 0 }, { op: 'in', field: 'companyID', value: [629] }], MaxRecords: 100 })
    const rows = await tickets(p.id)
    expect(new Set(rows.map((r) => r.externalId)).size).toBe(250)
    expect(rows.find((r) => r.externalId === '29001')).toMatchObject({
      title: 'T20260601.0001 Outlook prompts for password (1)',
      priority: 'P2', // "High"
      sourcePriority: 'High',
      status: 'Complete',
      queue: 'Service Desk',
      assignee: 'Jane Smith',
      createdAt: new Date('2026-06-01T09:00:00.113Z'),
      firstResponseAt: new Date('2026-06-01T09:12:00.070Z'), // two fraction digits
      resolvedAt: new Date('2026-06-02T11:00:00Z'),
      csat: 5,
      vendorResponseMet: true,
      vendorResolutionMet: true,
    })
    expect(rows.find((r) => r.externalId === '29010')).toMatchObject({ queue: 'Escalations', escalated: true, priority: 'P3', sourcePriority: 'Medium' })
    expect(rows.find((r) => r.externalId === '29012')).toMatchObject({ queue: 'Service Desk', escalated: false, priority: 'P1', sourcePriority: 'Critical' })
    expect(rows.find((r) => r.externalId === '29000')).toMatchObject({ status: 'In Progress', resolvedAt: null, vendorResolutionMet: null })
  })

  it('keeps at most three requests in flight per connection', async () => {
    const { createAutotaskConnector } = await import('../../server/connectors/autotask.ts')
    mocks.autotask.state.tickets.push(...Array.from({ length: 5 }, (_, i) => atTicket(i)))
    mocks.autotask.state.latencyMs = 30
    const connector = createAutotaskConnector({ baseUrl: AT_DISCOVERY, credentials: AT_CREDENTIALS, companyIds: [], http: { ...fast.http, concurrency: 10 } })
    await Promise.all(Array.from({ length: 8 }, async () => {
      for await (const page of connector.listChangedTickets(null, null)) return page
    }))
    expect(mocks.autotask.state.requests).toHaveLength(8)
    expect(mocks.autotask.state.maxInFlight).toBe(3)
  })

  it('stops with MALFORMED_PAGE on a page it cannot read, keeping what was committed', async () => {
    mocks.autotask.state.tickets.push(...Array.from({ length: 700 }, (_, i) => atTicket(i)))
    server.use(http.post(`${AT_ZONE}V1.0/Tickets/query/next`, () => HttpResponse.json({ items: 'oops', pageDetails: {} })))
    const p = await partnership('autotask')
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'failed', errorCode: 'MALFORMED_PAGE', pages: 1, inserted: 500 })
    expect(run.error).toBe('Autotask tickets: expected { items, pageDetails }')
    expect(await tickets(p.id)).toHaveLength(500)
  })

  it('answers 401 to a request without its three headers, and the run says AUTH', async () => {
    expect((await fetch(`${AT_ZONE}V1.0/Tickets/query`, { method: 'POST', body: '{}' })).status).toBe(401)
    const p = await partnership('autotask', { credentials: { ...AT_CREDENTIALS, secret: 'nope' } })
    expect(await runSync(p.id, { connector: fast })).toMatchObject({ status: 'failed', errorCode: 'AUTH' })
  })
})

describe('HaloPSA', () => {
  it('pages with pageinate/page_no/page_size, refreshes an expired token once, and maps its dates', async () => {
    mocks.halopsa.state.tickets.push(...Array.from({ length: 250 }, (_, i) => haloTicket(i)))
    mocks.halopsa.state.feedback.push({ id: 1, date: '2026-06-03T10:00:00.1234567Z', feedback_faultid: 10_001, score: 2, comment: 'ok' })
    const p = await partnership('halopsa')
    const run = await runSync(p.id, {
      connector: fast,
      onPage: (page) => {
        if (page === 1) mocks.halopsa.expireTokens()
      },
    })
    expect(run).toMatchObject({ status: 'succeeded', pages: 3, fetched: 250, inserted: 250, total: 250 })
    expect(mocks.halopsa.state.tokensIssued).toBe(2)
    expect(mocks.halopsa.state.requests.map((r) => r.pageNo)).toEqual([1, 2, 3])
    expect(mocks.halopsa.state.requests[0].path).toContain('pageinate=true&page_size=100&page_no=1')
    const rows = await tickets(p.id)
    expect(rows.find((r) => r.externalId === '10001')).toMatchObject({
      title: 'Outlook prompts for password (1)',
      priority: 'P2',
      sourcePriority: 'P2 - High',
      status: 'Closed',
      queue: '1st Line Support',
      assignee: 'Jane Smith',
      createdAt: new Date('2026-06-01T09:00:00Z'), // no zone: UTC
      firstResponseAt: new Date('2026-06-01T09:12:00Z'),
      resolvedAt: new Date('2026-06-02T11:00:00Z'),
      csat: 4, // Halo's 2 of 4, lower is better
      vendorResponseMet: true,
      vendorResolutionMet: true,
    })
    // Open: dateclosed 1900-01-01 is no date; slastate of an open ticket is no verdict.
    expect(rows.find((r) => r.externalId === '10000')).toMatchObject({ resolvedAt: null, vendorResponseMet: false, vendorResolutionMet: null, escalated: true })
    const incremental = await runSync(p.id, { connector: fast })
    expect(incremental).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 })
    expect(mocks.halopsa.state.requests.at(-1)?.path).toMatch(/datesearch=lastactiondate&startdate=2026-[\d-]+T[\d%A:]+&enddate=/)
  })

  it('resumes at page_no 3 after a kill, and a second token failure stops the run with AUTH', async () => {
    mocks.halopsa.state.tickets.push(...Array.from({ length: 250 }, (_, i) => haloTicket(i)))
    const p = await partnership('halopsa')
    await runSync(p.id, { connector: fast, onPage: (page) => { if (page === 2) throw new AbortError('killed') } })
    mocks.halopsa.state.requests.length = 0
    const resumed = await runSync(p.id, { connector: fast })
    expect(resumed).toMatchObject({ status: 'succeeded', inserted: 50 })
    expect(mocks.halopsa.state.requests[0].pageNo).toBe(3)
    expect(await tickets(p.id)).toHaveLength(250)

    server.use(http.get(`${HALO_INSTANCE}/api/Tickets`, () => new HttpResponse(null, { status: 401 })))
    const refused = await runSync(p.id, { connector: fast })
    expect(refused).toMatchObject({ status: 'failed', errorCode: 'AUTH' })
  })
})

describe('tenancy and secrets', () => {
  it('writes only into its own partnership and stores the credentials encrypted', async () => {
    mocks.connectwise.state.tickets.push(cwTicket(1), cwTicket(2))
    const a = await partnership('connectwise')
    const b = await partnership('connectwise')
    await runSync(a.id, { connector: fast })
    expect(await tickets(a.id)).toHaveLength(2)
    expect(await tickets(b.id)).toHaveLength(0)
    const stored = await (await db()).psaConnection.findUniqueOrThrow({ where: { partnershipId: a.id } })
    expect(stored.credentials).toMatch(/^v1\./)
    expect(stored.credentials).not.toContain(CW_CREDENTIALS.privateKey)
    // Ciphertext copied onto another partnership's row does not decrypt there.
    await (await db()).psaConnection.update({ where: { partnershipId: b.id }, data: { credentials: stored.credentials } })
    const refused = await runSync(b.id, { connector: fast })
    expect(refused).toMatchObject({ status: 'failed', errorCode: 'CONFIG', fetched: 0 })
    expect(refused.error).toMatch(/cannot be decrypted.*enter the credentials again/)
  })
})
