import { describe, expect, it } from 'vitest'
import { Prisma } from '../db/generated/client.ts'
import { FIELD_GROUPS } from './field-groups.ts'

// A group is checked against the field history, which records columns: a member named as the form or the API names
// it (`oneTime`, not `oneTimeCents`) would never match a change, and the group would silently not hold.
const COLUMNS: Record<string, Record<string, string>> = {
  RoadmapItem: Prisma.RoadmapItemScalarFieldEnum,
  CsiEntry: Prisma.CsiEntryScalarFieldEnum,
  ResponsibilityFunction: Prisma.ResponsibilityFunctionScalarFieldEnum,
  Qbr: Prisma.QbrScalarFieldEnum,
  QbrAgendaItem: Prisma.QbrAgendaItemScalarFieldEnum,
  QbrActionItem: Prisma.QbrActionItemScalarFieldEnum,
}

describe('field groups', () => {
  it.each(Object.entries(FIELD_GROUPS))('%s: every member is a column of the entity, in one group at most', (entityType, groups) => {
    const members = groups.flat()
    expect(members.filter((m) => !(m in COLUMNS[entityType]))).toEqual([])
    expect(new Set(members).size).toBe(members.length)
    for (const group of groups) expect(group.length).toBeGreaterThan(1)
  })

  it('the costs of a roadmap item and the KPI of a CSI entry are units', () => {
    expect(FIELD_GROUPS.RoadmapItem).toContainEqual(['oneTimeCents', 'recurringCents', 'recurringPeriod', 'currency'])
    expect(FIELD_GROUPS.CsiEntry).toContainEqual(['kpiMetric', 'kpiBaseline', 'kpiTarget', 'kpiTargetDate'])
  })
})
