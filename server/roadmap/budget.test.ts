import { describe, expect, it } from 'vitest'
import { quartersBetween, rollUpBudget } from './budget.ts'

const item = (o: Partial<Parameters<typeof rollUpBudget>[0][number]>) => ({
  status: 'APPROVED',
  targetQuarter: '2027-Q1',
  oneTimeCents: 0n,
  recurringCents: 0n,
  recurringPeriod: 'MONTH',
  currency: 'USD',
  ...o,
})

describe('rollUpBudget', () => {
  const horizon = quartersBetween('2026-Q4', '2027-Q2')

  it('puts one-time costs in the target quarter and runs monthly recurring costs ×3 from then on', () => {
    const [usd] = rollUpBudget([item({ oneTimeCents: 1_000_000n, recurringCents: 50_000n })], horizon)
    expect(usd.quarters.map((q) => [q.period, q.committed.oneTime, q.committed.recurring])).toEqual([
      ['2026-Q4', 0, 0],
      ['2027-Q1', 10_000, 1_500],
      ['2027-Q2', 0, 1_500],
    ])
    expect(usd.years).toEqual([
      { period: '2026', committed: { oneTime: 0, recurring: 0, total: 0 }, planned: { oneTime: 0, recurring: 0, total: 0 } },
      // The whole of 2027, though the horizon lists only its first two quarters.
      { period: '2027', committed: { oneTime: 10_000, recurring: 6_000, total: 16_000 }, planned: { oneTime: 0, recurring: 0, total: 0 } },
    ])
  })

  it('gives a year the same row whichever of its quarters a horizon lists', () => {
    const items = [item({ oneTimeCents: 1_000_000n, recurringCents: 50_000n }), item({ targetQuarter: '2027-Q3', status: 'PROPOSED', oneTimeCents: 70_000n }), item({ targetQuarter: '2026-Q2', recurringCents: 10_000n })]
    const year = (from: string, to: string) => rollUpBudget(items, quartersBetween(from, to))[0].years.find((y) => y.period === '2027')
    const rows = [year('2026-Q3', '2027-Q2'), year('2026-Q4', '2027-Q3'), year('2027-Q1', '2027-Q4'), year('2027-Q3', '2027-Q3')]
    expect(rows[0]).toEqual({ period: '2027', committed: { oneTime: 10_000, recurring: 6_000 + 1_200, total: 17_200 }, planned: { oneTime: 700, recurring: 0, total: 700 } })
    for (const r of rows) expect(r).toEqual(rows[0])
  })

  it('splits committed from planned, skips declined items, and keeps currencies apart', () => {
    const rollups = rollUpBudget(
      [
        item({ oneTimeCents: 100n }),
        item({ status: 'PROPOSED', oneTimeCents: 200n }),
        item({ status: 'DECLINED', oneTimeCents: 999_999n }),
        item({ currency: 'EUR', recurringCents: 1200n, recurringPeriod: 'YEAR' }),
      ],
      horizon,
    )
    expect(rollups.map((r) => r.currency)).toEqual(['EUR', 'USD'])
    const usdQ1 = rollups[1].quarters[1]
    expect([usdQ1.committed.oneTime, usdQ1.planned.oneTime]).toEqual([1, 2])
    expect(rollups[0].quarters[1].committed.recurring).toBe(3)
  })

  it('counts recurring costs of items started before the horizon, but not their one-time cost', () => {
    const [usd] = rollUpBudget([item({ targetQuarter: '2026-Q1', oneTimeCents: 5_000n, recurringCents: 100n })], horizon)
    expect(usd.quarters[0].committed).toEqual({ oneTime: 0, recurring: 3, total: 3 })
    // The year row of 2026 sums all four quarters: the one-time cost in Q1 and the recurring cost from Q1 on.
    expect(usd.years[0]).toEqual({ period: '2026', committed: { oneTime: 50, recurring: 12, total: 62 }, planned: { oneTime: 0, recurring: 0, total: 0 } })
  })
})
