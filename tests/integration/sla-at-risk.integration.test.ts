// At risk before breach (issue 11 §6): the 5-minute sweep (runSlaAlertScan) alerts a pending clock once it has used
// the policy's atRiskShare of its budget, once per ticket and clock, to the MSP's chosen recipients and to client
// users who opted in; the SLA page and sla.atRisk list the at-risk clocks soonest due first. Mail lands in the
// outbox (no SMTP configured).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { configureMail } from '../../emails/send-email.server.ts'
import { db } from '../../server/db/client.server.ts'
import { runSlaAlertScan } from '../../server/notifications/sla-alerts.server.ts'
import { DEMO_POLICY, type SlaPolicy } from '../../server/sla/policy.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { page, signIn, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  await configureMail({ smtpUrl: undefined })
})

const slug = 'northwind-contoso'
const APP = 'http://accord.test'
// DEMO_POLICY: America/New_York, Mon–Fri 08:00–18:00; P2 60 min response, 480 business minutes resolution.
const at = (local: string) => new Date(`2026-07-13T${local}:00-04:00`)
const scan = (local: string) => runSlaAlertScan(at(local), { appUrl: APP })

async function setup(policy: SlaPolicy = DEMO_POLICY) {
  const prisma = await db()
  const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } })
  await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: policy.name, definition: policy as object, createdByLabel: 'test' } })
  const ticket = await prisma.ticket.create({
    data: { partnershipId: p.id, source: 'api', externalId: 'INC-7', title: 'Printer on fire', priority: 'P2', status: 'Open', createdAt: at('09:00'), pauses: [], contentHash: 'INC-7' },
  })
  return { partnership: p, ticket }
}

async function atRiskMail() {
  const rows = await (await db()).outboxMessage.findMany({ where: { kind: 'SLA_AT_RISK' }, orderBy: [{ subject: 'asc' }, { to: 'asc' }] })
  return rows.map((r) => `${r.to} | ${r.subject}`)
}

async function optIn(email: string) {
  const auth = { token: await tokenFor(email) }
  const prefs = (await trpc(server.url, auth, 'query', 'notifications.preferences')).body.result!.data as Array<{ kind: string; enabled: boolean; locked: boolean }>
  const enabled = [...prefs.filter((p) => p.enabled && !p.locked).map((p) => p.kind), 'SLA_AT_RISK']
  expect((await trpc(server.url, auth, 'mutation', 'notifications.setPreferences', { enabled })).status).toBe(200)
}

describe('at-risk alerts', () => {
  it('alert each clock once as the sweep crosses 75% of its budget, to the MSP’s admins and account managers and opted-in clients', async () => {
    const { ticket } = await setup()
    await optIn('casey@contoso.example')

    // 09:40: 40 of 60 response minutes (67%). Nothing.
    expect(await scan('09:40')).toMatchObject({ atRisk: 0, messages: 0 })
    expect(await atRiskMail()).toEqual([])

    // 09:45: 45 of 60 (75%): the response clock is at risk.
    expect(await scan('09:45')).toMatchObject({ atRisk: 1, messages: 3 })
    const subject = 'SLA at risk: P2 INC-7 first response, 75% used (Northwind Managed Services × Contoso Manufacturing)'
    expect(await atRiskMail()).toEqual([`alex@northwind.example | ${subject}`, `ava@northwind.example | ${subject}`, `casey@contoso.example | ${subject}`])
    const body = await (await db()).outboxMessage.findFirstOrThrow({ where: { kind: 'SLA_AT_RISK', to: 'alex@northwind.example' } })
    expect(body.text).toContain(`${APP}/p/${slug}/sla/tickets/INC-7`)
    expect(body.text).toContain('Target 1 h on the business-hours clock; it is due 13 Jul 2026, 10:00 GMT-4.')

    // Later sweeps, and a second process at the same instant, send nothing more for that clock.
    expect(await scan('09:50')).toMatchObject({ atRisk: 0 })
    expect(await scan('09:50')).toMatchObject({ atRisk: 0 })
    expect(await atRiskMail()).toHaveLength(3)

    // Responded at 09:55. Resolution: 480 business minutes, 75% = 360 → 15:00.
    await (await db()).ticket.update({ where: { id: ticket.id }, data: { firstResponseAt: at('09:55') } })
    expect(await scan('14:55')).toMatchObject({ atRisk: 0 })
    expect(await scan('15:00')).toMatchObject({ atRisk: 1, messages: 3 })
    expect(await scan('15:05')).toMatchObject({ atRisk: 0 })
    const rows = await (await db()).slaAtRiskAlert.findMany({ orderBy: { metric: 'asc' } })
    expect(rows.map((r) => [r.metric, r.usedShare, r.dueAt?.toISOString()])).toEqual([
      ['resolution', 0.75, '2026-07-13T21:00:00.000Z'],
      ['response', 0.75, '2026-07-13T14:00:00.000Z'],
    ])
    expect(await atRiskMail()).toHaveLength(6)
  })

  it('alert only the recipients the policy names at the MSP, at its own share, and no client who did not opt in', async () => {
    await setup({ ...DEMO_POLICY, atRiskShare: 0.5, atRiskRecipients: ['sam@northwind.example', 'tara@tailspin.example'] })
    expect(await scan('09:29')).toMatchObject({ atRisk: 0 })
    expect(await scan('09:30')).toMatchObject({ atRisk: 1, messages: 1 })
    // Tara is not a member of Northwind: named or not, she hears nothing of its tickets.
    expect((await atRiskMail()).map((m) => m.split(' | ')[0])).toEqual(['sam@northwind.example'])
  })

  it('never alerts a clock that breached before the sweep saw it at risk', async () => {
    await setup()
    // First sweep at 10:30: the response breached at 10:00 (a breach alert, not an at-risk one); the resolution has
    // used 90 of 480 minutes.
    expect(await scan('10:30')).toMatchObject({ atRisk: 0, detected: 1 })
    expect(await atRiskMail()).toEqual([])
  })
})

describe('the at-risk list', () => {
  it('lists at-risk clocks soonest due first through sla.atRisk, for both parties', async () => {
    const { partnership } = await setup()
    const prisma = await db()
    // INC-8: P3 created 08:00, 240 min response due 12:00; at 11:30 it has used 210 (88%).
    await prisma.ticket.create({
      data: { partnershipId: partnership.id, source: 'api', externalId: 'INC-8', title: 'Slow VPN', priority: 'P3', status: 'Open', createdAt: at('08:00'), pauses: [], contentHash: 'INC-8' },
    })
    const asOf = at('09:50').toISOString()
    for (const email of ['alex@northwind.example', 'casey@contoso.example']) {
      const res = await trpc(server.url, { token: await tokenFor(email) }, 'query', 'sla.atRisk', { slug, asOf })
      expect(res.status).toBe(200)
      const data = res.body.result!.data as { total: number; atRiskShare: number; clocks: Array<{ externalId: string; metric: string; dueAt: string; usedShare: number }> }
      // INC-7's response (due 10:00, 50 of 60) only: INC-8's is at 110 of 240.
      expect(data).toMatchObject({ total: 1, atRiskShare: 0.75 })
      expect(data.clocks.map((c) => [c.externalId, c.metric, c.dueAt])).toEqual([['INC-7', 'response', '2026-07-13T14:00:00.000Z']])
    }
    const later = await trpc(server.url, { token: await tokenFor('alex@northwind.example') }, 'query', 'sla.atRisk', { slug, asOf: at('11:30').toISOString() })
    const clocks = (later.body.result!.data as { clocks: Array<{ externalId: string; metric: string; dueAt: string }> }).clocks
    // At 11:30 INC-7's response has breached (not at risk any more); INC-8's response (210/240) is due at 12:00.
    expect(clocks.map((c) => [c.externalId, c.metric, c.dueAt])).toEqual([['INC-8', 'response', '2026-07-13T16:00:00.000Z']])
    const bad = await trpc(server.url, { token: await tokenFor('alex@northwind.example') }, 'query', 'sla.atRisk', { slug, asOf: 'yesterday' })
    expect(bad.status).toBe(400)
    expect(bad.body.error?.data.fieldErrors?.[0]?.field).toBe('asOf')
  })

  it('shows the at-risk tickets on the SLA page', async () => {
    const { partnership } = await setup()
    // P1 on the 24x7 clock: 240 min resolution, responded; created 200 min ago, so 83% used now.
    const createdAt = new Date(Date.now() - 200 * 60_000)
    await (await db()).ticket.create({
      data: { partnershipId: partnership.id, source: 'api', externalId: 'INC-9', title: 'Core switch flapping', priority: 'P1', status: 'Open', createdAt, firstResponseAt: new Date(createdAt.getTime() + 60_000), pauses: [], contentHash: 'INC-9' },
    })
    const session = await signIn(server.url, 'casey@contoso.example')
    const res = await page(server.url, session, `/p/${slug}/sla`)
    expect(res.status).toBe(200)
    // React separates text parts with empty comments.
    const html = (await res.text()).replaceAll('<!-- -->', '')
    expect(html).toContain('At risk now: 75% of a target used, soonest due first (1)')
    expect(html).toMatch(/aria-label="At-risk tickets"[\s\S]*INC-9[\s\S]*Core switch flapping[\s\S]*83%/)
  })
})
