import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { ZInt32 } from '../validation/bounds.ts'

// Pieces shared by every co-edited entity's procedures.
export const ZEntityRef = z.object({ slug: ZSlug, id: z.string().uuid({ error: 'Not an id' }) })
export const ZVersionedRef = ZEntityRef.extend({ baseVersion: ZInt32.min(1, { error: 'The version you edited' }) })

/**
 * Columns that mean something only together (an amount and its currency): an update touching one of them after
 * someone else changed another since its base version is a conflict, as if both had changed the same field. Each
 * co-edited entity declares its groups beside its schema; `versioned-update.server.ts` applies them (ADR 004).
 */
export type FieldGroups = ReadonlyArray<ReadonlyArray<string>>

export const ZFieldChange = z.object({
  version: z.number(),
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  by: z.string(),
  at: z.string(),
})
export type FieldChangeDto = z.infer<typeof ZFieldChange>

export const ZComment = z.object({
  id: z.string(),
  author: z.string(),
  authorParty: z.enum(['MSP', 'CLIENT']),
  body: z.string(),
  mentions: z.array(z.object({ userId: z.string(), name: z.string() })),
  createdAt: z.string(),
})
export type CommentDto = z.infer<typeof ZComment>

export const ZAddCommentInput = ZEntityRef.extend({
  body: z.string().trim().min(1, { error: 'Write something' }).max(5000, { error: 'At most 5,000 characters' }),
})
