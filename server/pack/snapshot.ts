// The QBR pack's data snapshot: plain JSON, the only input of the PDF renderer and the presentation view, and what
// a frozen pack version stores beside its PDF. Every list is in a stable order, so the same data gives the same
// snapshot, and the same snapshot the same PDF bytes.
import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import type { Tally } from '../sla/attainment.ts'
import type { BudgetRollup } from '../roadmap/budget.ts'
import type { Priority } from '../sla/policy.ts'
import { ZInstant, ZQuarter } from '../validation/bounds.ts'
import type { KpiPair } from '../../app/charts/pack-format.ts'
import type { ChangeLine } from './as-of/change-lines.ts'

export type { ChangeLine, KpiPair }

export const PACK_SNAPSHOT_VERSION = 2
/** Rows of the breached-ticket appendix; the snapshot keeps the total beside them. */
export const BREACH_APPENDIX_LIMIT = 200

export const ZPackInput = z.object({
  slug: ZSlug,
  quarter: ZQuarter,
  asOf: ZInstant.optional(),
})
export type PackInput = z.input<typeof ZPackInput>

export interface PackLogo {
  png: string
  width: number
  height: number
}

export interface PackBreach {
  externalId: string
  title: string
  priority: Priority
  queue: string | null
  assignee: string | null
  createdAt: string
  /** Which clock broke and by how much, e.g. "Response 75 min / 30 min". */
  reason: string
}

export interface PackSnapshot {
  schemaVersion: typeof PACK_SNAPSHOT_VERSION
  partnership: string
  quarter: string
  previousQuarter: string
  /** The quarter as the client reads it: "FY2027 Q1 (1 Apr – 30 Jun 2026)" in a fiscal year, else the key; absent before. */
  quarterLabel?: string
  /** The fiscal year's start month when frozen (ADR 027): the roadmap's and budget's quarters read in it; absent = January. */
  fiscalYearStartMonth?: number
  asOf: string
  timezone: string
  /**
   * The locale its dates and figures are written in, chosen when it was generated: the default (en-GB) for now, since
   * a partnership has no locale setting and a shared document must not depend on who clicked. Absent in packs
   * frozen before it was recorded (they used the default).
   */
  locale?: string
  /** `toDate`: the as-of falls inside the quarter, so its figures are the quarter to date. */
  period: { start: string; end: string; toDate: boolean }
  /**
   * What the KPI deltas compare with: the whole previous quarter, or, for a quarter in progress, the same elapsed
   * share of it (`end` is where that share ends). `label` names it for the reader ("2026-Q2, first 45 days").
   */
  comparison: { start: string; end: string; label: string }
  /** `logo`: the MSP's logo as it was when the pack was drawn (base64 PNG, sanitised on upload); absent before logos. */
  msp: { name: string; primaryColor: string | null; logo?: PackLogo | null }
  client: { name: string }
  /** Null: the partnership had no SLA policy, so the SLA sections say so and count nothing. */
  policy: { version: number; name: string; targets: Record<Priority, { responseMinutes: number; resolutionMinutes: number; clock: string }> } | null
  kpis: {
    responseAttainment: KpiPair
    resolutionAttainment: KpiPair
    tickets: KpiPair
    escalationRate: KpiPair
    csat: KpiPair
    uptime: KpiPair
  }
  sla: {
    byPriority: Array<{ priority: Priority; response: Tally; resolution: Tally }>
    overall: { response: Tally; resolution: Tally }
    months: Array<{ month: string; response: number | null; resolution: number | null }>
    metricSlas: Array<{ metric: string; unit?: string; op: string; target: number; results: Array<{ period: string; value: number | null; met: boolean | null }> }>
    breachCount: number
    breaches: PackBreach[]
    /**
     * Of the pending resolution clocks, those of tickets closed or resolved with no resolution time: "completion
     * unknown", never a breach (ADR 011). Absent in packs frozen before it was counted.
     */
    completionUnknown?: number
  }
  tickets: {
    total: number
    weekly: Array<{ week: string; byPriority: Record<Priority, number> }>
    byQueue: Array<{ queue: string; count: number }>
    medianResolutionMinutes: number | null
    csatResponses: number
  }
  keyPerson: {
    /** Tickets opened in the quarter per assignee, largest first (the rest folded into "others"). */
    assignees: Array<{ assignee: string; count: number; share: number }>
    total: number
    /** Share of the escalated or P1/P2 tickets resolved by the top three (sla.ticketStats), a fraction. */
    topThreeCriticalShare: number | null
  }
  responsibilities: {
    since: string
    rows: Array<{ category: string; name: string; classification: string; mspRaci: string; clientRaci: string; mspOwner: string | null; clientOwner: string | null; changed: boolean }>
  }
  /**
   * Changes to the matrix, roadmap and CSI register from the last QBR (its held date; the quarter's start when
   * there was none) to the as-of: one line per entity and save, oldest first. The section shows the first
   * CHANGES_SECTION_LIMIT, the appendix all.
   */
  changes: { since: string; lastQbr: { quarter: string; heldOn: string } | null; lines: ChangeLine[] }
  roadmap: {
    quarters: string[]
    items: Array<{ title: string; status: string; targetQuarter: string | null; priority: string; category: string; oneTime: number; recurring: number; recurringPeriod: string; currency: string }>
    budget: BudgetRollup[]
  }
  /** `current`: the KPI over `period` (the reviewed quarter, "to date" while it runs), the period the pack names. */
  csi: Array<{ opportunity: string; stage: string; status: string; kpi: string | null; period: string; baseline: number | null; target: number | null; current: number | null; better: 'up' | 'down' | null; onTarget: boolean | null }>
  /**
   * Hardware lifecycle (issue 16 §2): the replacement forecast for four quarters from the as-of, over the assets
   * known at the as-of. Absent in packs frozen before it existed.
   */
  lifecycle?: PackLifecycle
  /** Filled from the QBR meeting (agenda, last QBR's action items) once meetings exist; null: no QBR scheduled. */
  qbr: {
    /** `minutes`: the timebox; `notes`: the minutes taken on the item. */
    agenda: Array<{ title: string; minutes: number | null; presenter: string | null; notes: string }>
    attendees: Array<{ name: string; party: 'MSP' | 'CLIENT' }>
    previousActionItems: Array<{ title: string; owner: string | null; party: string | null; due: string | null; status: string }>
  } | null
  /** Attainment computed beside agreed, and the quarter's verdict disputes; absent in packs frozen before disputes. */
  disputes?: import('./disputes-section.ts').PackDisputes
  /** Standards alignment as of the pack's instant (ADR 025); absent in packs frozen before assessments. */
  alignment?: import('./alignment-section.ts').PackAlignment
  /** Service KPIs beyond SLA % (ADR 024) as of the pack's instant; absent in packs frozen before them or without a policy. */
  serviceKpis?: import('../sla/kpis/service-kpis.schemas.ts').ServiceKpis
  /**
   * The account manager's narrative (ADR 029) as it stood when the pack was drawn, with its version: the executive
   * summary and a note per section. Absent when none was written, and in packs frozen before narratives.
   */
  narrative?: import('../narrative/narrative.schemas.ts').PackNarrative
}


export interface PackLifecycle {
  /** Active assets known at the as-of, and those with neither a warranty end nor an end of life (not forecast). */
  assets: number
  undated: number
  quarters: Array<{
    quarter: string
    count: number
    costs: Array<{ currency: string; cents: number }>
    groups: Array<{ type: string; count: number; overdue: number; reasons: { warranty: number; endOfLife: number }; costs: Array<{ currency: string; cents: number }> }>
  }>
}
