import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { page, signIn, trpc, savePolicy } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
let alex: { token: string }
let casey: { token: string }
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  alex = { token: await tokenFor('alex@northwind.example') }
  casey = { token: await tokenFor('casey@contoso.example') }
})

const slug = 'northwind-contoso'
// P2 (business clock, response 60 min, resolution 480 min), America/New_York, Mon–Fri 08:00–18:00.
const tickets = [
  // met both: responded in 30 min, resolved in 4 business hours
  { externalId: 'A', priority: 'P2', createdAt: '2026-07-13T09:00:00-04:00', firstResponseAt: '2026-07-13T09:30:00-04:00', resolvedAt: '2026-07-13T13:00:00-04:00', vendorResolutionMet: false },
  // response breached (90 min), resolution met thanks to an overnight pause
  {
    externalId: 'B',
    priority: 'P2',
    createdAt: '2026-07-13T14:00:00-04:00',
    firstResponseAt: '2026-07-13T15:30:00-04:00',
    resolvedAt: '2026-07-14T15:00:00-04:00',
    pauses: [{ start: '2026-07-13T17:00:00-04:00', end: '2026-07-14T10:00:00-04:00' }],
  },
  // created in Q3, breached resolution decided in Q3 (due 30 Sep 12:00), resolved in Q4
  { externalId: 'C', priority: 'P3', createdAt: '2026-09-28T08:00:00-04:00', firstResponseAt: '2026-09-28T09:00:00-04:00', resolvedAt: '2026-10-02T10:00:00-04:00' },
  // still open as of the report: response breached, resolution pending
  { externalId: 'D', priority: 'P4', createdAt: '2026-09-30T17:00:00-04:00' },
]

describe('SLA through the API', () => {
  it('sets a versioned policy, ingests tickets and reports attainment ticket by ticket', async () => {
    expect((await savePolicy(server.url, alex, slug, DEMO_POLICY)).body.result?.data).toMatchObject({ version: 1 })
    const push = await trpc(server.url, alex, 'mutation', 'tickets.upsert', { slug, tickets })
    expect(push.body.result?.data).toEqual({ inserted: 4, updated: 0, unchanged: 0 })

    const report = await trpc(server.url, casey, 'query', 'sla.report', { slug, quarter: '2026-Q3', asOf: '2026-10-01T12:00:00Z' })
    expect(report.status).toBe(200)
    const r = report.body.result?.data as Record<string, any>
    expect(r.policy).toEqual({ version: 1, name: 'Standard' })
    // Response: A met, B breached (90 min), C met, D pending (due 1 Oct 15:00 local, after the as-of instant).
    expect(r.totals.response.overall).toEqual({ met: 2, breached: 1, pending: 1, attainment: (100 * 2) / 3 })
    // Resolution: A and B met, C breached at its due instant (30 Sep 12:00) though resolved later, D pending.
    expect(r.totals.resolution.overall).toEqual({ met: 2, breached: 1, pending: 1, attainment: (100 * 2) / 3 })
    expect(r.totals.resolution.byMonth['2026-09']).toEqual({ met: 0, breached: 1, pending: 0, attainment: 0 })
    const byId = Object.fromEntries(r.tickets.map((t: { externalId: string }) => [t.externalId, t]))
    expect(byId.B.resolution).toEqual({ verdict: 'met', dueAt: '2026-07-14T19:00:00.000Z', elapsedMinutes: 480, pausedMinutes: 180, decidedAt: '2026-07-14T19:00:00.000Z', completionUnknown: false })
    expect(byId.C.resolution).toMatchObject({ verdict: 'breached', dueAt: '2026-09-30T16:00:00.000Z', decidedAt: '2026-09-30T16:00:00.000Z' })
    expect(byId.D.response).toMatchObject({ verdict: 'pending', dueAt: '2026-10-01T19:00:00.000Z', decidedAt: null })
    expect(r.breaches.map((t: { externalId: string }) => t.externalId)).toEqual(['B', 'C'])
    expect(r.disagreements).toEqual([{ externalId: 'A', title: expect.any(String), metric: 'resolution', ours: 'met', vendor: 'breached' }])
  })

  it('names the field of an inconsistent policy and keeps the current version', async () => {
    await savePolicy(server.url, alex, slug, DEMO_POLICY)
    const bad = await savePolicy(server.url, alex, slug, { ...DEMO_POLICY, timezone: 'Nowhere/Land' })
    expect(bad.status).toBe(400)
    expect(bad.body.error?.data.fieldErrors).toEqual([{ field: 'policy.timezone', message: 'Unknown timezone: use an IANA name like America/New_York' }])
    const versions = await (await db()).slaPolicy.count()
    expect(versions).toBe(1)
  })

  it('lets the client read but not change the policy', async () => {
    await savePolicy(server.url, alex, slug, DEMO_POLICY)
    expect((await trpc(server.url, casey, 'query', 'sla.policy', { slug })).body.result?.data).toMatchObject({ version: 1 })
    expect((await savePolicy(server.url, casey, slug, DEMO_POLICY)).body.error?.data.code).toBe('FORBIDDEN')
  })

  it('saves a policy only on top of the version its editor opened: a save on an older one is a 409 and writes nothing', async () => {
    const ava = { token: await tokenFor('ava@northwind.example') }
    const save = (auth: { token: string }, baseVersion: unknown, name: string) => trpc(server.url, auth, 'mutation', 'sla.setPolicy', { slug, policy: { ...DEMO_POLICY, name }, baseVersion })
    const missing = await trpc(server.url, alex, 'mutation', 'sla.setPolicy', { slug, policy: DEMO_POLICY })
    expect(missing.status).toBe(400)
    expect(missing.body.error?.data.fieldErrors.map((f) => f.field)).toEqual(['baseVersion'])
    expect((await save(alex, 1, 'First')).body.error?.data.fieldErrors).toEqual([{ field: 'baseVersion', message: 'baseVersion: there is no version 1; this partnership has no SLA policy yet (0)' }])
    expect((await save(alex, 0, 'First')).body.result?.data).toMatchObject({ version: 1 })
    // Both open version 1; Ava saves first, then Alex's save on version 1 would replace her targets unseen.
    expect((await save(ava, 1, 'Ava’s')).body.result?.data).toMatchObject({ version: 2 })
    const stale = await save(alex, 1, 'Alex’s')
    expect(stale.status).toBe(409)
    expect(stale.body.error?.data.code).toBe('CONFLICT')
    expect(stale.body.error?.data.fieldErrors).toEqual([{ field: 'baseVersion', message: expect.stringMatching(/^baseVersion: version 2 was saved by Ava Northcott .* since you opened version 1/) }])
    expect((await save(alex, 0, 'Alex’s')).status).toBe(409)
    expect((await (await db()).slaPolicy.findMany({ orderBy: { version: 'asc' } })).map((p) => p.name)).toEqual(['First', 'Ava’s'])
    // Saved again knowingly, on top of version 2.
    expect((await save(alex, 2, 'Alex’s')).body.result?.data).toMatchObject({ version: 3 })
    // Two saves on the same version at once: one is version 4, the other a 409, never both.
    const both = await Promise.all([save(alex, 3, 'One'), save(ava, 3, 'Other')])
    expect(both.map((r) => r.status).sort()).toEqual([200, 409])
    expect(both.find((r) => r.status === 409)!.body.error?.data.fieldErrors.map((f) => f.field)).toEqual(['baseVersion'])
    expect(await (await db()).slaPolicy.count()).toBe(4)
  })

  it('the policy page keeps a stale editor’s text unsaved, says who saved since, and saves it on a second, knowing submit', async () => {
    const ava = { token: await tokenFor('ava@northwind.example') }
    expect((await trpc(server.url, ava, 'mutation', 'sla.setPolicy', { slug, policy: DEMO_POLICY, baseVersion: 0 })).status).toBe(200)
    const session = await signIn(server.url, 'alex@northwind.example')
    const submit = (baseVersion: string) =>
      fetch(`${server.url}/p/${slug}/sla/policy?_data=routes%2Fp.%24slug.sla.policy`, {
        method: 'POST',
        headers: { Cookie: session.cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ policy: JSON.stringify({ ...DEMO_POLICY, name: 'Alex’s' }), baseVersion }),
      })
    const page1 = await (await page(server.url, session, `/p/${slug}/sla/policy`)).text()
    expect(page1).toContain('name="baseVersion" value="1"')
    // Ava saves version 2 while Alex edits version 1.
    expect((await trpc(server.url, ava, 'mutation', 'sla.setPolicy', { slug, policy: { ...DEMO_POLICY, name: 'Ava’s' }, baseVersion: 1 })).status).toBe(200)
    const refused = await submit('1')
    expect(refused.status).toBe(409)
    const body = (await refused.json()) as { ok: boolean; message: string; text: string; baseVersion: number }
    expect(body).toMatchObject({ ok: false, baseVersion: 2, text: expect.stringContaining('Alex’s') })
    expect(body.message).toBe('Not saved: Ava Northcott <ava@northwind.example> saved version 2 since you opened version 1. Compare it (under Versions), then save again to put your text, kept below, on top of it.')
    expect(await (await db()).slaPolicy.count()).toBe(2)
    expect((await submit('2')).status).toBe(200)
    expect((await (await db()).slaPolicy.findFirstOrThrow({ orderBy: { version: 'desc' } })).name).toBe('Alex’s')
  })

  it('explains a ticket’s clock', async () => {
    await savePolicy(server.url, alex, slug, DEMO_POLICY)
    await trpc(server.url, alex, 'mutation', 'tickets.upsert', { slug, tickets })
    const e = (await trpc(server.url, casey, 'query', 'sla.explainTicket', { slug, externalId: 'B', asOf: '2026-08-01T00:00:00Z' })).body.result?.data as Record<string, any>
    expect(e.pauses).toEqual([{ start: '2026-07-13T21:00:00.000Z', end: '2026-07-14T14:00:00.000Z', clockMinutes: 180 }])
    expect(e.windows.map((w: { minutes: number }) => w.minutes)).toEqual([240, 420])
    expect(e.resolution.verdict).toBe('met')
  })
})

describe('priority mapping', () => {
  const gold = [
    { externalId: 'G1', priority: 'Gold', createdAt: '2026-07-13T09:00:00-04:00', firstResponseAt: '2026-07-13T09:45:00-04:00' },
    { externalId: 'G2', priority: 'gold ', createdAt: '2026-07-13T10:00:00-04:00' },
    { externalId: 'S1', priority: 'Silver', createdAt: '2026-07-13T11:00:00-04:00' },
  ]
  const set = (mapping: Record<string, string>) => trpc(server.url, alex, 'mutation', 'sla.setPriorityMapping', { slug, source: 'api', mapping })
  const stored = async () => Object.fromEntries((await (await db()).ticket.findMany({ orderBy: { externalId: 'asc' } })).map((t) => [t.externalId, t.priority]))

  it('re-maps stored tickets when the mapping changes, so a re-import of the same data stays unchanged', async () => {
    await savePolicy(server.url, alex, slug, DEMO_POLICY)
    const unmapped = await trpc(server.url, alex, 'mutation', 'tickets.upsert', { slug, tickets: gold })
    expect(unmapped.status).toBe(400)
    expect(unmapped.body.error?.data.fieldErrors.map((f: { field: string }) => f.field)).toEqual(['tickets.0.priority', 'tickets.1.priority', 'tickets.2.priority'])

    expect((await set({ Gold: 'P1', Silver: 'P2' })).status).toBe(200)
    expect((await trpc(server.url, alex, 'mutation', 'tickets.upsert', { slug, tickets: gold })).body.result?.data).toEqual({ inserted: 3, updated: 0, unchanged: 0 })
    expect(await stored()).toEqual({ G1: 'P1', G2: 'P1', S1: 'P2' })
    const asP1 = (await trpc(server.url, casey, 'query', 'sla.report', { slug, quarter: '2026-Q3', asOf: '2026-10-01T12:00:00Z' })).body.result?.data as Record<string, any>
    expect(asP1.totals.response.byPriority.P1).toMatchObject({ met: 0, breached: 2 })

    const changed = await set({ Gold: 'P3', Silver: 'P2' })
    expect(changed.body.result?.data).toMatchObject({ remappedTickets: 2 })
    expect(await stored()).toEqual({ G1: 'P3', G2: 'P3', S1: 'P2' })
    const asP3 = (await trpc(server.url, casey, 'query', 'sla.report', { slug, quarter: '2026-Q3', asOf: '2026-10-01T12:00:00Z' })).body.result?.data as Record<string, any>
    expect(asP3.totals.response.byPriority.P3).toMatchObject({ met: 1, breached: 1 })
    expect(asP3.totals.response.byPriority.P1).toMatchObject({ met: 0, breached: 0 })
    expect((await trpc(server.url, alex, 'mutation', 'tickets.upsert', { slug, tickets: gold })).body.result?.data).toEqual({ inserted: 0, updated: 0, unchanged: 3 })

    const uses = (await trpc(server.url, casey, 'query', 'sla.sourcePriorities', { slug })).body.result?.data
    expect(uses).toEqual([
      { source: 'api', name: 'Gold', priority: 'P3', tickets: 1 },
      { source: 'api', name: 'Silver', priority: 'P2', tickets: 1 },
      { source: 'api', name: 'gold', priority: 'P3', tickets: 1 },
    ])
  })

  it('refuses to drop a name stored tickets still use, naming the field, and changes nothing', async () => {
    await set({ Gold: 'P1', Silver: 'P2' })
    await trpc(server.url, alex, 'mutation', 'tickets.upsert', { slug, tickets: gold })
    const events = await (await db()).auditEvent.count()
    const refused = await set({ Gold: 'P2' })
    expect(refused.status).toBe(400)
    expect(refused.body.error?.data.fieldErrors).toEqual([{ field: 'mapping', message: '"Silver" is the priority of 1 stored ticket(s); map it to P1–P4' }])
    expect(await stored()).toEqual({ G1: 'P1', G2: 'P1', S1: 'P2' })
    expect((await trpc(server.url, casey, 'query', 'sla.priorityMappings', { slug })).body.result?.data).toEqual({ api: { gold: 'P1', silver: 'P2' } })
    expect(await (await db()).auditEvent.count()).toBe(events)
  })
})

describe('priority mapping page', () => {
  const post = (cookie: string, fields: Array<[string, string]>) =>
    fetch(`${server.url}/p/${slug}/sla/priorities?_data=routes%2Fp.%24slug.sla.priorities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, Cookie: cookie },
      body: new URLSearchParams(fields),
    })

  it('saves the rows with a name (blank rows ignored) for the MSP; names the field when a named row has no level', async () => {
    const { cookie } = await signIn(server.url, 'alex@northwind.example')
    const saved = await post(cookie, [['source', 'csv'], ['name', 'Gold'], ['priority', 'P1'], ['name', ''], ['priority', ''], ['name', 'Bronze'], ['priority', 'P4']])
    expect(saved.status).toBe(200)
    expect((await trpc(server.url, casey, 'query', 'sla.priorityMappings', { slug })).body.result?.data).toEqual({ csv: { gold: 'P1', bronze: 'P4' } })
    const html = await (await page(server.url, { cookie }, `/p/${slug}/sla/priorities`)).text()
    expect(html).toContain('value="gold"')
    expect(html).toContain('Save mapping for csv')

    const bad = await post(cookie, [['source', 'csv'], ['name', 'Gold'], ['priority', '']])
    expect(bad.status).toBe(400)
    expect((await bad.json()).fieldErrors).toEqual([{ field: 'mapping.Gold', message: 'Map to P1, P2, P3 or P4' }])
    expect((await trpc(server.url, casey, 'query', 'sla.priorityMappings', { slug })).body.result?.data).toEqual({ csv: { gold: 'P1', bronze: 'P4' } })
  })

  it('shows the client the mapping read-only and refuses its post with 403', async () => {
    const { cookie } = await signIn(server.url, 'casey@contoso.example')
    const html = await (await page(server.url, { cookie }, `/p/${slug}/sla/priorities`)).text()
    expect(html).not.toContain('Save mapping')
    expect((await post(cookie, [['source', 'csv'], ['name', 'Gold'], ['priority', 'P1']])).status).toBe(403)
    expect(await (await db()).priorityMapping.count()).toBe(0)
  })
})

describe('CSV import over HTTP', () => {
  const csv = [
    'externalId,title,priority,status,queue,assignee,createdAt,firstResponseAt,resolvedAt,pauses,escalated,csat',
    'C-1,Printer,P3,Closed,Desk,Jo,2026-07-13T09:00:00-04:00,2026-07-13T09:20:00-04:00,2026-07-13T12:00:00-04:00,,no,5',
    'C-2,Bad,P7,Open,,,2026-07-13T09:00:00-04:00,,,,,',
  ].join('\n')
  const post = (auth: Record<string, string>, path = `/api/partnerships/${slug}/tickets-csv`) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'text/csv', ...auth }, body: csv })

  it('streams progress and a summary that names the bad row, for the MSP', async () => {
    const response = await post({ Authorization: `Bearer ${alex.token}` })
    expect(response.status).toBe(200)
    const lines = (await response.text()).trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.some((l) => l.progress)).toBe(true)
    expect(lines.at(-1).summary).toMatchObject({ inserted: 1, rejected: 1, errors: [{ line: 3, field: 'priority' }] })
  })

  it('refuses the client (403), another tenant (404) and an anonymous caller (401), writing nothing', async () => {
    expect((await post({ Authorization: `Bearer ${casey.token}` })).status).toBe(403)
    const tara = await tokenFor('tara@tailspin.example')
    expect((await post({ Authorization: `Bearer ${tara}` })).status).toBe(404)
    expect((await post({ Origin: server.url })).status).toBe(401)
    expect((await post({})).status).toBe(403) // a cookie-less browser post without Origin is refused before anything runs
    expect((await post({ Cookie: 'accord_session=forged', Origin: 'https://evil.example' })).status).toBe(403)
    expect(await (await db()).ticket.count()).toBe(0)
  })
})
