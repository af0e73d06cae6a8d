// Chart geometry, pure: the same numbers give the same shapes for the web pages' SVG and the PDF pack.
// Coordinates are in a box of the given width and height, y growing downwards.

export interface Series {
  name: string
  color: string
  values: Array<number | null>
}

export interface BarShape {
  series: number
  category: number
  x: number
  y: number
  width: number
  height: number
  value: number
  color: string
}

export interface Tick {
  value: number
  y: number
  label: string
}

export interface BarChartLayout {
  plot: { x: number; y: number; width: number; height: number }
  bars: BarShape[]
  yTicks: Tick[]
  xLabels: Array<{ x: number; label: string }>
  legend: Array<{ x: number; y: number; name: string; color: string }>
  /** The target as a horizontal line across the plot, its label at the right end; null without a target. */
  target: { y: number; value: number; label: string } | null
}

export interface BarChartOptions {
  width: number
  height: number
  categories: string[]
  series: Series[]
  /** Fixed axis range (e.g. 0–100 for percentages); else from the data. */
  min?: number
  max?: number
  format?: (v: number) => string
  stacked?: boolean
  /** A goal drawn as a line across the plot (e.g. 95 % attainment). */
  target?: { value: number; label: string }
}

const MARGIN = { left: 40, right: 8, top: 8, bottom: 36 }

/** Round tick step: 1, 2 or 5 × 10^n giving about five ticks. */
export function niceStep(range: number, ticks = 5): number {
  if (range <= 0) return 1
  const raw = range / ticks
  const power = 10 ** Math.floor(Math.log10(raw))
  const unit = raw / power
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power
}

export function barChart(o: BarChartOptions): BarChartLayout {
  const plot = { x: MARGIN.left, y: MARGIN.top, width: o.width - MARGIN.left - MARGIN.right, height: o.height - MARGIN.top - MARGIN.bottom }
  const totals = o.categories.map((_, c) =>
    o.stacked ? o.series.reduce((sum, s) => sum + (s.values[c] ?? 0), 0) : Math.max(0, ...o.series.map((s) => s.values[c] ?? 0)),
  )
  const dataMax = Math.max(0, ...totals)
  const min = o.min ?? 0
  const step = niceStep((o.max ?? dataMax) - min || 1)
  const max = o.max ?? Math.max(step, Math.ceil(dataMax / step) * step)
  const scale = (v: number) => plot.y + plot.height - ((Math.min(Math.max(v, min), max) - min) / (max - min || 1)) * plot.height
  const format = o.format ?? ((v: number) => String(Math.round(v * 100) / 100))

  const band = o.categories.length ? plot.width / o.categories.length : plot.width
  const groupWidth = band * 0.72
  const barWidth = o.stacked ? groupWidth : groupWidth / Math.max(1, o.series.length)
  const bars: BarShape[] = []
  o.categories.forEach((_, c) => {
    const left = plot.x + c * band + (band - groupWidth) / 2
    let stackTop = 0
    o.series.forEach((s, i) => {
      const value = s.values[c]
      if (value === null || value === undefined) return
      const base = o.stacked ? stackTop : min
      const top = o.stacked ? stackTop + value : value
      const y1 = scale(top)
      const y0 = scale(base)
      bars.push({ series: i, category: c, x: o.stacked ? left : left + i * barWidth, y: y1, width: barWidth, height: Math.max(0, y0 - y1), value, color: s.color })
      if (o.stacked) stackTop = top
    })
  })
  const yTicks: Tick[] = []
  // Ticks by index, not by repeated addition, so that 0.1 steps do not drift into labels like 90.30000000000001.
  for (let k = 0; min + k * step <= max + 1e-9; k++) {
    const v = Math.round((min + k * step) * 1e6) / 1e6
    yTicks.push({ value: v, y: scale(v), label: format(v) })
  }
  // Thin out category labels so they never overlap (about 40 px each).
  const every = Math.max(1, Math.ceil(o.categories.length / Math.max(1, Math.floor(plot.width / 40))))
  const xLabels = o.categories.map((label, c) => ({ x: plot.x + c * band + band / 2, label })).filter((_, c) => c % every === 0)
  let legendX = plot.x
  const legend = o.series.map((s) => {
    const item = { x: legendX, y: o.height - 10, name: s.name, color: s.color }
    legendX += 18 + s.name.length * 6.5
    return item
  })
  const target = o.target ? { y: scale(o.target.value), value: o.target.value, label: o.target.label } : null
  return { plot, bars, yTicks, xLabels, legend, target }
}

/**
 * An axis range for percentages fitted to the data and the target, so that a series at 97–99 % against a 95 %
 * goal is not a flat line along the top of a 0–100 % axis: the range spans the values and the target with some
 * room, on round ticks, inside 0–100.
 */
export function fitPercentRange(values: Array<number | null | undefined>, target?: number): { min: number; max: number } {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  if (target !== undefined) known.push(target)
  if (known.length === 0) return { min: 0, max: 100 }
  const lo = Math.min(...known)
  const hi = Math.max(...known)
  const room = Math.max(1, (hi - lo) * 0.2)
  const step = niceStep(hi - lo + 2 * room, 4)
  const min = Math.max(0, Math.floor((lo - room) / step) * step)
  const max = Math.min(100, Math.ceil((hi + room) / step) * step)
  return max - min < step ? { min: Math.max(0, max - step), max } : { min, max }
}

export interface LinePoint {
  x: number
  y: number
  value: number
  category: number
}

export interface LineShape {
  series: number
  color: string
  /** Runs of consecutive non-null values; a null breaks the line rather than dropping it to the axis. */
  segments: LinePoint[][]
}

export interface LineChartLayout {
  plot: BarChartLayout['plot']
  lines: LineShape[]
  yTicks: Tick[]
  xLabels: Array<{ x: number; label: string }>
  legend: BarChartLayout['legend']
  target: BarChartLayout['target']
}

/** Lines over categories on the same axes, ticks and legend as barChart (points at the band centres). */
export function lineChart(o: Omit<BarChartOptions, 'stacked'>): LineChartLayout {
  const min = o.min ?? 0
  const dataMax = Math.max(0, ...o.series.flatMap((s) => s.values.filter((v): v is number => v !== null && v !== undefined)))
  const step = niceStep((o.max ?? dataMax) - min || 1)
  const max = o.max ?? Math.max(step, Math.ceil(dataMax / step) * step)
  // The same plot box, ticks, labels and legend as a bar chart with the same axis.
  const { plot, yTicks, xLabels, legend, target } = barChart({ ...o, min, max, series: o.series.map((s) => ({ ...s, values: [] })) })
  const band = o.categories.length ? plot.width / o.categories.length : plot.width
  const scale = (v: number) => plot.y + plot.height - ((Math.min(Math.max(v, min), max) - min) / (max - min || 1)) * plot.height
  const lines = o.series.map((s, i) => {
    const segments: LinePoint[][] = []
    let run: LinePoint[] = []
    s.values.forEach((value, c) => {
      if (value === null || value === undefined) {
        if (run.length) segments.push(run)
        run = []
        return
      }
      run.push({ x: plot.x + c * band + band / 2, y: scale(value), value, category: c })
    })
    if (run.length) segments.push(run)
    return { series: i, color: s.color, segments }
  })
  return { plot, lines, yTicks, xLabels, legend, target }
}

export interface HBar {
  label: string
  value: number
  x: number
  y: number
  width: number
  height: number
  color: string
}

/** Horizontal bars, one per row, scaled to the largest value; labels sit left of the plot. */
export function hBarChart(o: { width: number; labelWidth: number; rowHeight: number; rows: Array<{ label: string; value: number }>; color: string; max?: number }): { bars: HBar[]; height: number } {
  const max = o.max ?? Math.max(1, ...o.rows.map((r) => r.value))
  const plotWidth = o.width - o.labelWidth - 48
  const bars = o.rows.map((r, i) => ({
    label: r.label,
    value: r.value,
    x: o.labelWidth,
    y: i * o.rowHeight + 2,
    width: Math.max(0, (r.value / max) * plotWidth),
    height: o.rowHeight - 4,
    color: o.color,
  }))
  return { bars, height: o.rows.length * o.rowHeight }
}
