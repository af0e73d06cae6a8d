import type { OrgScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { toWebhookDeliveryDto, toWebhookEndpointDto } from './webhook.mapper.ts'
import { ZListWebhookDeliveriesInput } from './webhooks.schemas.ts'

export async function listWebhookEndpoints(scope: OrgScope) {
  const rows = await (await db()).webhookEndpoint.findMany({ where: { organizationId: scope.orgId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
  return rows.map(toWebhookEndpointDto)
}

/** The delivery log, newest first: of one endpoint, or of all the organization's. */
export async function listWebhookDeliveries(scope: OrgScope, input: unknown) {
  const { endpointId, limit } = ZListWebhookDeliveriesInput.parse(input)
  const rows = await (await db()).webhookDelivery.findMany({
    where: { organizationId: scope.orgId, ...(endpointId ? { endpointId } : {}) },
    include: { endpoint: { select: { url: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  })
  return rows.map(toWebhookDeliveryDto)
}
