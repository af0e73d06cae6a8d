import { z } from 'zod'
import { ZInt32 } from '../validation/bounds.ts'
import { WEBHOOK_EVENTS } from './events.ts'

// Shared by the settings page's forms and the tRPC procedures (webhook.*).
const ZId = z.string().uuid({ error: 'Not a webhook endpoint id' })

export const ZWebhookUrl = z
  .string({ error: 'Required' })
  .trim()
  .min(1, { error: 'Enter the endpoint’s URL' })
  .max(2000, { error: 'Use at most 2,000 characters' })
  .refine((v) => URL.canParse(v), { error: 'Enter a full URL, e.g. https://hooks.example.com/accord' })

export const ZWebhookEvents = z
  .array(z.enum(WEBHOOK_EVENTS, { error: 'Not a known event' }))
  .min(1, { error: 'Pick at least one event' })
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)].sort())

export const ZCreateWebhookInput = z.object({
  url: ZWebhookUrl,
  description: z.string().trim().max(200, { error: 'Use at most 200 characters' }).default(''),
  events: ZWebhookEvents,
})

export const ZUpdateWebhookInput = z.object({
  id: ZId,
  /** The version the editor saw (ADR 004): a stale one is refused with 409. */
  baseVersion: ZInt32.min(1, { error: 'The version you edited' }),
  url: ZWebhookUrl.optional(),
  description: z.string().trim().max(200, { error: 'Use at most 200 characters' }).optional(),
  events: ZWebhookEvents.optional(),
  enabled: z.boolean().optional(),
})

export const ZWebhookIdInput = z.object({ id: ZId })

export const ZListWebhookDeliveriesInput = z.object({
  endpointId: ZId.optional(),
  limit: z.number().int().min(1).max(200).default(50),
})

export const ZWebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  /** The secret's first characters, to tell secrets apart; the whole secret is shown once only. */
  secretHint: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type WebhookEndpointDto = z.infer<typeof ZWebhookEndpoint>

/** The answer to create and rotate: the signing secret, shown this once. */
export const ZWebhookWithSecret = ZWebhookEndpoint.extend({ secret: z.string() })

export const ZWebhookDelivery = z.object({
  id: z.string(),
  endpointId: z.string(),
  endpointUrl: z.string(),
  eventId: z.string(),
  event: z.string(),
  status: z.enum(['PENDING', 'SUCCEEDED', 'FAILED']),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  createdAt: z.string(),
})
export type WebhookDeliveryDto = z.infer<typeof ZWebhookDelivery>
