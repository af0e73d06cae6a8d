// The shared chart geometry (app/charts/geometry.ts, also behind the pages' SVG charts) drawn with pdfkit.
import type { BarChartLayout, LineChartLayout, hBarChart } from '../../../app/charts/geometry.ts'
import { fmtNum } from '../../../app/charts/pack-format.ts'
import { BAD, INK, MUTED, RULE } from './theme.ts'
import type { PackWriter } from './writer.ts'

export function drawAxes(w: PackWriter, layout: BarChartLayout | LineChartLayout, ox: number, oy: number) {
  const d = w.doc
  for (const t of layout.yTicks) d.moveTo(ox + layout.plot.x, oy + t.y).lineTo(ox + layout.plot.x + layout.plot.width, oy + t.y)
  d.lineWidth(0.5).strokeColor(RULE).stroke()
  w.setFont('regular', 7, MUTED)
  for (const t of layout.yTicks) w.text(t.label, ox + layout.plot.x - 4 - w.width(t.label), oy + t.y - 3.5)
  for (const l of layout.xLabels) w.text(l.label, ox + l.x - w.width(l.label) / 2, oy + layout.plot.y + layout.plot.height + 5)
  w.setFont('regular', 8, INK)
  for (const l of layout.legend) {
    d.rect(ox + l.x, oy + l.y - 7, 8, 8).fill(l.color)
    d.fillColor(INK)
    w.text(l.name, ox + l.x + 11, oy + l.y - 7)
  }
}

/** The target as a dashed line across the plot, labelled at its right end above the line. */
function drawTarget(w: PackWriter, layout: BarChartLayout | LineChartLayout, ox: number, oy: number) {
  if (!layout.target) return
  const d = w.doc
  const y = oy + layout.target.y
  d.moveTo(ox + layout.plot.x, y).lineTo(ox + layout.plot.x + layout.plot.width, y)
  d.lineWidth(0.9).dash(4, { space: 3 }).strokeColor(BAD).stroke()
  d.undash()
  w.setFont('regular', 7, BAD)
  w.text(layout.target.label, ox + layout.plot.x + layout.plot.width - w.width(layout.target.label) - 2, y - 9)
}

export function drawBars(w: PackWriter, layout: BarChartLayout, ox: number, oy: number) {
  drawAxes(w, layout, ox, oy)
  // One fill per colour: bars of a series become one path.
  const byColor = new Map<string, BarChartLayout['bars']>()
  for (const b of layout.bars) byColor.set(b.color, [...(byColor.get(b.color) ?? []), b])
  for (const [color, bars] of byColor) {
    for (const b of bars) if (b.height > 0) w.doc.rect(ox + b.x, oy + b.y, Math.max(0.5, b.width - 0.8), b.height)
    w.doc.fill(color)
  }
  drawTarget(w, layout, ox, oy)
}

export function drawLines(w: PackWriter, layout: LineChartLayout, ox: number, oy: number) {
  drawAxes(w, layout, ox, oy)
  const d = w.doc
  for (const line of layout.lines) {
    for (const seg of line.segments) {
      seg.forEach((p, i) => (i ? d.lineTo(ox + p.x, oy + p.y) : d.moveTo(ox + p.x, oy + p.y)))
    }
    d.lineWidth(1.6).strokeColor(line.color).stroke()
    for (const seg of line.segments) for (const p of seg) d.circle(ox + p.x, oy + p.y, 2.2)
    d.fill(line.color)
  }
  drawTarget(w, layout, ox, oy)
}

const LABEL_W = 140

export function drawHBars(w: PackWriter, bars: ReturnType<typeof hBarChart>['bars'], ox: number, oy: number, format: (v: number) => string = (v) => fmtNum(v)) {
  // A label too long for one line goes onto two at a smaller size rather than being cut: it names a queue or a person.
  for (const b of bars) {
    w.setFont('regular', 8, INK)
    if (w.width(b.label) <= LABEL_W) {
      w.text(b.label, ox, oy + b.y + 2)
      continue
    }
    w.setFont('regular', 6, INK)
    const lines = w.wrap(b.label, LABEL_W)
    const shown = lines.length > 2 ? [lines[0], w.fit(lines.slice(1).join(' '), LABEL_W)] : lines
    shown.forEach((line, k) => w.text(line, ox, oy + b.y - 2 + k * 7))
  }
  for (const b of bars) w.doc.rect(ox + b.x, oy + b.y, Math.max(0.5, b.width), b.height)
  if (bars.length) w.doc.fill(bars[0].color)
  w.setFont('regular', 8, MUTED)
  for (const b of bars) w.text(format(b.value), ox + b.x + b.width + 4, oy + b.y + 2)
}
