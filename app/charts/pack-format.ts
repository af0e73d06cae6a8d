// Sections, colours and number formats of the QBR pack, shared by the PDF renderer (server/pack/render-pack.ts) and
// the presentation view, so both print the same figures in the same order. Pure.
import { money, num, pct, signed } from '../utils/format.ts'
import { quarterLabel } from '../utils/labels.ts'

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
  { id: 'service-kpis', title: 'Service KPIs' },
  { id: 'responsibilities', title: 'Responsibility matrix' },
  { id: 'changes', title: 'Changes since the last QBR' },
  { id: 'roadmap', title: 'Roadmap and budget' },
  { id: 'csi', title: 'Continual service improvement' },
  { id: 'lifecycle', title: 'Hardware lifecycle' },
  { id: 'alignment', title: 'Standards alignment' },
  { id: 'actions', title: 'Action items from the last QBR' },
  { id: 'agenda', title: 'Agenda' },
  { id: 'appendix', title: 'Appendix: breached tickets' },
  { id: 'changes-appendix', title: 'Appendix: all changes since the last QBR' },
] as const

/**
 * The attainment goal drawn on attainment charts. A policy sets per-ticket targets, not an attainment goal; 95 %
 * is the usual contractual figure, shown until policies carry their own.
 */
export const ATTAINMENT_GOAL = { value: 95, label: 'Goal 95%' }
/** Lines of "Changes since the last QBR" in its section (a page at most); the appendix lists them all. */
export const CHANGES_SECTION_LIMIT = 30

export const PRIORITY_COLORS: Record<Priority, string> = { P1: '#b42318', P2: '#dc6803', P3: '#1f5fbf', P4: '#667085' }

// The pack's figures in the formats of the pages (app/utils/format.ts), under the names the pack's code uses.
export const fmtPct = pct
export const fmtNum = num
export const fmtMoney = money

/** Change against the previous quarter, e.g. "+2.5 pts" for rates or "+12" for counts; "—" when either is missing. */
export function fmtDelta(pair: KpiPair, unit: 'pts' | 'count' | 'score', digits = unit === 'pts' ? 1 : unit === 'score' ? 2 : 0): string {
  if (pair.current === null || pair.previous === null) return '—'
  const d = pair.current - pair.previous
  return unit === 'pts' ? `${signed(d, digits)} pts` : signed(d, digits)
}

export const KPI_TILES = [
  { key: 'responseAttainment', label: 'Response attainment', value: (p: KpiPair) => fmtPct(p.current), unit: 'pts' },
  { key: 'resolutionAttainment', label: 'Resolution attainment', value: (p: KpiPair) => fmtPct(p.current), unit: 'pts' },
  { key: 'tickets', label: 'Tickets opened', value: (p: KpiPair) => fmtNum(p.current), unit: 'count' },
  { key: 'escalationRate', label: 'Escalation rate', value: (p: KpiPair) => fmtPct(p.current), unit: 'pts' },
  { key: 'csat', label: 'CSAT (1–5)', value: (p: KpiPair) => fmtNum(p.current, 2), unit: 'score' },
  // Uptime moves in hundredths of a point: its change has the precision of its value.
  { key: 'uptime', label: 'Uptime', value: (p: KpiPair) => fmtPct(p.current, 2), unit: 'pts', digits: 2 },
] as const satisfies ReadonlyArray<{ key: string; label: string; value: (p: KpiPair) => string; unit: 'pts' | 'count' | 'score'; digits?: number }>

/** A tile's change against the previous quarter, at the tile's precision. */
export const tileDelta = (t: (typeof KPI_TILES)[number], pair: KpiPair) => fmtDelta(pair, t.unit, 'digits' in t ? t.digits : undefined)

/** An alignment score (0–100) as the pages and the pack print it. */
export const fmtScore = (score: number | null) => (score === null ? '—' : `${Math.round(score)}%`)
/**
 * The change between two alignment scores in points, signed ("+8 pts", "−3 pts", "no change"), between the scores as
 * printed (72% against 64% reads +8, never +9 from 72.4 and 63.9).
 */
export function alignmentDelta(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return '—'
  const d = Math.round(current) - Math.round(previous)
  return d === 0 ? 'no change' : `${d > 0 ? '+' : '−'}${Math.abs(d)} pts`
}

/**
 * A quarter of a pack as the client reads it: in the fiscal year frozen with the snapshot, with the calendar dates
 * beside it ("FY2027 Q2 (1 Oct – 31 Dec 2026)"; `short`: "FY2027 Q2", for table cells under a heading that has the
 * dates); the calendar key in a calendar year.
 */
export function packQuarter(s: { fiscalYearStartMonth?: number; locale?: string }, quarter: string, short = false): string {
  return quarterLabel(quarter, s.fiscalYearStartMonth, s.locale ?? 'en-GB', short)
}

/** A budget year row's period: "2026", or "Calendar 2026" beside fiscal quarters (the roll-up sums calendar years). */
export function packBudgetYear(s: { fiscalYearStartMonth?: number }, year: string): string {
  return (s.fiscalYearStartMonth ?? 1) === 1 ? year : `Calendar ${year}`
}

