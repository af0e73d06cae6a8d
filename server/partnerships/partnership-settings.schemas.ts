import { z } from 'zod'
import { ZInt32 } from '../validation/bounds.ts'
import { ROLES } from '../access/permissions.ts'
import { FISCAL_START_MONTHS } from '../../app/utils/labels.ts'
import { ZSlug } from './partnerships.schemas.ts'

// The partnership's settings (ADR 023 addendum): one schema for the settings page's form and `partnership.updateSettings`,
// so both refuse the same values with the same words, field by field. Pure: the page imports it.

/** Months between QBRs: monthly to yearly. */
export const QBR_CADENCE_MIN = 1
export const QBR_CADENCE_MAX = 12

export const ZPartnershipSettingsFields = z.object({
  qbrCadenceMonths: z
    .number({ error: 'Enter a number of months' })
    .int({ error: 'Enter a whole number of months' })
    .min(QBR_CADENCE_MIN, { error: `Between ${QBR_CADENCE_MIN} and ${QBR_CADENCE_MAX} months` })
    .max(QBR_CADENCE_MAX, { error: `Between ${QBR_CADENCE_MIN} and ${QBR_CADENCE_MAX} months` }),
  /** The MSP's account manager for the partnership (a member of the MSP), or nobody. */
  ownerUserId: z.uuid({ error: 'Choose a member of the MSP' }).nullable(),
  fiscalYearStartMonth: z
    .number({ error: 'Choose a month' })
    .refine((m) => (FISCAL_START_MONTHS as readonly number[]).includes(m), { error: 'The first month of a quarter: 1, 4, 7 or 10' }),
  /** The settings version the form was rendered with: a stale one is refused with 409. */
  baseVersion: ZInt32.min(1, { error: 'Missing the version the form was based on' }),
})
export type PartnershipSettingsFields = z.infer<typeof ZPartnershipSettingsFields>

export const ZUpdatePartnershipSettingsInput = ZPartnershipSettingsFields.extend({ slug: ZSlug })

export const ZPartnershipSettings = z.object({
  slug: z.string(),
  clientName: z.string(),
  qbrCadenceMonths: z.number(),
  ownerUserId: z.string().nullable(),
  fiscalYearStartMonth: z.number(),
  version: z.number(),
  /** Who may be the account manager: the MSP's members. */
  candidates: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(ROLES) })),
})
export type PartnershipSettings = z.infer<typeof ZPartnershipSettings>
