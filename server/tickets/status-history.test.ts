import { describe, expect, it } from 'vitest'
import { completionFromHistory, lifecycleOf, pausesFromHistory, statusRules } from './status-history.ts'

const waiting = statusRules({ waiting: ['Waiting Customer', 'Waiting Vendor'] }).waiting
const created = '2026-06-01T08:00:00.000Z'
const at = (h: number) => new Date(Date.parse(created) + h * 3_600_000).toISOString()

describe('pausesFromHistory', () => {
  it('opens a pause on entering a waiting status and ends it on leaving, in time order whatever the input order', () => {
    const pauses = pausesFromHistory(
      [
        { at: at(5), from: 'Waiting Customer', to: 'In Progress' },
        { at: at(1), from: 'New', to: 'In Progress' },
        { at: at(2), from: 'In Progress', to: 'Waiting Customer' },
      ],
      { createdAt: created, initialStatus: 'In Progress', waiting },
    )
    expect(pauses).toEqual([[at(2), at(5), 'Waiting Customer']])
  })

  it('joins consecutive waiting statuses into one pause naming both, and leaves a pause still waiting open', () => {
    const pauses = pausesFromHistory(
      [
        { at: at(1), from: 'New', to: 'waiting customer ' },
        { at: at(2), from: 'Waiting Customer', to: 'Waiting Vendor' },
        { at: at(3), from: 'Waiting Vendor', to: 'In Progress' },
        { at: at(4), from: 'In Progress', to: 'Waiting Vendor' },
      ],
      { createdAt: created, initialStatus: 'Waiting Vendor', waiting },
    )
    expect(pauses).toEqual([
      [at(1), at(3), 'waiting customer, Waiting Vendor'],
      [at(4), null, 'Waiting Vendor'],
    ])
  })

  it('starts at createdAt when the status before the first change waits, and closing ends a pause', () => {
    expect(pausesFromHistory([{ at: at(3), from: 'Waiting Customer', to: '>Closed' }], { createdAt: created, initialStatus: '>Closed', waiting })).toEqual([[created, at(3), 'Waiting Customer']])
  })

  it('takes the current status when there is no history, and an unknown first "from" as not waiting', () => {
    expect(pausesFromHistory([], { createdAt: created, initialStatus: 'Waiting Customer', waiting })).toEqual([[created, null, 'Waiting Customer']])
    expect(pausesFromHistory([], { createdAt: created, initialStatus: 'In Progress', waiting })).toEqual([])
    expect(pausesFromHistory([{ at: at(2), from: null, to: 'In Progress' }], { createdAt: created, initialStatus: 'Waiting Customer', waiting })).toEqual([])
  })

  it('clamps a pause to createdAt and drops one that ends by then or lasts no time', () => {
    const pauses = pausesFromHistory(
      [
        { at: at(-2), from: 'New', to: 'Waiting Customer' },
        { at: at(1), from: 'Waiting Customer', to: 'In Progress' },
        { at: at(2), from: 'In Progress', to: 'Waiting Customer' },
        { at: at(2), from: 'Waiting Customer', to: 'In Progress' },
      ],
      { createdAt: created, initialStatus: null, waiting },
    )
    expect(pauses).toEqual([[created, at(1), 'Waiting Customer']])
  })
})

describe('lifecycleOf', () => {
  const rules = statusRules({ waiting: ['Waiting Customer'], resolved: ['Resolved'], closed: ['Closed (resolved)'] })
  it('puts the closed flag first, then the map by name, then the resolution time', () => {
    expect(lifecycleOf('>Closed', true, true, rules)).toBe('closed')
    expect(lifecycleOf('closed (RESOLVED)', false, true, rules)).toBe('closed')
    expect(lifecycleOf('Resolved', false, false, rules)).toBe('resolved')
    expect(lifecycleOf('Waiting customer', false, false, rules)).toBe('waiting')
    expect(lifecycleOf('Complete', false, true, statusRules({}))).toBe('resolved')
    expect(lifecycleOf('Closed', false, false, statusRules({}))).toBe('open')
  })
})

describe('completionFromHistory', () => {
  const rules = statusRules({ resolved: ['Resolved'], closed: ['>Closed', 'Closed'] })
  const change = (at: string, to: string) => ({ at: `2026-06-01T${at}:00Z`, from: null, to })
  it('is the first change of the last stretch of resolved or closed statuses', () => {
    expect(completionFromHistory([change('10:00', 'In Progress'), change('11:00', 'Resolved'), change('12:00', '>Closed')], rules)).toBe('2026-06-01T11:00:00.000Z')
    // Reopened, then closed again: the last closing.
    expect(completionFromHistory([change('12:00', 'closed'), change('10:00', 'Resolved'), change('11:00', 'In Progress')], rules)).toBe('2026-06-01T12:00:00.000Z')
  })
  it('is null when the history never reaches a finished status or has left it', () => {
    expect(completionFromHistory([], rules)).toBeNull()
    expect(completionFromHistory([change('10:00', 'Resolved'), change('11:00', 'In Progress')], rules)).toBeNull()
  })
})
