import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { ZQuarter } from '../validation/bounds.ts'
import { type FieldGroups, ZVersionedRef } from '../workspace/workspace.schemas.ts'

export const ROADMAP_STATUSES = ['IDEA', 'PROPOSED', 'APPROVED', 'IN_PROGRESS', 'DONE', 'DECLINED'] as const
export const ITEM_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const

const ZMoney = z
  .number({ error: 'An amount' })
  .min(0, { error: 'Not negative' })
  .max(1_000_000_000, { error: 'At most 1,000,000,000' })
  .refine((v) => Math.round(v * 100) === Number((v * 100).toFixed(6)), { error: 'At most two decimals' })
const ZText = (max: number) => z.string().trim().max(max, { error: `At most ${max} characters` })
const ZOwner = ZText(120).nullable().transform((v) => (v ? v : null))

export const ZRoadmapFields = z.object({
  title: ZText(200).min(1, { error: 'Give it a title' }),
  description: ZText(10_000),
  businessOutcome: ZText(2_000),
  category: ZText(80),
  mspOwner: ZOwner,
  clientOwner: ZOwner,
  status: z.enum(ROADMAP_STATUSES, { error: `One of ${ROADMAP_STATUSES.join(', ')}` }),
  targetQuarter: ZQuarter.nullable(),
  priority: z.enum(ITEM_PRIORITIES, { error: `One of ${ITEM_PRIORITIES.join(', ')}` }),
  oneTime: ZMoney,
  recurring: ZMoney,
  recurringPeriod: z.enum(['MONTH', 'YEAR'], { error: 'MONTH or YEAR' }),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'A three-letter currency code like USD' }),
  responsibilityIds: z.array(z.string().uuid()).max(50),
  csiEntryIds: z.array(z.string().uuid()).max(50),
})
export type RoadmapFields = z.infer<typeof ZRoadmapFields>

export const ZCreateRoadmapItemInput = ZRoadmapFields.partial()
  .required({ title: true })
  .extend({ slug: ZSlug })
export const ZUpdateRoadmapItemInput = ZVersionedRef.extend({
  changes: ZRoadmapFields.partial().refine((c) => Object.keys(c).length > 0, { error: 'Change at least one field' }),
})
export const ZApproveRoadmapItemInput = ZVersionedRef

export const ZRoadmapItem = ZRoadmapFields.extend({
  id: z.string(),
  version: z.number(),
  proposedBy: z.enum(['MSP', 'CLIENT']),
  mspApproval: z.object({ by: z.string(), at: z.string() }).nullable(),
  clientApproval: z.object({ by: z.string(), at: z.string() }).nullable(),
  approvalResetReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
})
export type RoadmapItemDto = z.infer<typeof ZRoadmapItem>

export const ZListRoadmapInput = z.object({
  slug: ZSlug,
  includeDeleted: z.boolean().default(false),
  quarter: ZQuarter.optional(),
})

/** Fields whose change after an approval resets it. */
export const SCOPE_FIELDS = ['title', 'description', 'businessOutcome', 'targetQuarter'] as const
export const BUDGET_FIELDS = ['oneTimeCents', 'recurringCents', 'recurringPeriod', 'currency'] as const

/**
 * The costs are one figure: an amount is in the currency, a recurring amount per its period. Merging one party's
 * amount with the other's currency or period states a cost nobody entered.
 */
export const ROADMAP_FIELD_GROUPS: FieldGroups = [BUDGET_FIELDS]

const NEXT: Record<(typeof ROADMAP_STATUSES)[number], ReadonlyArray<(typeof ROADMAP_STATUSES)[number]>> = {
  IDEA: ['PROPOSED', 'DECLINED'],
  PROPOSED: ['IDEA', 'DECLINED'],
  APPROVED: ['IN_PROGRESS', 'DECLINED'],
  IN_PROGRESS: ['DONE', 'APPROVED'],
  DONE: ['IN_PROGRESS'],
  DECLINED: ['IDEA', 'PROPOSED'],
}

/** Status moves by edit; APPROVED is reached only through both parties' approvals. */
export function canMove(from: (typeof ROADMAP_STATUSES)[number], to: (typeof ROADMAP_STATUSES)[number]): boolean {
  return from === to || NEXT[from].includes(to)
}
