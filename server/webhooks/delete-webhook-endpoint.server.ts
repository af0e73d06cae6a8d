import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { ZWebhookIdInput } from './webhooks.schemas.ts'

/** Deletes an endpoint with its delivery log; its pending deliveries are never sent. */
export async function deleteWebhookEndpoint(scope: OrgScope, actor: Actor, input: unknown): Promise<{ id: string }> {
  const { id } = ZWebhookIdInput.parse(input)
  const prisma = await db()
  await prisma.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findFirst({ where: { id, organizationId: scope.orgId }, select: { url: true, events: true } })
    if (!before) throw new AppError('NOT_FOUND', 'Webhook endpoint not found')
    await tx.webhookEndpoint.deleteMany({ where: { id, organizationId: scope.orgId } })
    await recordAudit(tx, { actor, action: 'webhook.delete', entityType: 'WebhookEndpoint', entityId: id, organizationId: scope.orgId, before, readPermission: 'webhook.manage' })
  })
  return { id }
}
