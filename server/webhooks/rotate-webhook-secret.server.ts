import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { toWebhookEndpointDto } from './webhook.mapper.ts'
import { newWebhookSecret } from './webhook-secret.server.ts'
import { ZWebhookIdInput } from './webhooks.schemas.ts'

/** A new signing secret, shown once; deliveries from now on (retries included) are signed with it. */
export async function rotateWebhookSecret(scope: OrgScope, actor: Actor, input: unknown) {
  const { id } = ZWebhookIdInput.parse(input)
  const { secret, sealed, hint } = newWebhookSecret(id)
  const prisma = await db()
  const row = await prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id, organizationId: scope.orgId },
      data: { secretSealed: sealed, secretHint: hint, version: { increment: 1 } },
    })
    if (count === 0) throw new AppError('NOT_FOUND', 'Webhook endpoint not found')
    await recordAudit(tx, { actor, action: 'webhook.rotate-secret', entityType: 'WebhookEndpoint', entityId: id, organizationId: scope.orgId, readPermission: 'webhook.manage' })
    return tx.webhookEndpoint.findFirstOrThrow({ where: { id, organizationId: scope.orgId } })
  })
  return { ...toWebhookEndpointDto(row), secret }
}
