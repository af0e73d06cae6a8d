// The service KPI table (ADR 024) as text rows, pure: the SLA page, the pack PDF and the pack presentation read
// the same rows, so they cannot disagree on a label, a unit or a rounding.
import type { KeyPersonFigures, KpiFigures, ServiceKpis } from '../../server/sla/kpis/service-kpis.schemas.ts'
import { num, pct } from '../utils/format.ts'

type Figures = KpiFigures & { keyPersonShare?: number | null }
export interface ServiceKpiRow {
  label: string
  better: 'up' | 'down'
  current: number | null
  previous: number | null
  text: { current: string; previous: string; months: string[] }
}

const ROWS: Array<{ label: string; better: 'up' | 'down'; value: (f: Figures) => number | null; kind: 'pct' | 'num2' | 'min' }> = [
  { label: 'Reopen rate', better: 'down', value: (f) => f.reopenRate, kind: 'pct' },
  { label: 'First-contact resolution', better: 'up', value: (f) => f.firstContactRate, kind: 'pct' },
  { label: 'Incidents per 100 users', better: 'down', value: (f) => f.incidentsPer100Users, kind: 'num2' },
  { label: 'Proactive share', better: 'up', value: (f) => f.proactiveShare, kind: 'pct' },
  { label: 'Median resolution time', better: 'down', value: (f) => f.medianResolutionMinutes, kind: 'min' },
  { label: '90th-percentile resolution time', better: 'down', value: (f) => f.p90ResolutionMinutes, kind: 'min' },
  { label: 'Key-person share', better: 'down', value: (f) => f.keyPersonShare ?? null, kind: 'pct' },
]

export function serviceKpiRows(k: ServiceKpis, locale?: string): ServiceKpiRow[] {
  // Resolution times are on each priority's SLA clock (business hours for business-clock priorities): written in
  // hours with a decimal, never as days, so that a quarter of mixed clocks does not read as calendar time.
  const show = (kind: 'pct' | 'num2' | 'min', v: number | null) => (kind === 'pct' ? pct(v, 1, locale) : kind === 'num2' ? num(v, 2, locale) : v === null ? '—' : `${num(v / 60, 1, locale)} h`)
  const current: Figures = { ...k.current, keyPersonShare: k.keyPerson.current.share }
  const previous: Figures = { ...k.previous, keyPersonShare: k.keyPerson.previous.share }
  return ROWS.map((r) => ({
    label: r.label,
    better: r.better,
    current: r.value(current),
    previous: r.value(previous),
    text: { current: show(r.kind, r.value(current)), previous: show(r.kind, r.value(previous)), months: k.monthly.map((m) => show(r.kind, r.value(m))) },
  }))
}

/** "better" / "worse" than the previous quarter, or null when either is unknown or they are equal. */
export function kpiTrend(row: Pick<ServiceKpiRow, 'current' | 'previous' | 'better'>): 'better' | 'worse' | null {
  if (row.current === null || row.previous === null || row.current === row.previous) return null
  return row.current > row.previous === (row.better === 'up') ? 'better' : 'worse'
}

export const engineersText = (k: KeyPersonFigures) => (k.engineers.length ? k.engineers.map((e) => `${e.assignee} (${e.count})`).join(', ') : '—')

export function serviceKpiNote(k: ServiceKpis, locale?: string): string {
  const who = k.topN ? `the top ${k.topN} engineers` : 'the fewest engineers who resolved half of them'
  const users = k.headcount === null ? 'Incidents per 100 users need the client’s headcount (set by a client admin).' : `Headcount ${num(k.headcount, 0, locale)} users.`
  return `Tickets opened in each period, as of the report instant; resolution times in hours on each priority's SLA clock. Key-person share: of the escalated or P1/P2 tickets resolved, the share resolved by ${who}. ${users}`
}
