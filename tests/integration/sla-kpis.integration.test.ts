import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { formatServiceKpis } from '../../server/cli/format-service-kpis.ts'
import { buildPackSnapshot } from '../../server/pack/build-pack-snapshot.server.ts'
import { serviceKpis } from '../../server/sla/kpis/service-kpis.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { trpc, savePolicy } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

// Service KPIs beyond SLA % (ADR 024) on hand-made tickets whose answers are worked out below.
let server: TestServer
let alex: { token: string }
let casey: { token: string }
let ava: { token: string }
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  alex = { token: await tokenFor('alex@northwind.example') }
  casey = { token: await tokenFor('casey@contoso.example') }
  ava = { token: await tokenFor('ava@northwind.example') }
})

const slug = 'northwind-contoso'
const at = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString()
// P1 runs on a 24x7 clock in the demo policy, so its resolution minutes are wall-clock minutes.
const p1 = (externalId: string, createdAt: string, minutes: number, extra: Record<string, unknown>) => ({
  externalId,
  priority: 'P1',
  createdAt,
  firstResponseAt: at(createdAt, 5),
  resolvedAt: at(createdAt, minutes),
  ...extra,
})
const tickets = [
  p1('T1', '2026-07-01T12:00:00Z', 60, { reopens: 1, firstContact: false, origin: 'request', assignee: 'ann', queue: 'Service Desk' }),
  p1('T2', '2026-07-02T12:00:00Z', 120, { firstContact: true, origin: 'alert', assignee: 'ann', queue: 'Service Desk' }),
  p1('T3', '2026-07-03T12:00:00Z', 180, { firstContact: true, origin: 'maintenance', assignee: 'bob', queue: 'Network' }),
  p1('T4', '2026-07-04T12:00:00Z', 240, { assignee: 'cid', queue: 'Network' }),
  { externalId: 'T5', priority: 'P4', createdAt: '2026-08-05T12:00:00Z', origin: 'request', assignee: 'ann' },
  p1('T6', '2026-05-05T12:00:00Z', 30, { reopens: 2, origin: 'request', assignee: 'bob', queue: 'Network' }),
]
const asOf = '2026-10-15T00:00:00Z'

async function setUp() {
  expect((await savePolicy(server.url, alex, slug, DEMO_POLICY)).status).toBe(200)
  expect((await trpc(server.url, alex, 'mutation', 'tickets.upsert', { slug, tickets })).body.result?.data).toMatchObject({ inserted: 6 })
}

describe('sla.kpis', () => {
  it('computes each KPI for the quarter, the previous one and each month', async () => {
    await setUp()
    expect((await trpc(server.url, casey, 'mutation', 'org.setHeadcount', { org: 'contoso', headcount: 200, expected: null })).status).toBe(200)
    // As of now (every ticket resolved long before): the headcount in force is the one just set.
    const res = await trpc(server.url, casey, 'query', 'sla.kpis', { slug, quarter: '2026-Q3' })
    expect(res.status).toBe(200)
    const k = res.body.result?.data as Record<string, any>
    expect(k).toMatchObject({ quarter: '2026-Q3', previousQuarter: '2026-Q2', headcount: 200, topN: null })
    expect(k.current).toEqual({
      tickets: 5,
      resolved: 4,
      reopenRate: 25,
      firstContactRate: 66.67,
      firstContactKnown: 3,
      // T1, T2, T4, T5 (T3 is maintenance): 4 per 200 users.
      incidentsPer100Users: 2,
      incidents: 4,
      // Of T1, T2, T3, T5 (known origin), T2 (alert) and T3 (maintenance).
      proactiveShare: 50,
      originKnown: 4,
      medianResolutionMinutes: 150,
      // 0.9 of the way through [60, 120, 180, 240]: 180 + 0.7 × 60.
      p90ResolutionMinutes: 222,
    })
    expect(k.previous).toMatchObject({ tickets: 1, resolved: 1, reopenRate: 100, firstContactRate: null, incidentsPer100Users: 0.5, proactiveShare: 0, medianResolutionMinutes: 30 })
    expect(k.monthly.map((m: { month: string }) => m.month)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'])
    expect(k.monthly[3]).toMatchObject({ tickets: 4, resolved: 4, reopenRate: 25, keyPersonShare: 50 })
    expect(k.monthly[4]).toMatchObject({ tickets: 1, resolved: 0, reopenRate: null, medianResolutionMinutes: null, keyPersonShare: null })
    // Complex tickets resolved in Q3: ann 2, bob 1, cid 1; ann alone covers half.
    expect(k.keyPerson.current).toEqual({ share: 50, engineers: [{ assignee: 'ann', count: 2 }], considered: 4 })
    expect(k.keyPerson.previous).toEqual({ share: 100, engineers: [{ assignee: 'bob', count: 1 }], considered: 1 })
    expect(k.keyPerson.byQueue).toEqual([
      { queue: 'Network', share: 50, engineers: [{ assignee: 'bob', count: 1 }], considered: 2 },
      { queue: 'Service Desk', share: 100, engineers: [{ assignee: 'ann', count: 2 }], considered: 2 },
    ])
  })

  it('takes a top N for key-person dependency, and counts only what happened by the as-of instant', async () => {
    await setUp()
    const top2 = (await trpc(server.url, casey, 'query', 'sla.kpis', { slug, quarter: '2026-Q3', asOf, topN: 2 })).body.result?.data as Record<string, any>
    // ann 2 + bob 1 (bob before cid on a tie, by name) of 4.
    expect(top2.keyPerson.current).toMatchObject({ share: 75, considered: 4 })
    // The headcount as of an instant is the one in force then: none before it was first set.
    expect(top2.current.incidentsPer100Users).toBeNull()
    await trpc(server.url, casey, 'mutation', 'org.setHeadcount', { org: 'contoso', headcount: 200, expected: null })
    const past = (await trpc(server.url, casey, 'query', 'sla.kpis', { slug, quarter: '2026-Q3', asOf })).body.result?.data as Record<string, any>
    expect(past.headcount).toBeNull()
    // As of 2 July 13:00Z: T1 resolved, T2 created and resolved at 14:00 (not yet), T3… not created yet.
    const early = (await trpc(server.url, casey, 'query', 'sla.kpis', { slug, quarter: '2026-Q3', asOf: '2026-07-02T13:00:00Z' })).body.result?.data as Record<string, any>
    expect(early.current).toMatchObject({ tickets: 2, resolved: 1, reopenRate: 100, medianResolutionMinutes: 60 })
    const bad = await trpc(server.url, casey, 'query', 'sla.kpis', { slug, quarter: '2026-Q3', topN: 0 })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body.error)).toContain('topN')
  })
})

describe('accord sla kpis', () => {
  // The command is serviceKpis (as sla.kpis) printed by formatServiceKpis: the text is checked on real figures here
  // (running the CLI in-process would open its own database).
  it('prints the rows of the SLA page and the pack', async () => {
    await setUp()
    const scope = await unsafeOperatorScope(slug)
    const text = formatServiceKpis(await serviceKpis(scope, { slug, quarter: '2026-Q3', asOf, topN: 2 }))
    expect(text).toMatch(/^Reopen rate +25\.0% \(better\) +100\.0% /m)
    expect(text).toMatch(/^Key-person share +75\.0% \(better\) +100\.0% /m)
    expect(text).toContain('Service Desk: 100% of 2 complex ticket(s), ann (2)')
  })
})

describe('the pack', () => {
  it('holds the figures of sla.kpis as of its instant', async () => {
    await setUp()
    const api = (await trpc(server.url, casey, 'query', 'sla.kpis', { slug, quarter: '2026-Q3', asOf })).body.result?.data
    const snapshot = await buildPackSnapshot(await unsafeOperatorScope(slug), { slug, quarter: '2026-Q3', asOf })
    expect(snapshot.serviceKpis).toEqual(api)
  })
})

describe('org.setHeadcount', () => {
  it('is set by the client admin, validated, and refuses a stale edit', async () => {
    const set = (token: { token: string }, org: string, input: Record<string, unknown>) => trpc(server.url, token, 'mutation', 'org.setHeadcount', { org, ...input })
    expect((await set(casey, 'contoso', { headcount: 150, expected: null })).body.result?.data).toEqual({ headcount: 150 })
    const stale = await set(casey, 'contoso', { headcount: 160, expected: null })
    expect(stale.status).toBe(409)
    const zero = await set(casey, 'contoso', { headcount: 0, expected: 150 })
    expect(zero.status).toBe(400)
    expect(JSON.stringify(zero.body.error)).toContain('headcount')
    const msp = await set(ava, 'northwind', { headcount: 10, expected: null })
    expect(msp.status).toBe(400)
    expect((await trpc(server.url, casey, 'query', 'org.headcount', { org: 'contoso' })).body.result?.data).toEqual({ org: { slug: 'contoso', name: expect.any(String) }, headcount: 150, kind: 'CLIENT', canEdit: true })
  })
})
