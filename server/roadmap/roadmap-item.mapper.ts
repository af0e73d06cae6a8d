import type { RoadmapItem } from '../db/generated/client.ts'
import type { RoadmapFields, RoadmapItemDto } from './roadmap.schemas.ts'

export const toCents = (amount: number) => BigInt(Math.round(amount * 100))
export const fromCents = (cents: bigint) => Number(cents) / 100

export function toRoadmapDto(r: RoadmapItem): RoadmapItemDto {
  return {
    id: r.id,
    version: r.version,
    title: r.title,
    description: r.description,
    businessOutcome: r.businessOutcome,
    category: r.category,
    mspOwner: r.mspOwner,
    clientOwner: r.clientOwner,
    status: r.status,
    targetQuarter: r.targetQuarter,
    priority: r.priority,
    oneTime: fromCents(r.oneTimeCents),
    recurring: fromCents(r.recurringCents),
    recurringPeriod: r.recurringPeriod as 'MONTH' | 'YEAR',
    currency: r.currency,
    responsibilityIds: r.responsibilityIds,
    csiEntryIds: r.csiEntryIds,
    proposedBy: r.proposedBy,
    mspApproval: r.mspApprovedAt ? { by: r.mspApprovedBy ?? '', at: r.mspApprovedAt.toISOString() } : null,
    clientApproval: r.clientApprovedAt ? { by: r.clientApprovedBy ?? '', at: r.clientApprovedAt.toISOString() } : null,
    approvalResetReason: r.approvalResetReason,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    deletedAt: r.deletedAt?.toISOString() ?? null,
  }
}

/** API fields → columns (amounts in cents). */
export function toColumns(fields: Partial<RoadmapFields>): Record<string, unknown> {
  const { oneTime, recurring, ...rest } = fields
  return {
    ...rest,
    ...(oneTime !== undefined ? { oneTimeCents: toCents(oneTime) } : {}),
    ...(recurring !== undefined ? { recurringCents: toCents(recurring) } : {}),
  }
}
