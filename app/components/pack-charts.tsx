import { type BarChartOptions, hBarChart, lineChart } from '~/charts/geometry'
import { ChartAxisLegend, ChartGrid, ChartTarget } from './chart-axes'

/** SVG rendering of the shared line geometry (the PDF pack draws the same layout with pdfkit). */
export function LineChart({ title, ...options }: Omit<BarChartOptions, 'stacked'> & { title: string }) {
  const layout = lineChart(options)
  return (
    <svg viewBox={`0 0 ${options.width} ${options.height}`} role="img" aria-label={title} className="chart">
      <title>{title}</title>
      <ChartGrid layout={layout} />
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
      <ChartTarget layout={layout} />
      <ChartAxisLegend layout={layout} />
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
