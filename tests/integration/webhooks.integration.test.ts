// Webhooks (ADR 028): an event queues a delivery per subscribed endpoint in its own transaction; the job runner
// sends it signed (verified here, at the network edge, as a receiver would), retries with back-off, keeps a log,
// and refuses internal addresses by the PSA connections' SSRF rule.
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { requireOrgScope, requirePartnershipScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { resetEnv } from '../../server/env.server.ts'
import { AppError } from '../../server/errors.ts'
import { drainJobs } from '../../server/jobs/jobs.server.ts'
import { parseRetentionEnv } from '../../server/jobs/retention-config.ts'
import { pruneOldRows } from '../../server/jobs/retention.server.ts'
import { registerJobHandlers } from '../../server/jobs/register-jobs.server.ts'
import { runSlaAlertScan } from '../../server/notifications/sla-alerts.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { approveRoadmapItem } from '../../server/roadmap/approve-roadmap-item.server.ts'
import { createWebhookEndpoint } from '../../server/webhooks/create-webhook-endpoint.server.ts'
import { WEBHOOK_MAX_ATTEMPTS, deliverDueWebhooks, webhookRetryDelayMs } from '../../server/webhooks/deliver-webhooks.server.ts'
import { emitOverdueActionItems } from '../../server/webhooks/emit-overdue-action-items.server.ts'
import { listWebhookDeliveries } from '../../server/webhooks/list-webhooks.server.ts'
import { resendWebhookDelivery } from '../../server/webhooks/resend-webhook-delivery.server.ts'
import { rotateWebhookSecret } from '../../server/webhooks/rotate-webhook-secret.server.ts'
import { sendTestWebhook } from '../../server/webhooks/send-test-webhook.server.ts'
import { updateWebhookEndpoint } from '../../server/webhooks/update-webhook-endpoint.server.ts'
import { SIGNATURE_HEADER, verifySignature } from '../../server/webhooks/signature.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'

const HOOK = 'https://hooks.example.test/accord'
interface Received {
  body: string
  signature: string | null
  event: string | null
  delivery: string | null
}
let received: Received[] = []
let answers: number[] = []
const edge = setupServer(
  http.post(HOOK, async ({ request }) => {
    received.push({ body: await request.text(), signature: request.headers.get(SIGNATURE_HEADER), event: request.headers.get('accord-event'), delivery: request.headers.get('accord-delivery') })
    return new HttpResponse(null, { status: answers.shift() ?? 200 })
  }),
)
beforeAll(() => {
  registerJobHandlers()
  edge.listen({ onUnhandledRequest: 'error' })
})
afterAll(() => edge.close())
beforeEach(() => {
  received = []
  answers = []
})
afterEach(() => {
  process.env.ALLOW_PRIVATE_PSA_HOSTS = 'true'
  resetEnv()
})

const ACTOR = { userId: null, label: 'test' }
const quiet = { warn: () => {} }

async function graphWithHook(events = ['roadmap.approved', 'pack.frozen', 'action_item.overdue']) {
  const g = await createPartnershipGraph()
  const mspAdmin = await requireOrgScope(g.mspUser.id, g.msp.slug, 'webhook.manage')
  const hook = await createWebhookEndpoint(mspAdmin, ACTOR, { url: HOOK, events })
  return { ...g, mspAdmin, hook }
}

describe('an event delivered', () => {
  it('roadmap approved by both parties: one signed POST per subscribed endpoint, logged as delivered', async () => {
    const g = await graphWithHook()
    const other = await graphWithHook() // another MSP's endpoint hears nothing of this partnership
    const prisma = await db()
    const item = await prisma.roadmapItem.create({ data: { partnershipId: g.partnership.id, title: 'Replace firewalls', proposedBy: 'MSP', status: 'PROPOSED' } })
    const msp = await requirePartnershipScope(g.mspUser.id, g.partnership.slug, 'roadmap.approve')
    const client = await requirePartnershipScope(g.clientUser.id, g.partnership.slug, 'roadmap.approve')
    await approveRoadmapItem(msp, ACTOR, { slug: g.partnership.slug, id: item.id, baseVersion: 1 })
    expect(await prisma.webhookDelivery.count(), 'one approval is not the event').toBe(0)
    await approveRoadmapItem(client, ACTOR, { slug: g.partnership.slug, id: item.id, baseVersion: 2 })
    expect(await prisma.webhookDelivery.count({ where: { endpointId: g.hook.id, status: 'PENDING' } })).toBe(1)

    expect(await drainJobs({ log: quiet })).toBeGreaterThanOrEqual(1)
    expect(received).toHaveLength(1)
    const [r] = received
    expect(verifySignature(g.hook.secret, r.signature, r.body)).toBe(true)
    expect(verifySignature(other.hook.secret, r.signature, r.body)).toBe(false)
    const body = JSON.parse(r.body) as { type: string; partnership: { slug: string }; data: { item: { id: string; status: string } } }
    expect(body).toMatchObject({ type: 'roadmap.approved', partnership: { slug: g.partnership.slug }, data: { item: { id: item.id, status: 'APPROVED' } } })
    expect(r.event).toBe('roadmap.approved')
    const [log] = await listWebhookDeliveries(g.mspAdmin, {})
    expect(log).toMatchObject({ id: r.delivery, status: 'SUCCEEDED', attempts: 1, responseStatus: 200, nextAttemptAt: null })
    expect(await listWebhookDeliveries(other.mspAdmin, {})).toEqual([])
  })

  it('a refused approval (stale version) queues nothing; a turned-off endpoint gets nothing', async () => {
    const g = await graphWithHook()
    const prisma = await db()
    const item = await prisma.roadmapItem.create({ data: { partnershipId: g.partnership.id, title: 'X', proposedBy: 'MSP', status: 'PROPOSED', mspApprovedAt: new Date(), version: 2 } })
    const client = await requirePartnershipScope(g.clientUser.id, g.partnership.slug, 'roadmap.approve')
    await expect(approveRoadmapItem(client, ACTOR, { slug: g.partnership.slug, id: item.id, baseVersion: 1 })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await prisma.webhookDelivery.count()).toBe(0)
    await updateWebhookEndpoint(g.mspAdmin, ACTOR, { id: g.hook.id, baseVersion: 1, enabled: false })
    await approveRoadmapItem(client, ACTOR, { slug: g.partnership.slug, id: item.id, baseVersion: 2 })
    expect(await prisma.webhookDelivery.count()).toBe(0)
  })

  it('an overdue action item is an event once per due day', async () => {
    const g = await graphWithHook(['action_item.overdue'])
    const prisma = await db()
    const qbr = await prisma.qbr.create({ data: { partnershipId: g.partnership.id, quarter: '2026-Q3', title: 'QBR', icsUid: 'x@test' } })
    await prisma.qbrActionItem.create({ data: { partnershipId: g.partnership.id, qbrId: qbr.id, title: 'Send the asset list', owner: 'Sam', party: 'MSP', dueDate: new Date('2026-01-10') } })
    const now = new Date('2026-01-12T09:00:00Z')
    expect(await emitOverdueActionItems(now)).toEqual({ events: 1, deliveries: 1 })
    expect(await emitOverdueActionItems(now)).toEqual({ events: 0, deliveries: 0 })
    await deliverDueWebhooks()
    expect(JSON.parse(received[0].body)).toMatchObject({ type: 'action_item.overdue', data: { actionItem: { title: 'Send the asset list', dueDate: '2026-01-10' } } })
  })
})

describe('SLA breaches from the 5-minute scan', () => {
  it('a breach recorded for the first time is one event, sent to the subscribed endpoints of both parties, and not again on the next scan', async () => {
    const g = await graphWithHook(['ticket.breached'])
    const clientAdmin = await requireOrgScope(g.clientUser.id, g.client.slug, 'webhook.manage')
    const clientHook = await createWebhookEndpoint(clientAdmin, ACTOR, { url: HOOK, events: ['ticket.breached', 'ticket.at_risk'] })
    const prisma = await db()
    await prisma.slaPolicy.create({ data: { partnershipId: g.partnership.id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
    const now = Date.now()
    await prisma.ticket.create({
      data: { partnershipId: g.partnership.id, source: 'api', externalId: 'INC-1', title: 'Core switch down', priority: 'P1', status: 'New', createdAt: new Date(now - 2 * 3_600_000), pauses: [], contentHash: 'x' },
    })
    await runSlaAlertScan(new Date(now))
    await runSlaAlertScan(new Date(now + 60_000))
    const deliveries = await prisma.webhookDelivery.findMany({ where: { event: 'ticket.breached' }, orderBy: { endpointId: 'asc' } })
    expect(deliveries.map((d) => d.endpointId).sort()).toEqual([g.hook.id, clientHook.id].sort())
    expect(deliveries[0].eventId, 'one event, one id for its deliveries').toBe(deliveries[1].eventId)
    expect(deliveries[0].payload).toMatchObject({ type: 'ticket.breached', data: { ticket: { externalId: 'INC-1', priority: 'P1' }, metric: 'response' } })
    await deliverDueWebhooks()
    expect(received.map((r) => r.event)).toEqual(['ticket.breached', 'ticket.breached'])
  })
})

describe('retries', () => {
  it('a failed attempt waits 30 s, then twice as long each time, and gives up after 8 attempts', async () => {
    const g = await graphWithHook()
    const t0 = Math.ceil(Date.now() / 1000) * 1000 + 1000
    let now = t0
    const clock = { now: () => new Date(now) }
    answers = [500, 503]
    const test = await sendTestWebhook(g.mspAdmin, { id: g.hook.id })
    await deliverDueWebhooks(clock)
    let [d] = await listWebhookDeliveries(g.mspAdmin, {})
    expect(d).toMatchObject({ id: test.id, status: 'PENDING', attempts: 1, responseStatus: 500, error: 'HTTP 500', nextAttemptAt: new Date(t0 + 30_000).toISOString() })
    now = t0 + 29_000
    expect(await deliverDueWebhooks(clock)).toEqual({ attempted: 0, succeeded: 0 })
    now = t0 + 30_000
    await deliverDueWebhooks(clock)
    ;[d] = await listWebhookDeliveries(g.mspAdmin, {})
    expect(d).toMatchObject({ status: 'PENDING', attempts: 2, responseStatus: 503, nextAttemptAt: new Date(now + 60_000).toISOString() })
    // The secret rotated between attempts: the retry is signed with the new one, at its own timestamp.
    const rotated = await rotateWebhookSecret(g.mspAdmin, ACTOR, { id: g.hook.id })
    now += 60_000
    expect(await deliverDueWebhooks(clock)).toEqual({ attempted: 1, succeeded: 1 })
    expect(received).toHaveLength(3)
    expect(verifySignature(rotated.secret, received[2].signature, received[2].body, now)).toBe(true)
    expect(verifySignature(g.hook.secret, received[2].signature, received[2].body, now)).toBe(false)
    expect(received[2].body).toBe(received[0].body)

    expect([1, 2, 3, 7, 20].map(webhookRetryDelayMs)).toEqual([30_000, 60_000, 120_000, 1_920_000, 21_600_000])
    answers = Array.from({ length: WEBHOOK_MAX_ATTEMPTS }, () => 500)
    await sendTestWebhook(g.mspAdmin, { id: g.hook.id })
    for (let i = 0; i < WEBHOOK_MAX_ATTEMPTS; i++) {
      await deliverDueWebhooks(clock)
      now += webhookRetryDelayMs(i + 1)
    }
    ;[d] = await listWebhookDeliveries(g.mspAdmin, {})
    expect(d).toMatchObject({ status: 'FAILED', attempts: WEBHOOK_MAX_ATTEMPTS, responseStatus: 500, nextAttemptAt: null })
  })
})

describe('sending a failed delivery again (ADR 028 addendum)', () => {
  it('queues a new row with the same event id and body, signed afresh at send time, audited; only once per failure', async () => {
    const g = await graphWithHook()
    const prisma = await db()
    const eventId = '6f1c2a40-1d6e-4c4e-9d0b-1c2a3b4c5d6e'
    const failed = await prisma.webhookDelivery.create({
      data: { endpointId: g.hook.id, organizationId: g.msp.id, eventId, event: 'pack.frozen', payload: { id: eventId, type: 'pack.frozen', data: { n: 1 } }, status: 'FAILED', attempts: 8, responseStatus: 500, nextAttemptAt: null },
    })
    const delivered = await prisma.webhookDelivery.create({
      data: { endpointId: g.hook.id, organizationId: g.msp.id, eventId: '7f1c2a40-1d6e-4c4e-9d0b-1c2a3b4c5d6e', event: 'pack.frozen', payload: {}, status: 'SUCCEEDED', attempts: 1, nextAttemptAt: null },
    })
    await expect(resendWebhookDelivery(g.mspAdmin, ACTOR, { id: delivered.id })).rejects.toMatchObject({ code: 'CONFLICT' })

    const again = await resendWebhookDelivery(g.mspAdmin, ACTOR, { id: failed.id })
    expect(again).toMatchObject({ eventId, event: 'pack.frozen', status: 'PENDING', attempts: 0 })
    expect(again.id).not.toBe(failed.id)
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: 'FAILED', attempts: 8 })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'webhook.delivery.resend' } })
    expect(audit).toMatchObject({ organizationId: g.msp.id, entityId: again.id, readPermission: 'webhook.manage' })

    const sentAt = Date.now() + 5_000
    await deliverDueWebhooks({ now: () => new Date(sentAt) })
    expect(received).toHaveLength(1)
    expect(JSON.parse(received[0].body)).toEqual({ id: eventId, type: 'pack.frozen', data: { n: 1 } })
    expect(received[0].delivery).toBe(again.id)
    // Signed when sent, at the send's own timestamp, with the endpoint's secret.
    expect(received[0].signature).toMatch(new RegExp(`^t=${Math.floor(sentAt / 1000)},`))
    expect(verifySignature(g.hook.secret, received[0].signature, received[0].body, sentAt)).toBe(true)
    expect((await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: again.id } })).status).toBe('SUCCEEDED')

    await expect(resendWebhookDelivery(g.mspAdmin, ACTOR, { id: failed.id })).rejects.toMatchObject({ code: 'CONFLICT' })
    const other = await graphWithHook()
    await expect(resendWebhookDelivery(other.mspAdmin, ACTOR, { id: failed.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(resendWebhookDelivery(g.mspAdmin, ACTOR, { id: 'nope' })).rejects.toMatchObject({ name: 'ZodError' })
    expect(await prisma.webhookDelivery.count({ where: { eventId } })).toBe(2)
  })
})

describe('the delivery log', () => {
  it('keeps pending deliveries and prunes finished ones past the jobs’ retention', async () => {
    const g = await graphWithHook()
    const prisma = await db()
    await sendTestWebhook(g.mspAdmin, { id: g.hook.id })
    await deliverDueWebhooks()
    await sendTestWebhook(g.mspAdmin, { id: g.hook.id })
    const later = new Date(Date.now() + 31 * 86_400_000)
    expect(await pruneOldRows(parseRetentionEnv({}), later)).toMatchObject({ webhookDeliveries: 1 })
    expect((await prisma.webhookDelivery.findMany()).map((d) => d.status)).toEqual(['PENDING'])
  })
})

describe('the SSRF rule of PSA connections', () => {
  const strict = () => {
    process.env.ALLOW_PRIVATE_PSA_HOSTS = 'false'
    resetEnv()
  }

  it.each([
    ['http://127.0.0.1:8080/hook', 'loopback'],
    ['https://169.254.169.254/latest', 'link-local'],
    ['https://10.1.2.3/hook', 'private network'],
    ['https://localhost/hook', 'localhost'],
  ])('refuses %s with 400 naming url, and stores nothing', async (url, why) => {
    const g = await createPartnershipGraph()
    const admin = await requireOrgScope(g.mspUser.id, g.msp.slug, 'webhook.manage')
    strict()
    const error = await createWebhookEndpoint(admin, ACTOR, { url, events: ['pack.frozen'] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('BAD_REQUEST')
    expect((error as AppError).fieldErrors.map((f) => f.field)).toEqual(['url'])
    expect((error as AppError).message).toContain(why)
    expect(await (await db()).webhookEndpoint.count()).toBe(0)
  })

  it('an endpoint saved under the test allowance is refused at send time once the rule is strict: no request leaves', async () => {
    const g = await createPartnershipGraph()
    const admin = await requireOrgScope(g.mspUser.id, g.msp.slug, 'webhook.manage')
    const hook = await createWebhookEndpoint(admin, ACTOR, { url: 'http://127.0.0.1:9/hook', events: ['pack.frozen'] })
    await sendTestWebhook(admin, { id: hook.id })
    strict()
    await deliverDueWebhooks()
    const [d] = await listWebhookDeliveries(admin, {})
    expect(d.status).toBe('FAILED')
    expect(d.error).toContain('refused')
    expect(d.responseStatus).toBeNull()
  })
})
