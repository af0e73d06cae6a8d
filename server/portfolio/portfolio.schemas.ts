import { z } from 'zod'
import { ZInstant, ZQuarter } from '../validation/bounds.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'

// portfolio.list, the /portfolio page, its CSV and `accord portfolio` share these schemas.

export const PORTFOLIO_COLUMNS = [
  'client',
  'owner',
  'responseNow',
  'responsePrev',
  'resolutionNow',
  'resolutionPrev',
  'breaches',
  'atRisk',
  'escalationRate',
  'csat',
  'keyPersonShare',
  'reopenRate',
  'firstContactRate',
  'incidentsPer100Users',
  'proactiveShare',
  'nextQbr',
  'qbrState',
  'overdueActions',
  'awaitingMsp',
  'awaitingClient',
  'lastPack',
] as const
export type PortfolioColumn = (typeof PORTFOLIO_COLUMNS)[number]

export const ZPortfolioFilter = z.object({
  column: z.enum(PORTFOLIO_COLUMNS),
  op: z.enum(['lt', 'gt', 'eq', 'contains']),
  value: z.string().trim().min(1, { error: 'Enter a value' }).max(100),
})
export type PortfolioFilter = z.infer<typeof ZPortfolioFilter>

export const ZPortfolioListInput = z.object({
  /** The MSP organization's slug. */
  org: ZSlug,
  quarter: ZQuarter.optional(),
  asOf: ZInstant.optional(),
  /** An account manager's user id, or "none" for partnerships without one. */
  owner: z.string().min(1).max(60).optional(),
  sort: z.enum(PORTFOLIO_COLUMNS).default('client'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  filters: z.array(ZPortfolioFilter).max(10).default([]),
})
export type PortfolioListInput = z.input<typeof ZPortfolioListInput>

export interface PortfolioSla {
  response: number | null
  resolution: number | null
}

export interface PortfolioRow {
  slug: string
  client: string
  clientSlug: string
  owner: { id: string; name: string } | null
  qbrCadenceMonths: number
  /** The quarter in the client's fiscal year with its dates (ADR 027), null when its year is the calendar year. */
  fiscalQuarter: string | null
  attainment: { now: PortfolioSla; prev: PortfolioSla }
  /** Resolution attainment per month, the six months ending with the quarter (null where nothing was decided). */
  sparkline: Array<{ month: string; response: number | null; resolution: number | null }>
  breaches: number
  atRisk: number
  escalationRate: number | null
  csat: number | null
  keyPersonShare: number | null
  /** Service KPIs beyond SLA % (issue 15 §4), percentages; incidents per 100 users needs the client's headcount. */
  reopenRate: number | null
  firstContactRate: number | null
  incidentsPer100Users: number | null
  proactiveShare: number | null
  nextQbr: { date: string; state: 'scheduled' | 'ok' | 'due' | 'overdue'; lastHeld: string | null }
  overdueActions: number
  awaiting: { msp: number; client: number }
  lastPack: string | null
}

export interface Portfolio {
  msp: { slug: string; name: string }
  quarter: string
  previousQuarter: string
  asOf: string
  owners: Array<{ id: string; name: string }>
  /** Rows before filtering (so a page can say "3 of 40"). */
  total: number
  rows: PortfolioRow[]
}

export const ZPortfolioPacksInput = z.object({
  org: ZSlug,
  quarter: ZQuarter,
  slugs: z.array(ZSlug).min(1, { error: 'Select at least one partnership' }).max(100),
})
