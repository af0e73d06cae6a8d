import type { PortfolioColumn, PortfolioFilter, PortfolioRow } from './portfolio.schemas.ts'

// Sorting, filtering and CSV of portfolio rows: pure, shared by the page, portfolio.list, the CSV route and the CLI.

const QBR_ORDER = { overdue: 0, due: 1, scheduled: 2, ok: 3 } as const

/** A column's value in a row: a number, a string, or null (no figure). */
export function cell(row: PortfolioRow, column: PortfolioColumn): number | string | null {
  switch (column) {
    case 'client':
      return row.client
    case 'owner':
      return row.owner?.name ?? null
    case 'responseNow':
      return row.attainment.now.response
    case 'responsePrev':
      return row.attainment.prev.response
    case 'resolutionNow':
      return row.attainment.now.resolution
    case 'resolutionPrev':
      return row.attainment.prev.resolution
    case 'breaches':
      return row.breaches
    case 'atRisk':
      return row.atRisk
    case 'escalationRate':
      return row.escalationRate
    case 'csat':
      return row.csat
    case 'keyPersonShare':
      return row.keyPersonShare
    case 'reopenRate':
      return row.reopenRate
    case 'firstContactRate':
      return row.firstContactRate
    case 'incidentsPer100Users':
      return row.incidentsPer100Users
    case 'proactiveShare':
      return row.proactiveShare
    case 'nextQbr':
      return row.nextQbr.date
    case 'qbrState':
      return row.nextQbr.state
    case 'overdueActions':
      return row.overdueActions
    case 'awaitingMsp':
      return row.awaiting.msp
    case 'awaitingClient':
      return row.awaiting.client
    case 'lastPack':
      return row.lastPack
  }
}

function sortKey(row: PortfolioRow, column: PortfolioColumn): number | string | null {
  return column === 'qbrState' ? QBR_ORDER[row.nextQbr.state] : cell(row, column)
}

/** Rows without a figure sort last in either direction; ties by client name. */
export function sortRows(rows: readonly PortfolioRow[], column: PortfolioColumn, dir: 'asc' | 'desc'): PortfolioRow[] {
  const sign = dir === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => {
    const x = sortKey(a, column)
    const y = sortKey(b, column)
    if (x === null || y === null) return x === y ? a.client.localeCompare(b.client) : x === null ? 1 : -1
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
    return c === 0 ? a.client.localeCompare(b.client) : sign * c
  })
}

export function matches(row: PortfolioRow, filter: PortfolioFilter): boolean {
  const value = cell(row, filter.column)
  if (filter.op === 'contains') return value !== null && String(value).toLowerCase().includes(filter.value.toLowerCase())
  if (value === null) return false
  if (typeof value === 'number') {
    const n = Number(filter.value)
    if (Number.isNaN(n)) return false
    return filter.op === 'lt' ? value < n : filter.op === 'gt' ? value > n : value === n
  }
  const c = value.localeCompare(filter.value)
  return filter.op === 'lt' ? c < 0 : filter.op === 'gt' ? c > 0 : value.toLowerCase() === filter.value.toLowerCase()
}

export const CSV_HEADER = [
  'partnership', 'client', 'account_manager', 'response_now', 'response_prev', 'resolution_now', 'resolution_prev', 'breaches', 'at_risk',
  'escalation_rate', 'csat', 'key_person_share', 'reopen_rate', 'first_contact_rate', 'incidents_per_100_users', 'proactive_share', 'next_qbr', 'qbr_state', 'overdue_actions', 'awaiting_msp', 'awaiting_client', 'last_pack',
]

const fixed = (x: number | null, digits: number) => (x === null ? '' : x.toFixed(digits))

// A cell starting with = + - @ is read as a formula by spreadsheets: prefixed with ' (OWASP CSV injection).
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function portfolioCsv(rows: readonly PortfolioRow[]): string {
  const lines = [CSV_HEADER.join(',')]
  for (const r of rows) {
    lines.push(
      [
        r.slug, r.client, r.owner?.name ?? '', fixed(r.attainment.now.response, 2), fixed(r.attainment.prev.response, 2),
        fixed(r.attainment.now.resolution, 2), fixed(r.attainment.prev.resolution, 2), String(r.breaches), String(r.atRisk),
        fixed(r.escalationRate, 2), fixed(r.csat, 2), fixed(r.keyPersonShare, 3),
        fixed(r.reopenRate, 2), fixed(r.firstContactRate, 2), fixed(r.incidentsPer100Users, 2), fixed(r.proactiveShare, 2), r.nextQbr.date, r.nextQbr.state,
        String(r.overdueActions), String(r.awaiting.msp), String(r.awaiting.client), r.lastPack ?? '',
      ]
        .map(csvCell)
        .join(','),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}
