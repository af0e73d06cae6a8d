import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { ZInt32, ZQuarter } from '../validation/bounds.ts'

// One schema per procedure and form (the ticket page's forms import these too): the reason bounds are the same
// wherever a dispute is raised or answered.
export const DISPUTE_METRICS = ['response', 'resolution'] as const
export type DisputeMetric = (typeof DISPUTE_METRICS)[number]
export const DISPUTE_STATUSES = ['OPEN', 'ACCEPTED', 'REJECTED'] as const
export const DECIDED_VERDICTS = ['met', 'breached'] as const
export type DecidedVerdict = (typeof DECIDED_VERDICTS)[number]

export const REASON_MIN = 10
export const REASON_MAX = 2000

const ZReason = z
  .string({ error: 'Give a reason' })
  .trim()
  .min(REASON_MIN, { error: `Give a reason of at least ${REASON_MIN} characters` })
  .max(REASON_MAX, { error: `At most ${REASON_MAX.toLocaleString('en-US')} characters` })

const ZDisputeId = z.string().uuid({ error: 'Not an id' })
const ZBaseVersion = ZInt32.min(1, { error: 'The version you answered' })

export const ZRaiseDisputeInput = z.object({
  slug: ZSlug,
  externalId: z.string({ error: 'Name the ticket' }).trim().min(1, { error: 'Name the ticket' }).max(120),
  /** Which source's ticket, when two sources share an external id. */
  source: z.string().trim().max(40).optional(),
  metric: z.enum(DISPUTE_METRICS, { error: 'Choose response or resolution' }),
  reason: ZReason,
})
export type RaiseDisputeInput = z.input<typeof ZRaiseDisputeInput>

export const ZAcceptDisputeInput = z.object({
  slug: ZSlug,
  id: ZDisputeId,
  baseVersion: ZBaseVersion,
  /** The verdict both parties agree on; by default the opposite of the computed one (what the client asked). */
  agreedVerdict: z.enum(DECIDED_VERDICTS, { error: 'Choose met or breached' }).optional(),
  reason: ZReason,
})
export type AcceptDisputeInput = z.input<typeof ZAcceptDisputeInput>

export const ZRejectDisputeInput = z.object({
  slug: ZSlug,
  id: ZDisputeId,
  baseVersion: ZBaseVersion,
  answer: ZReason,
})
export type RejectDisputeInput = z.input<typeof ZRejectDisputeInput>

export const ZListDisputesInput = z.object({
  slug: ZSlug,
  /** Disputes of verdicts decided in this quarter (the policy's timezone). */
  quarter: ZQuarter.optional(),
  status: z.enum(DISPUTE_STATUSES).optional(),
  /** One ticket's disputes (its thread on the ticket page). */
  externalId: z.string().trim().min(1).max(120).optional(),
})
export type ListDisputesInput = z.input<typeof ZListDisputesInput>

export const ZGetDisputeInput = z.object({ slug: ZSlug, id: ZDisputeId })

export const ZDisputeEvent = z.object({
  kind: z.enum(['RAISED', 'ACCEPTED', 'REJECTED']),
  party: z.enum(['MSP', 'CLIENT']),
  by: z.string(),
  body: z.string(),
  agreedVerdict: z.enum(DECIDED_VERDICTS).nullable(),
  version: z.number(),
  at: z.string(),
})

export const ZDispute = z.object({
  id: z.string(),
  ticket: z.object({ externalId: z.string(), source: z.string(), title: z.string(), priority: z.string() }),
  metric: z.enum(DISPUTE_METRICS),
  status: z.enum(DISPUTE_STATUSES),
  computedVerdict: z.enum(DECIDED_VERDICTS),
  agreedVerdict: z.enum(DECIDED_VERDICTS).nullable(),
  decidedAt: z.string(),
  elapsedMinutes: z.number(),
  targetMinutes: z.number(),
  reason: z.string(),
  raisedBy: z.string(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  events: z.array(ZDisputeEvent),
})
export type DisputeDto = z.infer<typeof ZDispute>
