import { createHttp, type HttpOptions } from '../connectors/http.ts'
import { ConnectorError } from '../connectors/types.ts'
import { db } from '../db/client.server.ts'
import { logger } from '../observability/logger.server.ts'
import { SIGNATURE_HEADER, signatureHeader } from './signature.ts'
import { openWebhookSecret } from './webhook-secret.server.ts'

// Sends due deliveries (ADR 028). A delivery is claimed by pushing its next attempt a lease ahead (FOR UPDATE SKIP
// LOCKED), so two runners never send one at once and a runner that dies gives it back when the lease ends. Each
// attempt is signed afresh (a new timestamp) with the endpoint's current secret, through the PSA connections' HTTP
// edge and SSRF rule (server/connectors/http.ts: public addresses after resolution, checked again at connect time
// and on every redirect). The answer's body is never read back or stored: only its status.

export const WEBHOOK_MAX_ATTEMPTS = 8
const FIRST_RETRY_MS = 30_000
const MAX_RETRY_MS = 6 * 3_600_000
const LEASE_MS = 5 * 60_000
const BATCH = 20

/** After the n-th failed attempt (1-based): 30 s, 1 min, 2 min, … up to 6 h. */
export const webhookRetryDelayMs = (attempts: number) => Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempts - 1))

export interface DeliverOptions {
  now?: () => Date
  /** Per attempt (default 10 s). */
  timeoutMs?: number
  http?: Pick<HttpOptions, 'outbound'>
  signal?: AbortSignal
}

async function claim(now: Date): Promise<string[]> {
  const rows = await (await db()).$queryRawUnsafe<Array<{ id: string }>>(
    `UPDATE "WebhookDelivery" SET "nextAttemptAt" = ($2::timestamptz AT TIME ZONE 'UTC')
      WHERE "id" IN (
        SELECT "id" FROM "WebhookDelivery"
         WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ($1::timestamptz AT TIME ZONE 'UTC')
         ORDER BY "nextAttemptAt", "id"
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
      RETURNING "id"`,
    now.toISOString(),
    new Date(now.getTime() + LEASE_MS).toISOString(),
    BATCH,
  )
  return rows.map((r) => r.id)
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string; final?: boolean }

/** Sends every due delivery, batch by batch; returns how many attempts were made and how many succeeded. */
export async function deliverDueWebhooks(options: DeliverOptions = {}): Promise<{ attempted: number; succeeded: number }> {
  const now = options.now ?? (() => new Date())
  const http = createHttp({ retries: 0, timeoutMs: options.timeoutMs ?? 10_000, ...options.http })
  const prisma = await db()
  let attempted = 0
  let succeeded = 0
  while (!options.signal?.aborted) {
    const ids = await claim(now())
    await Promise.all(
      ids.map(async (id) => {
        const delivery = await prisma.webhookDelivery.findUnique({ where: { id }, include: { endpoint: true } })
        if (!delivery) return
        const at = now()
        const outcome: Outcome = delivery.endpoint.enabled
          ? await send(delivery, delivery.endpoint, at)
          : { ok: false, status: null, error: 'the endpoint is turned off', final: true }
        const attempts = delivery.attempts + 1
        const final = outcome.ok || outcome.final || attempts >= WEBHOOK_MAX_ATTEMPTS
        await prisma.webhookDelivery.update({
          where: { id },
          data: {
            attempts,
            lastAttemptAt: at,
            responseStatus: outcome.status,
            error: outcome.ok ? null : outcome.error,
            status: outcome.ok ? 'SUCCEEDED' : final ? 'FAILED' : 'PENDING',
            nextAttemptAt: final ? null : new Date(at.getTime() + webhookRetryDelayMs(attempts)),
          },
        })
        attempted++
        if (outcome.ok) succeeded++
      }),
    )
    if (ids.length < BATCH) break
  }
  return { attempted, succeeded }

  async function send(
    delivery: { id: string; event: string; eventId: string; payload: unknown },
    endpoint: { id: string; url: string; secretSealed: string },
    at: Date,
  ): Promise<Outcome> {
    const body = JSON.stringify(delivery.payload)
    const timestamp = Math.floor(at.getTime() / 1000)
    try {
      const secret = openWebhookSecret(endpoint.id, endpoint.secretSealed)
      const response = await http.request(endpoint.url, {
        what: 'webhook',
        method: 'POST',
        body,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Accord-Webhooks/1',
          'Accord-Event': delivery.event,
          'Accord-Event-Id': delivery.eventId,
          'Accord-Delivery': delivery.id,
          [SIGNATURE_HEADER]: signatureHeader(secret, timestamp, body),
        },
      })
      await response.text()
      return response.ok ? { ok: true, status: response.status } : { ok: false, status: response.status, error: `HTTP ${response.status}` }
    } catch (error) {
      if (error instanceof ConnectorError) {
        if (error.code === 'HTTP' && error.status) return { ok: false, status: error.status, error: `HTTP ${error.status}` }
        if (error.code === 'CONFIG') return { ok: false, status: null, error: error.message.replace(/^webhook: /, ''), final: true }
        return { ok: false, status: null, error: 'could not connect' }
      }
      logger().warn({ err: error, deliveryId: delivery.id }, 'webhook delivery failed')
      return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) }
    }
  }
}
