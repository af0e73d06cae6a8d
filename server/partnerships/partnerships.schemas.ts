import { z } from 'zod'
import { ROLES } from '../access/permissions.ts'

export const ZSlug = z
  .string({ error: 'Enter a slug' })
  .trim()
  .min(2, { error: 'Use 2 to 60 characters' })
  .max(60, { error: 'Use 2 to 60 characters' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'Use lower-case letters, digits and single hyphens' })

export const ZPartnershipSlugInput = z.object({ slug: ZSlug })

const ZOrgSummary = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['MSP', 'CLIENT']),
  logoUrl: z.string().nullable(),
  primaryColor: z.string().nullable(),
})

export const ZPartnershipSummary = z.object({
  slug: z.string(),
  status: z.enum(['ACTIVE', 'PAUSED', 'ENDED']),
  msp: ZOrgSummary,
  client: ZOrgSummary,
  myParty: z.enum(['MSP', 'CLIENT']),
  myRole: z.enum(ROLES),
})
export type PartnershipSummary = z.infer<typeof ZPartnershipSummary>

const ZPartyMember = z.object({ name: z.string(), email: z.string(), role: z.enum(ROLES) })
export const ZPartnershipDetail = ZPartnershipSummary.extend({
  createdAt: z.string(),
  /** The earlier of its first ticket and its creation in Accord. */
  since: z.string(),
  /** The month its fiscal year starts (1, 4, 7 or 10): pages label quarters with it (ADR 027). */
  fiscalYearStartMonth: z.number(),
  msp: ZOrgSummary.extend({ members: z.array(ZPartyMember) }),
  client: ZOrgSummary.extend({ members: z.array(ZPartyMember) }),
  permissions: z.array(z.string()),
})
export type PartnershipDetail = z.infer<typeof ZPartnershipDetail>

export const ZCreatePartnershipInput = z.object({ msp: ZSlug, client: ZSlug, slug: ZSlug })
