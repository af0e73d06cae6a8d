import { z } from 'zod'
import { ZDate } from '../validation/bounds.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { type FieldGroups, ZVersionedRef } from '../workspace/workspace.schemas.ts'

export const PDCA_STAGES = ['PLAN', 'DO', 'CHECK', 'ACT'] as const
// The ITIL continual improvement model's seven steps.
export const ITIL7_STAGES = [
  'WHAT_IS_THE_VISION',
  'WHERE_ARE_WE_NOW',
  'WHERE_DO_WE_WANT_TO_BE',
  'HOW_DO_WE_GET_THERE',
  'TAKE_ACTION',
  'DID_WE_GET_THERE',
  'HOW_DO_WE_KEEP_THE_MOMENTUM',
] as const
export const CSI_STATUSES = ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'DONE', 'CANCELLED'] as const
export const CSI_SIZES = ['SMALL', 'MEDIUM', 'LARGE'] as const

/** Live metrics a KPI can follow, with the direction that counts as better. */
export const KPI_METRICS = {
  'sla.response.overall': { label: 'Response SLA attainment, all priorities (%)', better: 'up' },
  'sla.resolution.overall': { label: 'Resolution SLA attainment, all priorities (%)', better: 'up' },
  'sla.resolution.P1': { label: 'P1 resolution SLA attainment (%)', better: 'up' },
  'sla.resolution.P2': { label: 'P2 resolution SLA attainment (%)', better: 'up' },
  'sla.resolution.P3': { label: 'P3 resolution SLA attainment (%)', better: 'up' },
  'sla.response.P1': { label: 'P1 response SLA attainment (%)', better: 'up' },
  'sla.response.P2': { label: 'P2 response SLA attainment (%)', better: 'up' },
  escalation_rate: { label: 'Escalation rate (%)', better: 'down' },
  csat_average: { label: 'CSAT average (1–5)', better: 'up' },
  median_resolution_minutes: { label: 'Median resolution time (business minutes)', better: 'down' },
  key_person_share: { label: 'Key-person share of complex tickets (%)', better: 'down' },
  uptime: { label: 'Uptime (%)', better: 'up' },
  backup_success: { label: 'Backup success (%)', better: 'up' },
  patch_compliance: { label: 'Patch compliance (%)', better: 'up' },
} as const
export type KpiMetric = keyof typeof KPI_METRICS
export const ZKpiMetric = z.enum(Object.keys(KPI_METRICS) as [KpiMetric, ...KpiMetric[]], { error: 'Choose a live metric' })

const ZMilestone = z.object({ title: z.string().trim().min(1).max(200), due: ZDate.nullable(), done: z.boolean() })

export const ZCsiFields = z.object({
  opportunity: z.string().trim().min(1, { error: 'Describe the opportunity' }).max(300),
  size: z.enum(CSI_SIZES, { error: 'SMALL, MEDIUM or LARGE' }),
  priority: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'], { error: 'LOW, MEDIUM, HIGH or CRITICAL' }),
  justification: z.string().trim().max(4000),
  kpiMetric: ZKpiMetric.nullable(),
  kpiBaseline: z.number().finite().nullable(),
  kpiTarget: z.number().finite().nullable(),
  kpiTargetDate: ZDate.nullable(),
  owner: z.string().trim().max(120).nullable().transform((v) => (v ? v : null)),
  startDate: ZDate.nullable(),
  dueDate: ZDate.nullable(),
  milestones: z.array(ZMilestone).max(30),
  stage: z.string().trim().min(1).max(60),
  status: z.enum(CSI_STATUSES, { error: `One of ${CSI_STATUSES.join(', ')}` }),
})
export type CsiFields = z.infer<typeof ZCsiFields>

/**
 * The KPI is one target: the baseline and the target are figures of the metric (its unit and the direction that
 * counts as better come with it), to be reached by the date. A baseline of one metric under the other party's new
 * metric, or a target moved while the other party moved the date, is a goal nobody set. The start and due dates
 * are not a unit: each is a plan of its own, and moving one does not change what the other means.
 */
export const CSI_FIELD_GROUPS: FieldGroups = [['kpiMetric', 'kpiBaseline', 'kpiTarget', 'kpiTargetDate']]

export const ZCreateCsiInput = ZCsiFields.partial().required({ opportunity: true, size: true }).extend({ slug: ZSlug })
export const ZUpdateCsiInput = ZVersionedRef.extend({
  changes: ZCsiFields.partial().refine((c) => Object.keys(c).length > 0, { error: 'Change at least one field' }),
})

export const ZCsiEntry = ZCsiFields.extend({
  id: z.string(),
  version: z.number(),
  /** The KPI over `kpiPeriod`, the current quarter to date: the figure the QBR pack shows. */
  kpiCurrent: z.number().nullable(),
  kpiPeriod: z.string().nullable(),
  /** The same KPI over the trailing 90 days, shown beside it. */
  kpiTrailing90: z.number().nullable(),
  /** 0–1: how far the KPI has moved from baseline to target; null without a KPI or data. */
  progress: z.number().nullable(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
})
export type CsiEntryDto = z.infer<typeof ZCsiEntry>

export const ZListCsiInput = z.object({
  slug: ZSlug,
  sort: z.enum(['priority', 'size', 'due']).default('priority'),
  includeDeleted: z.boolean().default(false),
})

export function stagesFor(model: 'PDCA' | 'ITIL7'): readonly string[] {
  return model === 'PDCA' ? PDCA_STAGES : ITIL7_STAGES
}

/** Progress from baseline towards target, clamped to 0–1 (works for metrics where lower is better too). */
export function kpiProgress(baseline: number | null, target: number | null, current: number | null): number | null {
  if (baseline === null || target === null || current === null || baseline === target) return null
  return Math.min(1, Math.max(0, (current - baseline) / (target - baseline)))
}
