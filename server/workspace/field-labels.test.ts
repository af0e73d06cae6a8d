import { describe, expect, it } from 'vitest'
import { describeFieldValue, fieldLabel, formField, humanize } from './field-labels.ts'

describe('field labels', () => {
  it('names a recorded column by the field the form edits, in words', () => {
    expect(formField('RoadmapItem', 'oneTimeCents')).toBe('oneTime')
    expect(formField('RoadmapItem', 'mspApprovedBy')).toBe('mspApproval')
    expect(formField('CsiEntry', 'dueDate')).toBe('dueDate')
    expect(fieldLabel('RoadmapItem', 'oneTimeCents')).toBe('One-time cost')
    expect(fieldLabel('RoadmapItem', 'oneTime')).toBe('One-time cost')
    expect(fieldLabel('QbrAgendaItem', 'timeboxMinutes')).toBe('Time box (minutes)')
    expect(fieldLabel('Unknown', 'somethingNew')).toBe('Something new')
  })

  it('words values: amounts from cents, days from midnight instants, codes humanized, nothing as a dash', () => {
    expect(describeFieldValue('RoadmapItem', 'oneTimeCents', '6500000')).toBe('65,000')
    expect(describeFieldValue('CsiEntry', 'dueDate', '2027-03-31T00:00:00.000Z')).toBe('31 Mar 2027')
    expect(describeFieldValue('RoadmapItem', 'status', 'IN_PROGRESS')).toBe('In progress')
    expect(describeFieldValue('RoadmapItem', 'currency', 'USD')).toBe('USD')
    expect(describeFieldValue('ResponsibilityFunction', 'mspRaci', 'RACI')).toBe('RACI')
    expect(describeFieldValue('ResponsibilityFunction', 'slaPriorities', ['P1', 'P2'])).toBe('P1, P2')
    expect(describeFieldValue('RoadmapItem', 'mspOwner', null)).toBe('—')
    expect(humanize('businessOutcome')).toBe('Business outcome')
  })
})
