import { describe, expect, it } from 'vitest'
import { barChart, niceStep } from './geometry.ts'

describe('barChart', () => {
  const layout = barChart({
    width: 400,
    height: 200,
    categories: ['Jul', 'Aug', 'Sep'],
    series: [
      { name: 'Response', color: '#1f5fbf', values: [100, 50, null] },
      { name: 'Resolution', color: '#0e7c66', values: [80, 0, 25] },
    ],
    min: 0,
    max: 100,
  })

  it('draws one bar per value, heights proportional to the axis', () => {
    expect(layout.bars).toHaveLength(5)
    const full = layout.bars.find((b) => b.value === 100)!
    const half = layout.bars.find((b) => b.value === 50)!
    expect(full.height).toBeCloseTo(layout.plot.height)
    expect(half.height).toBeCloseTo(layout.plot.height / 2)
    expect(half.y + half.height).toBeCloseTo(layout.plot.y + layout.plot.height)
  })

  it('puts ticks on round values from the minimum to the maximum', () => {
    expect(layout.yTicks.map((t) => t.value)).toEqual([0, 20, 40, 60, 80, 100])
  })

  it('stacks series when asked', () => {
    const stacked = barChart({ width: 200, height: 100, categories: ['W1'], series: [{ name: 'a', color: '#000', values: [2] }, { name: 'b', color: '#111', values: [3] }], stacked: true })
    expect(stacked.bars[1].y + stacked.bars[1].height).toBeCloseTo(stacked.bars[0].y)
  })

  it('chooses 1-2-5 steps', () => {
    expect([niceStep(100), niceStep(7), niceStep(1300)]).toEqual([20, 2, 500])
  })
})
