// A six-month trend as inline SVG: resolution attainment per month, a gap where nothing was decided.

const W = 84
const H = 24
const PAD = 2

export function Sparkline({ points, label }: { points: Array<number | null>; label: string }) {
  const n = points.length
  const x = (i: number) => PAD + (n <= 1 ? 0 : (i * (W - 2 * PAD)) / (n - 1))
  // 80–100 % fills the height: the band where SLAs live; below 80 sits on the floor.
  const y = (v: number) => PAD + ((100 - Math.max(80, Math.min(100, v))) / 20) * (H - 2 * PAD)
  const segments: string[] = []
  let current = ''
  points.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current)
      current = ''
      return
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`
  })
  if (current) segments.push(current)
  return (
    <svg className="sparkline" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <title>{label}</title>
      <line x1={PAD} x2={W - PAD} y1={y(95)} y2={y(95)} stroke="#d0d7de" strokeDasharray="2 2" />
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke="#1f4f99" strokeWidth={1.5} />
      ))}
      {points.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={1.5} fill="#1f4f99" />))}
    </svg>
  )
}
