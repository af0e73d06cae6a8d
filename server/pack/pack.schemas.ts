import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { ZQuarter, ZVersion } from '../validation/bounds.ts'
export { ZPackInput } from './snapshot.ts'

export const ZListPackVersionsInput = z.object({ slug: ZSlug, quarter: ZQuarter.optional() })
export const ZGetPackVersionInput = z.object({ slug: ZSlug, quarter: ZQuarter, version: ZVersion })

/** An uploaded file to check, as base64 (≤ 20 MB of PDF) or its SHA-256 in hex. */
export const ZVerifyPackInput = z
  .object({
    slug: ZSlug,
    fileBase64: z.base64({ error: 'The file as base64' }).max(28_000_000, { error: 'At most 20 MB' }).optional(),
    sha256: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, { error: 'A SHA-256 in hex (64 characters)' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.fileBase64 === !v.sha256) ctx.addIssue({ code: 'custom', path: ['fileBase64'], message: 'Give the file or its SHA-256, one of the two' })
  })

export const ZPackVersion = z.object({
  quarter: z.string(),
  version: z.number(),
  asOf: z.string(),
  generatedBy: z.string(),
  generatedAt: z.string(),
  sha256: z.string(),
  byteSize: z.number(),
  pages: z.number(),
})
export type PackVersionDto = z.infer<typeof ZPackVersion>

export const ZVerifyPackOutput = z.object({ sha256: z.string(), match: ZPackVersion.nullable() })

/** `pack.job`: one generation of this partnership, by the id `pack.generate` answered. */
export const ZPackJobInput = z.object({ slug: ZSlug, id: z.string().uuid({ error: 'Not a job id (pack.generate answers one)' }) })

export const PACK_STAGES = ['gather', 'render', 'store'] as const

/** A pack generation as the page and API clients poll it: where it is, how it ended, and the version it froze. */
export const ZPackJob = z.object({
  id: z.string(),
  quarter: z.string(),
  /** The instant the figures are drawn as of (fixed when it was asked for). */
  asOf: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  /** The latest stage reported: gather (9 parts), render (11 sections), store (1). */
  progress: z.object({ stage: z.enum(PACK_STAGES), done: z.number(), total: z.number() }).nullable(),
  error: z.string().nullable(),
  version: ZPackVersion.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
})
export type PackJobDto = z.infer<typeof ZPackJob>

export const ZStartPackGenerationOutput = z.object({ job: ZPackJob, alreadyQueued: z.boolean() })
