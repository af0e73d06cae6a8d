import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { ZQuarter, ZVersion } from '../validation/bounds.ts'

const ZSha256 = z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, { error: 'A SHA-256 in hex (64 characters)' })

/** Acknowledge one frozen pack version: the hash is the one the reader was shown, so a mix-up is caught. */
export const ZAcknowledgePackInput = z.object({ slug: ZSlug, quarter: ZQuarter, version: ZVersion, sha256: ZSha256 })
/** Acknowledge the QBR's minutes as the reader saw them (their hash, from `acknowledgement.list`). */
export const ZAcknowledgeMinutesInput = z.object({ slug: ZSlug, quarter: ZQuarter, sha256: ZSha256 })
export const ZListAcknowledgementsInput = z.object({ slug: ZSlug, quarter: ZQuarter })

export const ZAcknowledgement = z.object({
  subject: z.enum(['PACK_VERSION', 'QBR_MINUTES']),
  /** The pack version acknowledged; null for minutes. */
  version: z.number().nullable(),
  sha256: z.string(),
  party: z.enum(['MSP', 'CLIENT']),
  by: z.string(),
  role: z.string(),
  at: z.string(),
  /** False: a later pack version existed when it was acknowledged (or, for minutes, they have changed since). */
  wasLatest: z.boolean(),
})
export type AcknowledgementDto = z.infer<typeof ZAcknowledgement>

export const ZAcknowledgeOutput = z.object({
  acknowledgement: ZAcknowledgement,
  /** True when this party had already acknowledged it: nothing new was written. */
  already: z.boolean(),
  /** Said when the version acknowledged is not the quarter's latest. */
  notice: z.string().nullable(),
})

export const ZAcknowledgements = z.object({
  packs: z.array(ZAcknowledgement),
  /** The minutes as they stand now, with their hash, and who acknowledged which text. */
  minutes: z.object({ sha256: z.string(), text: z.string(), acknowledgements: z.array(ZAcknowledgement) }).nullable(),
})
export type AcknowledgementsDto = z.infer<typeof ZAcknowledgements>
