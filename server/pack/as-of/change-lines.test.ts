import { describe, expect, it } from 'vitest'
import { changeLines, fieldInWords } from './change-lines.ts'

const at = (min: number) => new Date(Date.UTC(2026, 9, 1, 12, min))
const h = (entityType: string, entityId: string, version: number, field: string, after: unknown, min: number) => ({ entityType, entityId, version, field, after, actorLabel: 'Alex', at: at(min) })

describe('changeLines', () => {
  const names = new Map([
    ['RoadmapItem:r', 'SD-WAN'],
    ['ResponsibilityFunction:f', 'Backups'],
  ])

  it('folds a creation into one line, however many fields it wrote', () => {
    const history = ['title', 'status', 'oneTimeCents', 'recurringCents', 'targetQuarter'].map((f) => h('RoadmapItem', 'r', 1, f, 'x', 0))
    expect(changeLines(history, names)).toEqual([{ at: at(0).toISOString(), area: 'Roadmap', name: 'SD-WAN', change: 'created', by: 'Alex' }])
  })

  it('names the changed fields in words, once each, and tells deletions and restorations apart', () => {
    const history = [
      h('RoadmapItem', 'r', 2, 'oneTimeCents', '9000000', 1),
      h('RoadmapItem', 'r', 2, 'mspApprovedAt', null, 1),
      h('RoadmapItem', 'r', 2, 'mspApprovedBy', null, 1),
      h('RoadmapItem', 'r', 2, 'approvalResetReason', 'reset', 1),
      h('ResponsibilityFunction', 'f', 2, 'deletedAt', '2026-10-01T12:02:00.000Z', 2),
      h('ResponsibilityFunction', 'f', 3, 'deletedAt', null, 3),
    ]
    expect(changeLines(history, names).map((l) => [l.name, l.change])).toEqual([
      ['SD-WAN', 'changed MSP approval, one-time cost'],
      ['Backups', 'deleted'],
      ['Backups', 'restored'],
    ])
  })

  it('spells out a field it does not know from its name, never the column name', () => {
    expect(fieldInWords('RoadmapItem', 'riskOwnerIds')).toBe('risk owner')
    expect(fieldInWords('CsiEntry', 'kpiTarget')).toBe('KPI target')
  })
})
