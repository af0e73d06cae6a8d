// Issue 13 D2: a valid policy (one business minute a week, 525,600-minute targets) blocked the event loop for 59 s
// on each sla.explainTicket. Such a policy is now refused by the shared schema, naming the field; a version stored
// before the bounds is refused with a 409 instead of being evaluated; the most demanding policy the bounds accept
// answers at once (the limits below are seconds of margin on a loaded machine against the probe's 59 s).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { page, savePolicy, signIn, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
let alex: { token: string }
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  alex = { token: await tokenFor('alex@northwind.example') }
})

const slug = 'northwind-contoso'
const EMPTY = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }
const business = (responseMinutes: number, resolutionMinutes: number) =>
  Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { responseMinutes, resolutionMinutes, clock: 'business' }]))
const PROBE = { ...DEMO_POLICY, businessHours: { ...EMPTY, mon: [['08:00', '08:01']] }, targets: business(525_600, 525_600) }

async function versions() {
  return (await db()).slaPolicy.count({ where: { partnership: { slug } } })
}

describe('SLA policy bounds (issue 13 D2)', () => {
  it('refuses the probe’s policy with a 400 naming businessHours, and writes no version', async () => {
    const res = await savePolicy(server.url, alex, slug, PROBE)
    expect(res.status).toBe(400)
    expect(res.body.error?.data.fieldErrors).toEqual([{ field: 'policy.businessHours', message: 'At least 1 business hour a week (these windows add up to 1 minutes)' }])
    expect(await versions()).toBe(0)
  })

  it('names a target above a year of business time and a response target above the resolution target', async () => {
    const policy = {
      ...DEMO_POLICY,
      businessHours: { ...EMPTY, mon: [['08:00', '09:00']] },
      targets: { ...business(60, 3128), P2: { responseMinutes: 3200, resolutionMinutes: 3129, clock: 'business' } },
    }
    const res = await savePolicy(server.url, alex, slug, policy)
    expect(res.status).toBe(400)
    expect(res.body.error?.data.fieldErrors).toEqual([
      { field: 'policy.targets.P2.responseMinutes', message: "At most a year of this policy's business time (3128 business minutes)" },
      { field: 'policy.targets.P2.resolutionMinutes', message: "At most a year of this policy's business time (3128 business minutes)" },
      { field: 'policy.targets.P2.responseMinutes', message: 'Must not exceed the resolution target' },
    ])
    expect(await versions()).toBe(0)
  })

  it('answers explainTicket at once under the most demanding accepted policy: 1 business hour a week, 1-year targets', async () => {
    const policy = { ...DEMO_POLICY, businessHours: { ...EMPTY, mon: [['08:00', '09:00']] }, targets: business(3128, 3128) }
    expect((await savePolicy(server.url, alex, slug, policy)).status).toBe(200)
    const push = await trpc(server.url, alex, 'mutation', 'tickets.upsert', { slug, tickets: [{ externalId: 'SLOW-1', priority: 'P3', createdAt: '2026-07-13T08:00:00-04:00' }] })
    expect(push.status).toBe(200)
    const started = performance.now()
    const res = await trpc(server.url, alex, 'query', 'sla.explainTicket', { slug, externalId: 'SLOW-1', asOf: '2026-07-20T12:00:00Z' })
    expect(res.status).toBe(200)
    expect(performance.now() - started).toBeLessThan(5_000)
    // 3128 business minutes at one hour each Monday: 52 Mondays and 8 minutes of a 53rd, a year later.
    const data = res.body.result?.data as { resolution: { dueAt: string; verdict: string } }
    expect(data.resolution).toMatchObject({ verdict: 'pending', dueAt: '2027-07-12T12:08:00.000Z' })
  })

  it('refuses a version stored before the bounds with a 409 naming the policy, instead of evaluating it', async () => {
    const prisma = await db()
    const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } })
    await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: 'Legacy', definition: PROBE as object, createdByLabel: 'before the bounds' } })
    await trpc(server.url, alex, 'mutation', 'tickets.upsert', { slug, tickets: [{ externalId: 'SLOW-2', priority: 'P3', createdAt: '2026-07-13T08:00:00-04:00' }] })
    const started = performance.now()
    const res = await trpc(server.url, alex, 'query', 'sla.explainTicket', { slug, externalId: 'SLOW-2' })
    expect(res.status).toBe(409)
    expect(res.body.error?.data.fieldErrors).toEqual([{ field: 'policy.businessHours', message: 'At least 1 business hour a week (these windows add up to 1 minutes)' }])
    expect(performance.now() - started).toBeLessThan(5_000)
    // The policy page still opens: it says why, and its form saves on top of the refused version.
    const html = await (await page(server.url, await signIn(server.url, 'alex@northwind.example'), `/p/${slug}/sla/policy`)).text()
    expect(html).toContain('version 1 no longer passes the policy rules')
    expect(html).toContain('name="baseVersion" value="1"')
    // Saving a corrected version lifts it.
    expect((await savePolicy(server.url, alex, slug, DEMO_POLICY)).status).toBe(200)
    expect((await trpc(server.url, alex, 'query', 'sla.explainTicket', { slug, externalId: 'SLOW-2' })).status).toBe(200)
  })
})
