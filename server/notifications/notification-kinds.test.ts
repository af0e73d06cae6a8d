import { describe, expect, it } from 'vitest'
import { reminderState } from './send-action-item-reminders.server.ts'
import { OPTIONAL_KINDS, wants } from './notification-kinds.ts'

describe('wants', () => {
  it('always sends invitations, whatever the choice', () => {
    expect(wants('INVITATION', [], new Map([['INVITATION', false]]))).toBe(true)
  })
  it('sends SLA alerts and the digest by default to MSP admins, account managers and client executives only', () => {
    for (const kind of ['SLA_BREACH', 'SLA_DIGEST'] as const) {
      expect(['MSP_ADMIN', 'ACCOUNT_MANAGER', 'CLIENT_EXECUTIVE'].map((r) => wants(kind, [r as never], new Map()))).toEqual([true, true, true])
      expect(['MSP_ENGINEER', 'CLIENT_IT', 'VIEWER'].map((r) => wants(kind, [r as never], new Map()))).toEqual([false, false, false])
    }
  })
  it('sends at-risk alerts by default to MSP admins and account managers; everyone else, clients included, opts in', () => {
    expect(['MSP_ADMIN', 'ACCOUNT_MANAGER'].map((r) => wants('SLA_AT_RISK', [r as never], new Map()))).toEqual([true, true])
    expect(['MSP_ENGINEER', 'CLIENT_EXECUTIVE', 'CLIENT_IT', 'VIEWER'].map((r) => wants('SLA_AT_RISK', [r as never], new Map()))).toEqual([false, false, false, false])
    expect(wants('SLA_AT_RISK', ['CLIENT_EXECUTIVE'], new Map([['SLA_AT_RISK', true]]))).toBe(true)
  })
  it('lets a choice override the default either way', () => {
    expect(wants('SLA_BREACH', ['MSP_ENGINEER'], new Map([['SLA_BREACH', true]]))).toBe(true)
    expect(wants('SLA_BREACH', ['MSP_ADMIN'], new Map([['SLA_BREACH', false]]))).toBe(false)
    expect(OPTIONAL_KINDS.every((k) => !wants(k, ['MSP_ADMIN'], new Map([[k, false]])))).toBe(true)
  })
})

describe('reminderState', () => {
  const now = new Date('2026-09-10T15:00:00Z')
  it('is DUE_SOON from N days before the due day through the due day, OVERDUE after, nothing before', () => {
    expect(reminderState(new Date('2026-09-14T00:00:00Z'), now, 3)).toBeNull()
    expect(reminderState(new Date('2026-09-13T00:00:00Z'), now, 3)).toBe('DUE_SOON')
    expect(reminderState(new Date('2026-09-10T00:00:00Z'), now, 3)).toBe('DUE_SOON')
    expect(reminderState(new Date('2026-09-09T23:59:00Z'), now, 3)).toBe('OVERDUE')
  })
})
