import { describe, expect, it } from 'vitest'
import { createVerdictTable } from '../sla/engine.ts'
import { MonthIndex, periodBounds } from '../sla/periods.ts'
import type { Priority } from '../sla/policy.ts'
import { type Overrides, agreedAttainment, overrideKey } from './agreed-attainment.ts'

const ZONE = 'America/New_York'
const { start, end } = periodBounds(ZONE, { quarter: '2026-Q3' })
const months = new MonthIndex(ZONE, start, end - 1)
const july = Date.parse('2026-07-15T12:00:00Z')
const august = Date.parse('2026-08-15T12:00:00Z')
const june = Date.parse('2026-06-15T12:00:00Z')

/** Rows with a response verdict each (1 met, 2 breached, 0 pending) decided at the given instant; resolution pending. */
function rows(spec: Array<{ id: string; verdict: 0 | 1 | 2; at: number; createdAt?: number }>) {
  const table = createVerdictTable(spec.length)
  spec.forEach((s, i) => {
    table.responseVerdict[i] = s.verdict
    table.responseDecidedAt[i] = s.verdict === 0 ? Number.NaN : s.at
    table.resolutionDecidedAt[i] = Number.NaN
  })
  return {
    rows: { length: spec.length, externalId: spec.map((s) => s.id), priority: spec.map((): Priority => 'P2'), createdAt: spec.map((s) => s.createdAt ?? s.at - 3_600_000) },
    table,
  }
}

describe('agreedAttainment', () => {
  const { rows: r, table } = rows([
    { id: 'A', verdict: 1, at: july },
    { id: 'B', verdict: 2, at: july },
    { id: 'C', verdict: 2, at: august },
    { id: 'D', verdict: 0, at: 0 },
    { id: 'E', verdict: 2, at: june },
  ])
  const opts = { start, end, months }

  it('is the computed figure when nothing was accepted', () => {
    const agreed = agreedAttainment(r, table, new Map(), opts)
    expect(agreed.response.overall).toEqual({ met: 1, breached: 2, pending: 1, attainment: 100 / 3 })
  })

  it('counts an accepted verdict as agreed, in the month the computed one was decided', () => {
    const overrides: Overrides = new Map([[overrideKey('response', 'B'), 1]])
    const agreed = agreedAttainment(r, table, overrides, opts)
    expect(agreed.response.overall).toEqual({ met: 2, breached: 1, pending: 1, attainment: (100 * 2) / 3 })
    expect(agreed.response.byMonth['2026-07']).toEqual({ met: 2, breached: 0, pending: 0, attainment: 100 })
    expect(agreed.response.byMonth['2026-08']).toEqual({ met: 0, breached: 1, pending: 0, attainment: 0 })
  })

  it('leaves a pending verdict pending, ignores other metrics, tickets and periods', () => {
    const overrides: Overrides = new Map([
      [overrideKey('response', 'D'), 1],
      [overrideKey('resolution', 'C'), 1],
      [overrideKey('response', 'E'), 1],
      [overrideKey('response', 'Z'), 1],
    ])
    const agreed = agreedAttainment(r, table, overrides, opts)
    expect(agreed.response.overall).toEqual({ met: 1, breached: 2, pending: 1, attainment: 100 / 3 })
  })

  it('can agree on breached for a met verdict, and leaves out rows created after createdBefore', () => {
    const overrides: Overrides = new Map([[overrideKey('response', 'A'), 2]])
    expect(agreedAttainment(r, table, overrides, opts).response.overall).toMatchObject({ met: 0, breached: 3 })
    expect(agreedAttainment(r, table, overrides, { ...opts, createdBefore: august - 7_200_000 }).response.overall).toMatchObject({ met: 0, breached: 2, pending: 1 })
  })
})
