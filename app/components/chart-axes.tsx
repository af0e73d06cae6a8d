import type { BarChartLayout } from '~/charts/geometry'

/** The y-axis gridlines and their labels; drawn before the bars or lines so they sit underneath. */
export function ChartGrid({ layout }: { layout: Pick<BarChartLayout, 'plot' | 'yTicks'> }) {
  return (
    <>
      {layout.yTicks.map((t) => (
        <g key={t.value}>
          <line x1={layout.plot.x} x2={layout.plot.x + layout.plot.width} y1={t.y} y2={t.y} stroke="#d0d7de" strokeWidth={0.5} />
          <text x={layout.plot.x - 4} y={t.y + 3} textAnchor="end" fontSize={9} fill="#57606a">
            {t.label}
          </text>
        </g>
      ))}
    </>
  )
}

/** The target as a dashed line across the plot, labelled at its right end; drawn over the bars or lines. */
export function ChartTarget({ layout }: { layout: Pick<BarChartLayout, 'plot' | 'target'> }) {
  if (!layout.target) return null
  const { plot, target } = layout
  return (
    <g className="chart-target">
      <line x1={plot.x} x2={plot.x + plot.width} y1={target.y} y2={target.y} stroke="#b42318" strokeWidth={1} strokeDasharray="4 3" />
      <text x={plot.x + plot.width - 2} y={target.y - 4} textAnchor="end" fontSize={9} fill="#b42318">
        {target.label}
      </text>
    </g>
  )
}

/** The category labels under the plot and the series legend below them, for bar and line charts alike. */
export function ChartAxisLegend({ layout }: { layout: Pick<BarChartLayout, 'plot' | 'xLabels' | 'legend'> }) {
  return (
    <>
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
    </>
  )
}
