import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { ZDate, ZQuarter } from '../validation/bounds.ts'

const ZText = (max: number) => z.string().trim().max(max, { error: `At most ${max} characters` })

/** One asset as the CSV, the API and the PSA sync give it. Cost in major units (two decimals at most). */
export const ZAssetInput = z
  .object({
    externalId: ZText(200).min(1, { error: 'Required' }),
    name: ZText(200).min(1, { error: 'Required' }),
    type: ZText(80).default(''),
    model: ZText(200).default(''),
    serial: ZText(200).default(''),
    assignedUser: ZText(200).default(''),
    site: ZText(200).default(''),
    purchaseDate: ZDate.nullable().default(null),
    warrantyEnd: ZDate.nullable().default(null),
    endOfLife: ZDate.nullable().default(null),
    replacementCost: z
      .number({ error: 'An amount' })
      .min(0, { error: 'Not negative' })
      .max(10_000_000, { error: 'At most 10,000,000' })
      .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { error: 'At most two decimals' })
      .default(0),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'A three-letter currency code like USD' }).default('USD'),
    retired: z.boolean().default(false),
  })
  .refine((a) => !a.purchaseDate || !a.warrantyEnd || a.warrantyEnd >= a.purchaseDate, { path: ['warrantyEnd'], error: 'Before the purchase date' })
export type AssetInput = z.infer<typeof ZAssetInput>

export const ZListAssetsInput = z.object({ slug: ZSlug, limit: z.number().int().min(1).max(500).default(200) })
export const ZAssetForecastInput = z.object({ slug: ZSlug, quarters: z.number().int().min(1).max(12).default(8) })
export const ZForecastToRoadmapInput = z.object({
  slug: ZSlug,
  quarter: ZQuarter,
  /** One asset type of that quarter (case-insensitive); all types when left out. */
  type: ZText(80).optional(),
})

export const ZAssetDto = z.object({
  id: z.string(),
  source: z.string(),
  externalId: z.string(),
  name: z.string(),
  type: z.string(),
  model: z.string(),
  serial: z.string(),
  assignedUser: z.string(),
  site: z.string(),
  purchaseDate: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  endOfLife: z.string().nullable(),
  replacementCostCents: z.number(),
  currency: z.string(),
  retired: z.boolean(),
})
export type AssetDto = z.infer<typeof ZAssetDto>
