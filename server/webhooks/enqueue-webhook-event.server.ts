import { randomUUID } from 'node:crypto'
import type { Tx } from '../db/client.server.ts'
import type { Prisma } from '../db/generated/client.ts'
import { enqueueJob } from '../jobs/jobs.server.ts'
import { logger } from '../observability/logger.server.ts'
import type { WebhookEvent } from './events.ts'

export interface WebhookEventInput {
  event: WebhookEvent
  data: Record<string, unknown>
}

export const WEBHOOK_JOB = 'webhooks.deliver'

/** The body every endpoint receives, the same for each of an event's deliveries. */
export function webhookBody(eventId: string, event: string, createdAt: Date, partnership: { slug: string } | null, data: Record<string, unknown>) {
  return { id: eventId, type: event, createdAt: createdAt.toISOString(), partnership, data }
}

/**
 * The outbox side of an event (ADR 028): in the transaction `tx` that records the event itself, one delivery row per
 * enabled endpoint of either party's organization that subscribes to it. Nothing is sent here; the job runner
 * sends (server/webhooks/deliver-webhooks.server.ts). Returns how many deliveries were queued: the caller calls
 * `kickWebhookDeliveries()` after its commit when any were.
 */
export async function enqueueWebhookEvents(tx: Tx, partnershipId: string, events: readonly WebhookEventInput[], now = new Date()): Promise<number> {
  if (events.length === 0) return 0
  const partnership = await tx.partnership.findUnique({ where: { id: partnershipId }, select: { slug: true, mspOrgId: true, clientOrgId: true } })
  if (!partnership) return 0
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { organizationId: { in: [partnership.mspOrgId, partnership.clientOrgId] }, enabled: true, events: { hasSome: [...new Set(events.map((e) => e.event))] } },
    select: { id: true, organizationId: true, events: true },
  })
  if (endpoints.length === 0) return 0
  const rows: Prisma.WebhookDeliveryCreateManyInput[] = []
  for (const e of events) {
    const eventId = randomUUID()
    const payload = webhookBody(eventId, e.event, now, { slug: partnership.slug }, e.data) as Prisma.InputJsonValue
    for (const endpoint of endpoints) {
      if (endpoint.events.includes(e.event)) rows.push({ endpointId: endpoint.id, organizationId: endpoint.organizationId, eventId, event: e.event, payload, nextAttemptAt: now })
    }
  }
  return (await tx.webhookDelivery.createMany({ data: rows })).count
}

/**
 * Wakes the job runner for deliveries just committed (best effort: the 30-second schedule sends them anyway, so a
 * failure here only delays them).
 */
export async function kickWebhookDeliveries(): Promise<void> {
  await enqueueJob(WEBHOOK_JOB, {}, { singletonKey: WEBHOOK_JOB }).catch((error: unknown) =>
    logger().warn(`webhook deliveries not woken (the schedule sends them): ${error instanceof Error ? error.message : String(error)}`),
  )
}
