import { describe, expect, it } from 'vitest'
import { DEMO_POLICY } from '../sla/policy.ts'
import { raciAcrossMsps } from './raci-check.ts'
import { compareSlas } from './sla-compare.ts'

describe('raciAcrossMsps', () => {
  it('lists a function nobody is accountable for, and one two parties both claim', () => {
    const out = raciAcrossMsps([
      { msp: 'Northwind', category: 'Ops', name: 'Backups', mspRaci: 'RA', clientRaci: 'I' },
      { msp: 'Tailspin', category: 'ops', name: 'Backups ', mspRaci: 'A', clientRaci: 'C' },
      { msp: 'Northwind', category: 'Ops', name: 'Patching', mspRaci: 'R', clientRaci: 'C' },
      { msp: 'Tailspin', category: 'Leadership', name: 'Strategy', mspRaci: 'C', clientRaci: 'RA' },
    ])
    const by = Object.fromEntries(out.map((f) => [f.name.trim(), f]))
    expect(by.Backups).toMatchObject({ accountable: ['Northwind', 'Tailspin'], problem: 'several-accountable' })
    expect(by.Backups.byMsp).toEqual({ Northwind: { msp: 'RA', client: 'I' }, Tailspin: { msp: 'A', client: 'C' } })
    expect(by.Patching).toMatchObject({ accountable: [], problem: 'none-accountable' })
    expect(by.Strategy).toMatchObject({ accountable: ['Client'], problem: null })
  })
})

describe('compareSlas', () => {
  it('marks the fewest minutes better and the most worse, nothing when all agree', () => {
    const faster = { ...DEMO_POLICY, targets: { ...DEMO_POLICY.targets, P1: { ...DEMO_POLICY.targets.P1, responseMinutes: 5 } } }
    const out = compareSlas([
      { msp: 'A', policy: DEMO_POLICY },
      { msp: 'B', policy: faster },
      { msp: 'C', policy: null },
    ])
    const p1 = out.rows.find((r) => r.priority === 'P1' && r.metric === 'response')!
    expect(p1.cells.B!.mark).toBe('better')
    expect(p1.cells.A!.mark).toBe('worse')
    expect(p1.cells.C).toBeNull()
    expect(out.rows.find((r) => r.priority === 'P2' && r.metric === 'response')!.cells.A!.mark).toBeNull()
  })
})
