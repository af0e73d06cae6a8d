import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { Prisma } from '../db/generated/client.ts'
import { AppError } from '../errors.ts'
import { kickWebhookDeliveries } from './enqueue-webhook-event.server.ts'
import { toWebhookDeliveryDto } from './webhook.mapper.ts'
import { ZWebhookIdInput } from './webhooks.schemas.ts'

/**
 * Sends a FAILED delivery again (ADR 028 addendum): a new delivery row with the same event id and body, so a
 * receiver that got it after all deduplicates on `Accord-Event-Id`; it is signed when sent, with a new timestamp and
 * the endpoint's current secret, and retried like any other. The old row stays in the log as it was.
 */
export async function resendWebhookDelivery(scope: OrgScope, actor: Actor, input: unknown) {
  const { id } = ZWebhookIdInput.parse(input)
  const row = await (await db()).$transaction(async (tx) => {
    const failed = await tx.webhookDelivery.findFirst({ where: { id, organizationId: scope.orgId }, include: { endpoint: { select: { enabled: true } } } })
    if (!failed) throw new AppError('NOT_FOUND', 'Webhook delivery not found')
    if (failed.status !== 'FAILED') throw new AppError('CONFLICT', 'Only a failed delivery can be sent again', { details: { status: failed.status } })
    if (!failed.endpoint.enabled) throw new AppError('BAD_REQUEST', 'enabled: turn the endpoint on to send it this event again', { fieldErrors: [{ field: 'enabled', message: 'Turn the endpoint on first' }] })
    // One re-send per failure: a later delivery of the same event to the same endpoint is the re-send (re-send that one if it fails too).
    const later = await tx.webhookDelivery.findFirst({ where: { organizationId: scope.orgId, endpointId: failed.endpointId, eventId: failed.eventId, createdAt: { gt: failed.createdAt } }, select: { id: true, status: true } })
    if (later) throw new AppError('CONFLICT', 'This delivery was already sent again: see the newer row in the log', { details: { deliveryId: later.id, status: later.status } })
    const created = await tx.webhookDelivery.create({
      data: {
        endpointId: failed.endpointId,
        organizationId: scope.orgId,
        eventId: failed.eventId,
        event: failed.event,
        payload: failed.payload as Prisma.InputJsonValue,
        nextAttemptAt: new Date(),
      },
      include: { endpoint: { select: { url: true } } },
    })
    await recordAudit(tx, {
      actor,
      action: 'webhook.delivery.resend',
      entityType: 'WebhookDelivery',
      entityId: created.id,
      organizationId: scope.orgId,
      before: { deliveryId: failed.id, status: failed.status, attempts: failed.attempts },
      after: { deliveryId: created.id, eventId: created.eventId, event: created.event, status: created.status },
      readPermission: 'webhook.manage',
    })
    return created
  })
  await kickWebhookDeliveries()
  return toWebhookDeliveryDto(row)
}
