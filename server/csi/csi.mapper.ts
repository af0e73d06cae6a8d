import type { CsiEntry } from '../db/generated/client.ts'
import type { CsiEntryDto, CsiFields } from './csi.schemas.ts'
import { kpiProgress } from './csi.schemas.ts'
import type { KpiFigures } from './kpi.server.ts'

export interface EntryKpi {
  period: string
  quarter: number | null
  trailing: number | null
}

export const kpiOf = (figures: KpiFigures, id: string): EntryKpi => ({ period: figures.period, ...(figures.values[id] ?? { quarter: null, trailing: null }) })

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null

/** `kpi`: null where the figures are not needed (a 409 payload, a deletion). */
export function toCsiDto(r: CsiEntry, kpi: EntryKpi | null): CsiEntryDto {
  const kpiCurrent = kpi?.quarter ?? null
  return {
    id: r.id,
    version: r.version,
    opportunity: r.opportunity,
    size: r.size,
    priority: r.priority,
    justification: r.justification,
    kpiMetric: r.kpiMetric as CsiEntryDto['kpiMetric'],
    kpiBaseline: r.kpiBaseline,
    kpiTarget: r.kpiTarget,
    kpiTargetDate: day(r.kpiTargetDate),
    owner: r.owner,
    startDate: day(r.startDate),
    dueDate: day(r.dueDate),
    milestones: r.milestones as CsiEntryDto['milestones'],
    stage: r.stage,
    status: r.status as CsiEntryDto['status'],
    kpiCurrent,
    kpiPeriod: kpi?.period ?? null,
    kpiTrailing90: kpi?.trailing ?? null,
    progress: kpiProgress(r.kpiBaseline, r.kpiTarget, kpiCurrent),
    updatedAt: r.updatedAt.toISOString(),
    deletedAt: r.deletedAt?.toISOString() ?? null,
  }
}

/** API fields → columns (dates as UTC midnight). */
export function toCsiColumns(fields: Partial<CsiFields>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields }
  for (const key of ['kpiTargetDate', 'startDate', 'dueDate'] as const) {
    if (fields[key] !== undefined) out[key] = fields[key] === null ? null : new Date(`${fields[key]}T00:00:00Z`)
  }
  return out
}
