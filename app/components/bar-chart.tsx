import { type BarChartOptions, barChart } from '~/charts/geometry'
import { ChartAxisLegend, ChartGrid, ChartTarget } from './chart-axes'

/** SVG rendering of the shared chart geometry (the PDF pack draws the same layout with pdfkit). */
export function BarChart({ title, ...options }: BarChartOptions & { title: string }) {
  const layout = barChart(options)
  const format = options.format ?? ((v: number) => String(Math.round(v * 10) / 10))
  return (
    <svg viewBox={`0 0 ${options.width} ${options.height}`} role="img" aria-label={title} className="chart">
      <title>{title}</title>
      <ChartGrid layout={layout} />
      {layout.bars.map((b) => (
        <rect key={`${b.series}-${b.category}`} x={b.x} y={b.y} width={Math.max(0, b.width - 1)} height={b.height} fill={b.color}>
          <title>{`${options.series[b.series].name}, ${options.categories[b.category]}: ${format(b.value)}`}</title>
        </rect>
      ))}
      <ChartTarget layout={layout} />
      <ChartAxisLegend layout={layout} />
    </svg>
  )
}
