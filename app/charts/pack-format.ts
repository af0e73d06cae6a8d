// Sections, colours and number formats of the QBR pack, shared by the PDF renderer (server/pack/render-pack.ts) and
// the presentation view, so both print the same figures in the same order. Pure.
type Priority = 'P1' | 'P2' | 'P3' | 'P4'

export interface KpiPair {
  current: number | null
  previous: number | null
}

/** The sections of the pack, in order: the PDF's outline and the presentation view's slides. */
export const PACK_SECTIONS = [
  { id: 'summary', title: 'Executive summary' },
  { id: 'sla', title: 'SLA performance' },
  { id: 'tickets', title: 'Ticket trends' },
  { id: 'key-person', title: 'Key-person dependency' },
  { id: 'responsibilities', title: 'Responsibility matrix' },
  { id: 'changes', title: 'Changes since the last QBR' },
  { id: 'roadmap', title: 'Roadmap and budget' },
  { id: 'csi', title: 'Continual service improvement' },
  { id: 'actions', title: 'Action items from the last QBR' },
  { id: 'agenda', title: 'Agenda' },
  { id: 'appendix', title: 'Appendix: breached tickets' },
  { id: 'changes-appendix', title: 'Appendix: all changes since the last QBR' },
] as const

/** Lines of "Changes since the last QBR" in its section (a page at most); the appendix lists them all. */
export const CHANGES_SECTION_LIMIT = 30

export const PRIORITY_COLORS: Record<Priority, string> = { P1: '#b42318', P2: '#dc6803', P3: '#1f5fbf', P4: '#667085' }

// Number formats shared by the PDF and the presentation view, so both print the same figures.
export const fmtPct = (x: number | null, digits = 1) => (x === null ? '—' : `${x.toFixed(digits)}%`)
// toLocaleString builds a formatter per call; a pack formats thousands of numbers.
const formatters = [0, 1, 2, 3].map((d) => new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }))
export const fmtNum = (x: number | null, digits = 0) => (x === null ? '—' : formatters[digits].format(x))
export const fmtMoney = (x: number, currency: string) => `${currency} ${formatters[0].format(x)}`

/** Change against the previous quarter, e.g. "+2.5 pts" for rates or "+12" for counts; "—" when either is missing. */
export function fmtDelta(pair: KpiPair, unit: 'pts' | 'count' | 'score'): string {
  if (pair.current === null || pair.previous === null) return '—'
  const d = pair.current - pair.previous
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±'
  const abs = Math.abs(d)
  if (unit === 'pts') return `${sign}${abs.toFixed(1)} pts`
  if (unit === 'score') return `${sign}${abs.toFixed(2)}`
  return `${sign}${formatters[0].format(abs)}`
}

export const KPI_TILES = [
  { key: 'responseAttainment', label: 'Response attainment', value: (p: KpiPair) => fmtPct(p.current), unit: 'pts' },
  { key: 'resolutionAttainment', label: 'Resolution attainment', value: (p: KpiPair) => fmtPct(p.current), unit: 'pts' },
  { key: 'tickets', label: 'Tickets opened', value: (p: KpiPair) => fmtNum(p.current), unit: 'count' },
  { key: 'escalationRate', label: 'Escalation rate', value: (p: KpiPair) => fmtPct(p.current), unit: 'pts' },
  { key: 'csat', label: 'CSAT (1–5)', value: (p: KpiPair) => fmtNum(p.current, 2), unit: 'score' },
  { key: 'uptime', label: 'Uptime', value: (p: KpiPair) => fmtPct(p.current, 2), unit: 'pts' },
] as const satisfies ReadonlyArray<{ key: string; label: string; value: (p: KpiPair) => string; unit: 'pts' | 'count' | 'score' }>

/** Minutes as "2 h 05 min" or "3 d 4 h". */
export function duration(minutes: number | null): string {
  if (minutes === null) return '—'
  const m = Math.round(minutes)
  if (m < 60) return `${m} min`
  if (m < 24 * 60) return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`
  return `${Math.floor(m / 1440)} d ${Math.floor((m % 1440) / 60)} h`
}
