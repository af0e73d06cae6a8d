import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { toWebhookEndpointDto } from './webhook.mapper.ts'
import { requireSafeWebhookUrl } from './webhook-secret.server.ts'
import { ZUpdateWebhookInput } from './webhooks.schemas.ts'

/** Changes an endpoint's URL, description, events, or turns it on or off; a stale `baseVersion` is refused (409). */
export async function updateWebhookEndpoint(scope: OrgScope, actor: Actor, input: unknown) {
  const { id, baseVersion, ...changes } = ZUpdateWebhookInput.parse(input)
  const url = changes.url === undefined ? undefined : await requireSafeWebhookUrl(changes.url)
  const prisma = await db()
  const row = await prisma.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findFirst({ where: { id, organizationId: scope.orgId } })
    if (!before) throw new AppError('NOT_FOUND', 'Webhook endpoint not found')
    const data = { ...changes, ...(url === undefined ? {} : { url }), version: { increment: 1 } }
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id, organizationId: scope.orgId, version: baseVersion }, data })
    if (count === 0) throw new AppError('CONFLICT', 'This endpoint was changed by someone else; reload to see their change', { details: { currentVersion: before.version } })
    const after = await tx.webhookEndpoint.findFirstOrThrow({ where: { id, organizationId: scope.orgId } })
    await recordAudit(tx, {
      actor,
      action: 'webhook.update',
      entityType: 'WebhookEndpoint',
      entityId: id,
      organizationId: scope.orgId,
      before: { url: before.url, description: before.description, events: before.events, enabled: before.enabled },
      after: { url: after.url, description: after.description, events: after.events, enabled: after.enabled },
      readPermission: 'webhook.manage',
    })
    return after
  })
  return toWebhookEndpointDto(row)
}
