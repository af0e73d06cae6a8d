import type { ResponsibilityFunction } from '../db/generated/client.ts'
import type { ResponsibilityDto } from './responsibilities.schemas.ts'

export function toResponsibilityDto(r: ResponsibilityFunction): ResponsibilityDto {
  return {
    id: r.id,
    version: r.version,
    category: r.category,
    name: r.name,
    classification: r.classification,
    mspRaci: r.mspRaci,
    clientRaci: r.clientRaci,
    mspOwner: r.mspOwner,
    clientOwner: r.clientOwner,
    notes: r.notes,
    slaPriorities: r.slaPriorities as ResponsibilityDto['slaPriorities'],
    queues: r.queues,
    sortOrder: r.sortOrder,
    updatedAt: r.updatedAt.toISOString(),
    deletedAt: r.deletedAt?.toISOString() ?? null,
  }
}
