import { describe, expect, it } from 'vitest'
import type { PortfolioRow } from './portfolio.schemas.ts'
import { matches, portfolioCsv, sortRows } from './portfolio-table.ts'
import { nextQbr } from './qbr-cadence.ts'
import { portfolioPeriods } from './quarters.ts'

const row = (client: string, resolution: number | null, extra: Partial<PortfolioRow> = {}): PortfolioRow => ({
  slug: client.toLowerCase(),
  client,
  clientSlug: client.toLowerCase(),
  owner: null,
  qbrCadenceMonths: 3,
  fiscalQuarter: null,
  reopenRate: null,
  firstContactRate: null,
  incidentsPer100Users: null,
  proactiveShare: null,
  attainment: { now: { response: 99, resolution }, prev: { response: 98, resolution: 90 } },
  sparkline: [],
  breaches: 0,
  atRisk: 0,
  escalationRate: null,
  csat: null,
  keyPersonShare: null,
  nextQbr: { date: '2026-10-01T00:00:00.000Z', state: 'ok', lastHeld: null },
  overdueActions: 0,
  awaiting: { msp: 0, client: 0 },
  lastPack: null,
  ...extra,
})

describe('nextQbr', () => {
  const since = new Date('2026-01-01T00:00:00Z')
  it('is due a cadence after the last QBR held, overdue once past it', () => {
    const held = [{ status: 'HELD' as const, startsAt: new Date('2026-03-10T10:00:00Z') }]
    expect(nextQbr(3, held, since, new Date('2026-04-01T00:00:00Z'))).toMatchObject({ date: '2026-06-10T10:00:00.000Z', state: 'ok' })
    expect(nextQbr(3, held, since, new Date('2026-05-20T00:00:00Z')).state).toBe('due')
    expect(nextQbr(3, held, since, new Date('2026-06-11T00:00:00Z')).state).toBe('overdue')
    expect(nextQbr(6, held, since, new Date('2026-06-11T00:00:00Z')).state).toBe('ok')
  })
  it('counts from the partnership’s start when no QBR was held, and shows a scheduled one', () => {
    expect(nextQbr(3, [], since, new Date('2026-02-01T00:00:00Z')).date).toBe('2026-04-01T00:00:00.000Z')
    const scheduled = [{ status: 'SCHEDULED' as const, startsAt: new Date('2026-03-20T09:00:00Z') }]
    expect(nextQbr(3, scheduled, since, new Date('2026-03-01T00:00:00Z'))).toMatchObject({ date: '2026-03-20T09:00:00.000Z', state: 'scheduled' })
    // Scheduled after the cadence date, which has passed: still overdue.
    const late = [{ status: 'SCHEDULED' as const, startsAt: new Date('2026-05-01T09:00:00Z') }]
    expect(nextQbr(3, late, since, new Date('2026-04-15T00:00:00Z')).state).toBe('overdue')
  })
})

describe('portfolio table', () => {
  const rows = [row('Beta', 91), row('Alpha', null), row('Gamma', 99.5, { breaches: 4 })]
  it('sorts either way, rows without a figure last', () => {
    expect(sortRows(rows, 'resolutionNow', 'asc').map((r) => r.client)).toEqual(['Beta', 'Gamma', 'Alpha'])
    expect(sortRows(rows, 'resolutionNow', 'desc').map((r) => r.client)).toEqual(['Gamma', 'Beta', 'Alpha'])
    expect(sortRows(rows, 'client', 'desc').map((r) => r.client)).toEqual(['Gamma', 'Beta', 'Alpha'])
  })
  it('filters numbers and text', () => {
    expect(rows.filter((r) => matches(r, { column: 'resolutionNow', op: 'lt', value: '95' })).map((r) => r.client)).toEqual(['Beta'])
    expect(rows.filter((r) => matches(r, { column: 'breaches', op: 'gt', value: '0' })).map((r) => r.client)).toEqual(['Gamma'])
    expect(rows.filter((r) => matches(r, { column: 'client', op: 'contains', value: 'AM' })).map((r) => r.client)).toEqual(['Gamma'])
  })
  it('writes CSV with formula-looking cells defused', () => {
    const csv = portfolioCsv([row('=cmd|x', 91.234)])
    expect(csv.split('\r\n')[1]).toMatch(/^'=cmd\|x,'=cmd\|x,,99\.00,98\.00,91\.23,90\.00,0,0,/)
  })
})

describe('portfolioPeriods', () => {
  it('gives the quarter, the one before and six months ending with the quarter', () => {
    const p = portfolioPeriods('2026-Q1')
    expect(p.previous.key).toBe('2025-Q4')
    expect(p.months.map((m) => m.key)).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'])
    expect(p.current.to.toISOString()).toBe('2026-04-01T00:00:00.000Z')
  })
})
