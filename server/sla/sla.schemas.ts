import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { ZDate, ZInstant, ZInt32, ZQuarter, ZVersion } from '../validation/bounds.ts'
import { PRIORITIES } from './policy.ts'
import { REPORT_LISTS, REPORT_PAGE, decodeCursor } from './report-lists.ts'

/**
 * `baseVersion`: the version the editor started from (0: the partnership had none). A save on top of a version saved
 * since is a 409, never a silent replacement of someone else's targets (ADR 004 addendum).
 */
export const ZSetSlaPolicyInput = z.object({ slug: ZSlug, policy: z.unknown(), baseVersion: ZInt32.min(0, { error: 'A version number (0: none yet)' }) })
/** Operators and the demo seed (`accord sla policy set`) save on top of whatever is newest: no base version. */
export const ZReplaceSlaPolicyInput = ZSetSlaPolicyInput.extend({ baseVersion: ZSetSlaPolicyInput.shape.baseVersion.optional() })
export const ZGetSlaPolicyInput = z.object({ slug: ZSlug, version: ZVersion.optional() })

export const ZSetPriorityMappingInput = z.object({
  slug: ZSlug,
  source: z.string().trim().regex(/^[a-z][a-z0-9_-]{1,39}$/, { error: 'A short lower-case source name like csv or connectwise' }),
  /** Source priority name → P1–P4; names compare case-insensitively. */
  mapping: z.record(z.string().trim().min(1).max(80), z.enum(PRIORITIES, { error: 'Map to P1, P2, P3 or P4' })),
})

// Report ranges are bounded (issue 13, D3): a calendar date in 2000–2100, and at most 24 months from `from` to `to`.
export const MAX_REPORT_MONTHS = 24
const monthsLater = (date: string, months: number) => {
  const [y, m, d] = date.split('-').map(Number)
  const month = m - 1 + months
  return `${String(y + Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
const period = {
  slug: ZSlug,
  quarter: ZQuarter.optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  asOf: ZInstant.optional(),
}
const refinePeriod = (v: { quarter?: string; from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (v.quarter && (v.from || v.to)) ctx.addIssue({ code: 'custom', path: ['quarter'], message: 'Give either a quarter or from/to, not both' })
  if (!v.quarter && !(v.from && v.to)) ctx.addIssue({ code: 'custom', path: [v.from ? 'to' : 'from'], message: 'Give a quarter, or both from and to' })
  if (v.from && v.to && v.from >= v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from (to is exclusive)' })
  else if (v.from && v.to && v.to > monthsLater(v.from, MAX_REPORT_MONTHS)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_REPORT_MONTHS} months after from` })
  }
}
/** A report's period and as-of, as sla.report and sla.reportList take them. */
export const ZReportPeriod = z.object(period).superRefine(refinePeriod)
export const ZSlaReportInput = z
  .object({
    ...period,
    /** Include the per-ticket list (default true). */
    tickets: z.boolean().default(true),
  })
  .superRefine(refinePeriod)
export type SlaReportInput = z.input<typeof ZSlaReportInput>

const ZListCursor = (message: string) =>
  z
    .string()
    .max(600)
    .refine((c) => decodeCursor(c) !== null, message)

/**
 * A further page of one of sla.report's lists (ADR 030): the same period and as-of as the report (give the report's
 * `asOf`, so the pages hold still), the list, and the cursor the report or the previous page returned (`cursor`:
 * the page after it), or a page's `prev` (`before`: the page before it).
 */
export const ZSlaReportListInput = z
  .object({
    ...period,
    list: z.enum(REPORT_LISTS, { error: 'One of breaches, disagreements, pending' }),
    cursor: ZListCursor('Not a cursor of this list: pass the `next` of the report or of the previous page').optional(),
    before: ZListCursor('Not a cursor of this list: pass the `prev` of a page').optional(),
    limit: z.number().int().min(1).max(500).default(REPORT_PAGE),
  })
  .superRefine(refinePeriod)
  .superRefine((v, ctx) => {
    if (v.cursor !== undefined && v.before !== undefined) ctx.addIssue({ code: 'custom', path: ['before'], message: 'Give either cursor (the page after) or before (the page before), not both' })
  })
export type SlaReportListInput = z.input<typeof ZSlaReportListInput>

/** The at-risk list (issue 11 §6): pending clocks past the policy's atRiskShare, as of now unless asOf is given. */
export const ZListAtRiskInput = z.object({
  slug: ZSlug,
  asOf: ZInstant.optional(),
  limit: z.number().int().min(1).max(500).default(100),
})
