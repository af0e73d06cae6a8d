import { type BarChartOptions, hBarChart, lineChart } from '~/charts/geometry'

/** SVG rendering of the shared line geometry (the PDF pack draws the same layout with pdfkit). */
export function LineChart({ title, ...options }: Omit<BarChartOptions, 'stacked'> & { title: string }) {
  const layout = lineChart(options)
  return (
    <svg viewBox={`0 0 ${options.width} ${options.height}`} role="img" aria-label={title} className="chart">
      <title>{title}</title>
      {layout.yTicks.map((t) => (
        <g key={t.value}>
          <line x1={layout.plot.x} x2={layout.plot.x + layout.plot.width} y1={t.y} y2={t.y} stroke="#d0d7de" strokeWidth={0.5} />
          <text x={layout.plot.x - 4} y={t.y + 3} textAnchor="end" fontSize={9} fill="#57606a">
            {t.label}
          </text>
        </g>
      ))}
      {layout.lines.map((line) => (
        <g key={line.series}>
          {line.segments.map((seg) => (
            <polyline key={seg[0].category} points={seg.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke={line.color} strokeWidth={1.6} />
          ))}
          {line.segments.flat().map((p) => (
            <circle key={p.category} cx={p.x} cy={p.y} r={2.2} fill={line.color}>
              <title>{`${options.series[line.series].name}, ${options.categories[p.category]}: ${(options.format ?? String)(p.value)}`}</title>
            </circle>
          ))}
        </g>
      ))}
      {layout.xLabels.map((l) => (
        <text key={l.label} x={l.x} y={layout.plot.y + layout.plot.height + 12} textAnchor="middle" fontSize={9} fill="#57606a">
          {l.label}
        </text>
      ))}
      {layout.legend.map((l) => (
        <g key={l.name}>
          <rect x={l.x} y={l.y - 8} width={10} height={10} fill={l.color} />
          <text x={l.x + 14} y={l.y + 1} fontSize={10} fill="#1b1f24">
            {l.name}
          </text>
        </g>
      ))}
    </svg>
  )
}

/** Horizontal bars with labels, from the same geometry as the PDF's. */
export function HBars({ title, width, rows, color, max, format = String }: { title: string; width: number; rows: Array<{ label: string; value: number }>; color: string; max?: number; format?: (v: number) => string }) {
  const { bars, height } = hBarChart({ width, labelWidth: 150, rowHeight: 18, rows, color, max })
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="chart">
      <title>{title}</title>
      {bars.map((b) => (
        <g key={b.label}>
          <text x={0} y={b.y + b.height - 3} fontSize={10} fill="#1b1f24">
            {b.label}
          </text>
          <rect x={b.x} y={b.y} width={b.width} height={b.height} fill={b.color} />
          <text x={b.x + b.width + 4} y={b.y + b.height - 3} fontSize={10} fill="#57606a">
            {format(b.value)}
          </text>
        </g>
      ))}
    </svg>
  )
}
