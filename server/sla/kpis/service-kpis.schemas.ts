import { z } from 'zod'
import { ZSlug } from '../../partnerships/partnerships.schemas.ts'
import { ZInstant, ZQuarter } from '../../validation/bounds.ts'

export const ZServiceKpisInput = z.object({
  slug: ZSlug,
  quarter: ZQuarter,
  asOf: ZInstant.optional(),
  /** Key-person dependency over the top N engineers; absent: the fewest engineers covering half the complex tickets. */
  topN: z.number().int().min(1, { error: 'At least 1' }).max(50, { error: 'At most 50' }).optional(),
})
export type ServiceKpisInput = z.input<typeof ZServiceKpisInput>

/** The ticket KPIs of one period (a month or a quarter) over the tickets created in it. */
export interface KpiFigures {
  tickets: number
  /** Resolved by the as-of instant. */
  resolved: number
  /** % of the resolved tickets reopened at least once. */
  reopenRate: number | null
  /** % of the resolved tickets whose source says whether they were resolved with one response. */
  firstContactRate: number | null
  firstContactKnown: number
  /** Incidents (tickets that are not planned maintenance) per 100 users of the client; null without a headcount. */
  incidentsPer100Users: number | null
  incidents: number
  /** % of the tickets of known origin that are proactive (monitoring alert or maintenance). */
  proactiveShare: number | null
  originKnown: number
  /** Resolution time on each priority's SLA clock (the engine's elapsed minutes), median and 90th percentile. */
  medianResolutionMinutes: number | null
  p90ResolutionMinutes: number | null
}

export interface KeyPersonFigures {
  /** Of the complex tickets (escalated or P1/P2, resolved, with an assignee), the share resolved by the top engineers. */
  share: number | null
  /** The engineers counted: the top N, or the fewest covering half when no N is set. */
  engineers: Array<{ assignee: string; count: number }>
  considered: number
}

export interface ServiceKpis {
  partnership: string
  quarter: string
  previousQuarter: string
  asOf: string
  timezone: string
  headcount: number | null
  topN: number | null
  current: KpiFigures
  previous: KpiFigures
  /** The six months of both quarters, oldest first. */
  monthly: Array<KpiFigures & { month: string; keyPersonShare: number | null }>
  keyPerson: {
    current: KeyPersonFigures
    previous: KeyPersonFigures
    byQueue: Array<KeyPersonFigures & { queue: string }>
  }
}
