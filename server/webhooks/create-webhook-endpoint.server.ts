import { randomUUID } from 'node:crypto'
import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { toWebhookEndpointDto } from './webhook.mapper.ts'
import { newWebhookSecret, requireSafeWebhookUrl } from './webhook-secret.server.ts'
import { ZCreateWebhookInput } from './webhooks.schemas.ts'

/** Endpoints per organization at most: each event fans out to every one of them. */
export const MAX_WEBHOOK_ENDPOINTS = 10

/** Adds an endpoint; the answer carries its signing secret, which is never shown again (rotate for a new one). */
export async function createWebhookEndpoint(scope: OrgScope, actor: Actor, input: unknown) {
  const parsed = ZCreateWebhookInput.parse(input)
  const url = await requireSafeWebhookUrl(parsed.url)
  const prisma = await db()
  const id = randomUUID()
  const { secret, sealed, hint } = newWebhookSecret(id)
  const row = await prisma.$transaction(async (tx) => {
    if ((await tx.webhookEndpoint.count({ where: { organizationId: scope.orgId } })) >= MAX_WEBHOOK_ENDPOINTS) {
      throw new AppError('BAD_REQUEST', `url: at most ${MAX_WEBHOOK_ENDPOINTS} endpoints per organization`, {
        fieldErrors: [{ field: 'url', message: `At most ${MAX_WEBHOOK_ENDPOINTS} endpoints; delete one first` }],
      })
    }
    const created = await tx.webhookEndpoint.create({
      data: { id, organizationId: scope.orgId, url, description: parsed.description, events: parsed.events, secretSealed: sealed, secretHint: hint },
    })
    await recordAudit(tx, {
      actor,
      action: 'webhook.create',
      entityType: 'WebhookEndpoint',
      entityId: id,
      organizationId: scope.orgId,
      after: { url, description: parsed.description, events: parsed.events },
      readPermission: 'webhook.manage',
    })
    return created
  })
  return { ...toWebhookEndpointDto(row), secret }
}
