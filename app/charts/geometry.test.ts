import { describe, expect, it } from 'vitest'
import { barChart, fitPercentRange, hBarChart, lineChart, niceStep } from './geometry.ts'

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

describe('lineChart', () => {
  const layout = lineChart({
    width: 300,
    height: 160,
    categories: ['Jul', 'Aug', 'Sep', 'Oct'],
    series: [{ name: 'Response', color: '#1f5fbf', values: [100, 50, null, 0] }],
    min: 0,
    max: 100,
  })

  it('breaks the line at a missing value instead of drawing it at zero', () => {
    expect(layout.lines[0].segments.map((s) => s.map((p) => p.value))).toEqual([[100, 50], [0]])
  })

  it('shares the bar chart axes: the same plot and ticks for the same range', () => {
    const bars = barChart({ width: 300, height: 160, categories: ['Jul', 'Aug', 'Sep', 'Oct'], series: [], min: 0, max: 100 })
    expect(layout.plot).toEqual(bars.plot)
    expect(layout.yTicks).toEqual(bars.yTicks)
    const [top, half] = layout.lines[0].segments[0]
    expect(top.y).toBeCloseTo(layout.plot.y)
    expect(half.y).toBeCloseTo(layout.plot.y + layout.plot.height / 2)
  })
})

describe('hBarChart', () => {
  it('scales bars to the largest row', () => {
    const { bars, height } = hBarChart({ width: 300, labelWidth: 100, rowHeight: 20, color: '#000', rows: [{ label: 'a', value: 10 }, { label: 'b', value: 5 }] })
    expect(bars[1].width).toBeCloseTo(bars[0].width / 2)
    expect(height).toBe(40)
  })
})

describe('fitted percentage axes', () => {
  it('fits the range to the data and the target instead of 0–100, on round ticks', () => {
    const range = fitPercentRange([97.2, 98.8, 99.1, null], 95)
    expect(range.min).toBeGreaterThanOrEqual(85)
    expect(range.min).toBeLessThan(95)
    expect(range.max).toBeGreaterThan(99.1)
    expect(range.max).toBeLessThanOrEqual(100)
    const layout = lineChart({ width: 400, height: 200, ...range, categories: ['Jul', 'Aug', 'Sep', 'Oct'], series: [{ name: 'R', color: '#000', values: [97.2, 98.8, 99.1, null] }], target: { value: 95, label: 'Goal 95%' } })
    const ys = layout.lines[0].segments.flat().map((p) => p.y)
    // 97–99 % spans a fifth of the plot or more (2 % of it on a 0–100 % axis), and no point sits on its top edge.
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(layout.plot.height / 5)
    expect(Math.min(...ys)).toBeGreaterThan(layout.plot.y + 1)
    expect(layout.yTicks.every((t) => Number.isInteger(t.value * 10))).toBe(true)
    expect(layout.target).toMatchObject({ value: 95, label: 'Goal 95%' })
    expect(layout.target!.y).toBeGreaterThan(Math.max(...ys))
    expect(layout.target!.y).toBeLessThan(layout.plot.y + layout.plot.height)
  })

  it('keeps the range inside 0–100 and falls back to it without data', () => {
    expect(fitPercentRange([], undefined)).toEqual({ min: 0, max: 100 })
    expect(fitPercentRange([100, 100], 95).max).toBe(100)
    expect(fitPercentRange([0, 3]).min).toBe(0)
    const low = fitPercentRange([40, 60], 95)
    expect(low.min).toBeLessThanOrEqual(40)
    expect(low.max).toBeGreaterThanOrEqual(95)
  })

  it('has no target line unless asked for one', () => {
    expect(barChart({ width: 300, height: 200, categories: ['a'], series: [{ name: 's', color: '#000', values: [1] }] }).target).toBeNull()
  })
})
