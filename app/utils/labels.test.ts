import { describe, expect, it } from 'vitest'
import { actionLabel, entityLabel, enumLabel, fieldLabel, isUuid } from './labels.ts'

describe('labels', () => {
  it('writes enum values as words', () => {
    expect(enumLabel('IN_PROGRESS')).toBe('In progress')
    expect(enumLabel('CRITICAL')).toBe('Critical')
    expect(enumLabel('CLIENT_EXECUTIVE')).toBe('Client executive')
    expect(enumLabel('SOME_NEW_CODE')).toBe('Some new code')
    expect(enumLabel('P1')).toBe('P1')
    expect(['PLAN', 'DO', 'CHECK', 'ACT'].map(enumLabel)).toEqual(['Plan', 'Do', 'Check', 'Act'])
    expect(enumLabel('R')).toBe('R')
    expect(enumLabel(null)).toBe('—')
  })

  it('writes field names as the form labels them', () => {
    expect(fieldLabel('oneTimeCents')).toBe('One-time cost')
    expect(fieldLabel('oneTime')).toBe('One-time cost')
    expect(fieldLabel('clientOwnerId')).toBe('Client owner')
    expect(fieldLabel('someNewField')).toBe('Some new field')
  })

  it('writes audit actions as sentences, without ids', () => {
    expect(actionLabel('roadmapItem.update')).toBe('Roadmap item updated')
    expect(actionLabel('member.create')).toBe('Membership created')
    expect(actionLabel('qbr.carryActionItems')).toBe('QBR action items carried over')
    expect(actionLabel('qbr.5f0c1b9e-8d2a-4c1e-9f3b-2a7d6e8c4b10.update')).toBe('QBR updated')
    expect(entityLabel('ResponsibilityFunction')).toBe('Responsibility')
    expect(isUuid('5f0c1b9e-8d2a-4c1e-9f3b-2a7d6e8c4b10')).toBe(true)
    expect(isUuid('T-00012')).toBe(false)
  })
})

describe('values', () => {
  it('shows recorded values as words, money and dates, never as ids or codes', async () => {
    const { valueLabel } = await import('./labels.ts')
    expect(valueLabel('oneTimeCents', 1250000)).toBe('12,500')
    expect(valueLabel('oneTimeCents', '99')).toBe('0.99')
    expect(valueLabel('status', 'IN_PROGRESS')).toBe('In progress')
    expect(valueLabel('mspOwnerId', '5f0c1b9e-8d2a-4c1e-9f3b-2a7d6e8c4b10')).toBe('a linked record')
    expect(valueLabel('dueDate', '2026-10-05T00:00:00.000Z')).toBe('2026-10-05')
    expect(valueLabel('title', 'Move the CRM to the cloud')).toBe('Move the CRM to the cloud')
    expect(valueLabel('title', null)).toBe('—')
  })
})
