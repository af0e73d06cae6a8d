import { type BarChartOptions, barChart } from '~/charts/geometry'

/** SVG rendering of the shared chart geometry (the PDF pack draws the same layout with pdfkit). */
export function BarChart({ title, ...options }: BarChartOptions & { title: string }) {
  const layout = barChart(options)
  const format = options.format ?? ((v: number) => String(Math.round(v * 10) / 10))
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
      {layout.bars.map((b) => (
        <rect key={`${b.series}-${b.category}`} x={b.x} y={b.y} width={Math.max(0, b.width - 1)} height={b.height} fill={b.color}>
          <title>{`${options.series[b.series].name}, ${options.categories[b.category]}: ${format(b.value)}`}</title>
        </rect>
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
