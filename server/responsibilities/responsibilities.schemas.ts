import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { type FieldGroups, ZVersionedRef } from '../workspace/workspace.schemas.ts'

export const CLASSIFICATIONS = ['STRATEGIC', 'TACTICAL', 'SHARED'] as const

/** RACI letters for one party: any of R, A, C, I, each once, kept in R-A-C-I order. */
export const ZRaci = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[RACI]{0,4}$/, { error: 'Use the letters R, A, C and I' })
  .refine((v) => new Set(v).size === v.length, { error: 'Each letter once' })
  .transform((v) => ['R', 'A', 'C', 'I'].filter((l) => v.includes(l)).join(''))

const ZName = (max: number) => z.string().trim().min(1, { error: 'Required' }).max(max, { error: `At most ${max} characters` })

export const ZResponsibilityFields = z.object({
  category: ZName(80),
  name: ZName(160),
  classification: z.enum(CLASSIFICATIONS, { error: 'STRATEGIC, TACTICAL or SHARED' }),
  mspRaci: ZRaci,
  clientRaci: ZRaci,
  mspOwner: z.string().trim().max(120).nullable().transform((v) => (v ? v : null)),
  clientOwner: z.string().trim().max(120).nullable().transform((v) => (v ? v : null)),
  notes: z.string().trim().max(4000),
  slaPriorities: z.array(z.enum(['P1', 'P2', 'P3', 'P4'])).max(4),
  queues: z.array(z.string().trim().min(1).max(120)).max(20),
  sortOrder: z.number().int().min(0).max(100_000),
})
export type ResponsibilityFields = z.infer<typeof ZResponsibilityFields>

/** Exactly one party is Accountable: RACI's one rule that makes the matrix mean something. */
export function accountabilityProblem(msp: string, client: string): string | null {
  const count = Number(msp.includes('A')) + Number(client.includes('A'))
  return count === 1 ? null : count === 0 ? 'One party must be Accountable (A)' : 'Only one party can be Accountable (A)'
}

/**
 * The two parties' RACI letters are one split of the work: each side's letters are chosen against the other's. The
 * MSP dropping R because the client holds it, while the client drops R because the MSP holds it, merges into a row
 * nobody is Responsible for (the one-Accountable rule, checked on the merged row, cannot see that).
 */
export const RESPONSIBILITY_FIELD_GROUPS: FieldGroups = [['mspRaci', 'clientRaci']]

export const ZCreateResponsibilityInput = ZResponsibilityFields.partial({ notes: true, mspOwner: true, clientOwner: true, slaPriorities: true, queues: true, sortOrder: true }).extend({
  slug: ZSlug,
})
export const ZUpdateResponsibilityInput = ZVersionedRef.extend({
  changes: ZResponsibilityFields.partial().refine((c) => Object.keys(c).length > 0, { error: 'Change at least one field' }),
})

export const ZResponsibility = ZResponsibilityFields.extend({
  id: z.string(),
  version: z.number(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
})
export type ResponsibilityDto = z.infer<typeof ZResponsibility>

export const ZMatrixRow = ZResponsibility.extend({ partnershipSlug: z.string(), mspName: z.string() })
