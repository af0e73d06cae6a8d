import { PORTFOLIO_COLUMNS, type PortfolioColumn } from '../../../server/portfolio/portfolio.schemas.ts'

// The portfolio's URL parameters (sort, filter, owner, quarter), read the same way by the page and its CSV link.

export interface PortfolioParams {
  msp: string | null
  quarter?: string
  owner?: string
  sort: PortfolioColumn
  dir: 'asc' | 'desc'
  filters: Array<{ column: PortfolioColumn; op: 'lt' | 'gt' | 'eq' | 'contains'; value: string }>
}

const isColumn = (v: string | null): v is PortfolioColumn => v !== null && (PORTFOLIO_COLUMNS as readonly string[]).includes(v)
const OPS = ['lt', 'gt', 'eq', 'contains'] as const

export function readPortfolioParams(search: URLSearchParams): PortfolioParams {
  const sort = search.get('sort')
  const column = search.get('fc')
  const op = search.get('fo')
  const value = search.get('fv')?.trim() ?? ''
  return {
    msp: search.get('msp') || null,
    quarter: search.get('quarter') || undefined,
    owner: search.get('owner') || undefined,
    sort: isColumn(sort) ? sort : 'client',
    dir: search.get('dir') === 'desc' ? 'desc' : 'asc',
    filters: isColumn(column) && value && (OPS as readonly string[]).includes(op ?? '') ? [{ column, op: op as (typeof OPS)[number], value }] : [],
  }
}
