import { randomUUID } from 'node:crypto'
import type { OrgScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import type { Prisma } from '../db/generated/client.ts'
import { AppError } from '../errors.ts'
import { TEST_EVENT } from './events.ts'
import { kickWebhookDeliveries, webhookBody } from './enqueue-webhook-event.server.ts'
import { toWebhookDeliveryDto } from './webhook.mapper.ts'
import { ZWebhookIdInput } from './webhooks.schemas.ts'

/** Queues a `webhook.test` delivery to one endpoint, signed and retried like any other; the log shows its outcome. */
export async function sendTestWebhook(scope: OrgScope, input: unknown) {
  const { id } = ZWebhookIdInput.parse(input)
  const prisma = await db()
  const endpoint = await prisma.webhookEndpoint.findFirst({ where: { id, organizationId: scope.orgId } })
  if (!endpoint) throw new AppError('NOT_FOUND', 'Webhook endpoint not found')
  if (!endpoint.enabled) throw new AppError('BAD_REQUEST', 'enabled: turn the endpoint on to send it a test event', { fieldErrors: [{ field: 'enabled', message: 'Turn the endpoint on first' }] })
  const eventId = randomUUID()
  const now = new Date()
  const row = await prisma.webhookDelivery.create({
    data: {
      endpointId: id,
      organizationId: scope.orgId,
      eventId,
      event: TEST_EVENT,
      payload: webhookBody(eventId, TEST_EVENT, now, null, { organization: scope.orgSlug, message: 'A test event from Accord' }) as Prisma.InputJsonValue,
      nextAttemptAt: now,
    },
    include: { endpoint: { select: { url: true } } },
  })
  await kickWebhookDeliveries()
  return toWebhookDeliveryDto(row)
}
