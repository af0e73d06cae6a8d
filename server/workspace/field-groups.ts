// Where the versioned update finds each entity's field groups (declared beside its schema), by the entity type
// the field history records. An entity without an entry has none: each of its columns stands alone.

import { CSI_FIELD_GROUPS } from '../csi/csi.schemas.ts'
import { ACTION_ITEM_FIELD_GROUPS, AGENDA_ITEM_FIELD_GROUPS, QBR_FIELD_GROUPS } from '../qbr/qbr.schemas.ts'
import { RESPONSIBILITY_FIELD_GROUPS } from '../responsibilities/responsibilities.schemas.ts'
import { ROADMAP_FIELD_GROUPS } from '../roadmap/roadmap.schemas.ts'
import type { FieldGroups } from './workspace.schemas.ts'

export const FIELD_GROUPS: Readonly<Record<string, FieldGroups>> = {
  RoadmapItem: ROADMAP_FIELD_GROUPS,
  CsiEntry: CSI_FIELD_GROUPS,
  ResponsibilityFunction: RESPONSIBILITY_FIELD_GROUPS,
  Qbr: QBR_FIELD_GROUPS,
  QbrAgendaItem: AGENDA_ITEM_FIELD_GROUPS,
  QbrActionItem: ACTION_ITEM_FIELD_GROUPS,
}

export function fieldGroups(entityType: string): FieldGroups {
  return FIELD_GROUPS[entityType] ?? []
}
