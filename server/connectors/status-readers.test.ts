import { describe, expect, it } from 'vitest'
import { readAutotaskHistory } from './autotask.ts'
import { readConnectWiseAudit } from './connectwise.ts'
import { readHaloActions } from './halopsa.ts'

describe('reading status changes leniently', () => {
  it('ConnectWise: status entries by subtype, the last quoted name as the new status; other entries are noise', () => {
    expect(readConnectWiseAudit({ text: 'Status changed from "In Progress" to "Waiting Customer"', enteredDate: '2026-06-01T09:00:00Z', auditSubType: 'Status' })).toEqual({
      at: '2026-06-01T09:00:00.000Z',
      from: 'In Progress',
      to: 'Waiting Customer',
    })
    expect(readConnectWiseAudit({ text: 'Status changed to ">Closed"', enteredDate: '2026-06-01T09:00:00Z' })).toMatchObject({ from: null, to: '>Closed' })
    expect(readConnectWiseAudit({ text: 'Priority changed from "P3" to "P1"', enteredDate: '2026-06-01T09:00:00Z', auditSubType: 'Priority' })).toBeNull()
    expect(readConnectWiseAudit({ text: 'Status was updated', enteredDate: '2026-06-01T09:00:00Z', auditSubType: 'Status' })).toBeUndefined()
    expect(readConnectWiseAudit({ text: 'Status changed from "A" to "B"', enteredDate: 'yesterday', auditSubType: 'Status' })).toBeUndefined()
  })

  it('Autotask: "Old -> New" labels (picklist values read as labels), other actions are noise', () => {
    const labels = new Map([['7', 'Waiting Customer']])
    expect(readAutotaskHistory({ action: 'Status Changed', detail: 'New -> 7', date: '2026-06-01T09:00:00.12Z' }, labels)).toEqual({ at: '2026-06-01T09:00:00.120Z', from: 'New', to: 'Waiting Customer' })
    expect(readAutotaskHistory({ action: 'Note Added', detail: 'Called', date: '2026-06-01T09:00:00Z' }, labels)).toBeNull()
    expect(readAutotaskHistory({ action: 'Status Changed', detail: 'Waiting Customer', date: '2026-06-01T09:00:00Z' }, labels)).toBeUndefined()
  })

  it('Halo: new_status against old_status or the previous action, in time order, named through /api/Status', () => {
    const statuses = new Map([
      [1, { name: 'New', slaaction: null }],
      [4, { name: 'Waiting on User', slaaction: 'hold' }],
      [9, { name: 'Closed', slaaction: null }],
    ])
    const history = readHaloActions(
      [
        { actiondatecreated: '2026-06-01T12:00:00.1234567Z', new_status: 9 },
        { datetime: '2026-06-01T10:00:00', old_status: 1, new_status: 4 },
        { actiondatecreated: '2026-06-01T11:00:00', new_status: 4, note: 'chased' },
        { actiondatecreated: 'not a date', new_status: 9 },
        { actiondatecreated: '2026-06-01T13:00:00', old_status: 9, new_status: 77 },
      ],
      statuses,
    )
    expect(history.changes).toEqual([
      { at: '2026-06-01T10:00:00.000Z', from: 'New', to: 'Waiting on User' },
      { at: '2026-06-01T12:00:00.123Z', from: 'Waiting on User', to: 'Closed' },
    ])
    expect(history.unparsed).toBe(2)
  })
})
