import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { LIFECYCLES } from './status-history.ts'

export const TICKET_ORIGINS = ['alert', 'request', 'maintenance'] as const
export type TicketOrigin = (typeof TICKET_ORIGINS)[number]

// One normalised ticket as the push API, the CSV import and the PSA connectors deliver it (before priority
// mapping and timestamp reading, which need the partnership's settings).
const ZTimestamp = z.string().trim().min(1).max(40)
const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null))

const ZPauseReason = z.string().trim().max(200)
/** [start, end] or [start, end, reason], or { start, end, reason? }; the reason is the status that paused the clock. */
export const ZPause = z.union([
  z.tuple([ZTimestamp, ZTimestamp.nullable()], ZPauseReason.nullish()).transform(([s, e, reason]) => [s, e, reason ?? undefined] as [string, string | null, string?]),
  z
    .object({ start: ZTimestamp, end: ZTimestamp.nullable(), reason: ZPauseReason.nullish() })
    .transform((p) => [p.start, p.end, p.reason ?? undefined] as [string, string | null, string?]),
])

/** One status change: the ticket entered `status` at `at`. Pauses come from it under the SLA policy's pauseStatuses. */
export const ZStatusHistoryEntry = z.object({ at: ZTimestamp, status: z.string().trim().min(1, { error: 'Required' }).max(80) })

export const ZTicketInput = z.object({
  externalId: z.string().trim().min(1, { error: 'Required' }).max(120),
  title: z.string().trim().max(500).nullish().transform((v) => v ?? ''),
  priority: z.string().trim().min(1, { error: 'Required' }).max(80),
  status: z.string().trim().max(80).nullish().transform((v) => v ?? ''),
  queue: ZOptionalText(120),
  assignee: ZOptionalText(120),
  createdAt: ZTimestamp,
  firstResponseAt: ZTimestamp.nullish().transform((v) => v ?? null),
  resolvedAt: ZTimestamp.nullish().transform((v) => v ?? null),
  pauses: z.array(ZPause).max(200).nullish().transform((v) => v ?? []),
  statusHistory: z.array(ZStatusHistoryEntry).max(500).nullish().transform((v) => v ?? []),
  /** Where the ticket stands; derived from the status (and pauseStatuses) when absent. */
  lifecycle: z.enum(LIFECYCLES).nullish().transform((v) => v ?? null),
  escalated: z.boolean().nullish().transform((v) => v ?? false),
  csat: z.number().int().min(1, { error: 'Use 1 to 5' }).max(5, { error: 'Use 1 to 5' }).nullish().transform((v) => v ?? null),
  vendorResponseMet: z.boolean().nullish().transform((v) => v ?? null),
  vendorResolutionMet: z.boolean().nullish().transform((v) => v ?? null),
  /** Times reopened, when the source counts them; otherwise read from the status history (ADR 024). */
  reopens: z.number().int().min(0, { error: 'At least 0' }).max(1000, { error: 'At most 1000' }).nullish().transform((v) => v ?? null),
  /** Resolved with one response, when the source says so. */
  firstContact: z.boolean().nullish().transform((v) => v ?? null),
  /** alert (a monitoring alert: proactive), request (a user's: reactive) or maintenance (planned: proactive). */
  origin: z.enum(TICKET_ORIGINS, { error: `One of ${TICKET_ORIGINS.join(', ')}` }).nullish().transform((v) => v ?? null),
})
export type TicketInput = z.infer<typeof ZTicketInput>

export const ZTicketSource = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{1,39}$/, { error: 'Use a short lower-case name like api, csv or connectwise' })

export const ZUpsertTicketsInput = z.object({
  slug: ZSlug,
  source: ZTicketSource.default('api'),
  tickets: z.array(z.unknown()).min(1, { error: 'Send at least one ticket' }).max(1000, { error: 'Send at most 1,000 tickets per call' }),
})

export const ZUpsertSummary = z.object({
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.array(z.object({ index: z.number(), field: z.string(), message: z.string() })),
})
export type UpsertSummary = z.infer<typeof ZUpsertSummary>
