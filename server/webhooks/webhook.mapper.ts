import type { WebhookDelivery, WebhookEndpoint } from '../db/generated/client.ts'
import type { WebhookDeliveryDto, WebhookEndpointDto } from './webhooks.schemas.ts'

export function toWebhookEndpointDto(row: WebhookEndpoint): WebhookEndpointDto {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    secretHint: row.secretHint,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

export function toWebhookDeliveryDto(row: WebhookDelivery & { endpoint: { url: string } }): WebhookDeliveryDto {
  return {
    id: row.id,
    endpointId: row.endpointId,
    endpointUrl: row.endpoint.url,
    eventId: row.eventId,
    event: row.event,
    status: row.status as WebhookDeliveryDto['status'],
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    error: row.error,
    nextAttemptAt: row.status === 'PENDING' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }
}
