// The budget roll-up, pure: per currency, per quarter and per year, one-time versus recurring, committed
// (approved, in progress, done) versus planned (idea, proposed). A recurring cost runs from its item's target
// quarter on, at its monthly rate × 3 a quarter. Amounts are in cents (exact sums). A year row sums all four
// quarters of its year, listed in the horizon or not, so two horizons (two packs, the roadmap page) that both show
// a year agree on it.

export interface BudgetItem {
  status: string
  targetQuarter: string | null
  oneTimeCents: bigint
  recurringCents: bigint
  recurringPeriod: string
  currency: string
}

export interface BudgetCell {
  oneTime: number
  recurring: number
  total: number
}

export interface BudgetLine {
  period: string
  committed: BudgetCell
  planned: BudgetCell
}

export interface BudgetRollup {
  currency: string
  quarters: BudgetLine[]
  years: BudgetLine[]
}

const COMMITTED = new Set(['APPROVED', 'IN_PROGRESS', 'DONE'])
const PLANNED = new Set(['IDEA', 'PROPOSED'])

export function quarterIndex(quarter: string): number {
  const [y, q] = quarter.split('-Q')
  return Number(y) * 4 + Number(q) - 1
}

export function quarterName(index: number): string {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

export function quartersBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let i = quarterIndex(from); i <= quarterIndex(to); i++) out.push(quarterName(i))
  return out
}

const emptyCell = () => ({ oneTime: 0n, recurring: 0n })
const toCell = (c: { oneTime: bigint; recurring: bigint }): BudgetCell => ({
  oneTime: Number(c.oneTime) / 100,
  recurring: Number(c.recurring) / 100,
  total: Number(c.oneTime + c.recurring) / 100,
})

export function rollUpBudget(items: readonly BudgetItem[], horizon: readonly string[]): BudgetRollup[] {
  if (horizon.length === 0) return []
  const listed = new Set(horizon.map(quarterIndex))
  // Whole years around the horizon: the quarter rows show the horizon, the year rows every quarter of their year.
  const first = Math.floor(quarterIndex(horizon[0]) / 4) * 4
  const last = Math.floor(quarterIndex(horizon[horizon.length - 1]) / 4) * 4 + 3
  type Cells = { committed: ReturnType<typeof emptyCell>; planned: ReturnType<typeof emptyCell> }
  const byCurrency = new Map<string, Map<number, Cells>>()
  for (const item of items) {
    const kind = COMMITTED.has(item.status) ? 'committed' : PLANNED.has(item.status) ? 'planned' : null
    if (!kind || !item.targetQuarter) continue
    const start = quarterIndex(item.targetQuarter)
    if (start > last) continue
    let quarters = byCurrency.get(item.currency)
    if (!quarters) {
      quarters = new Map()
      for (let q = first; q <= last; q++) quarters.set(q, { committed: emptyCell(), planned: emptyCell() })
      byCurrency.set(item.currency, quarters)
    }
    if (start >= first) quarters.get(start)![kind].oneTime += item.oneTimeCents
    const perQuarter = item.recurringPeriod === 'YEAR' ? item.recurringCents / 4n : item.recurringCents * 3n
    for (let q = Math.max(start, first); q <= last; q++) quarters.get(q)![kind].recurring += perQuarter
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, quarters]) => {
      const years = new Map<string, Cells>()
      const lines: BudgetLine[] = []
      for (const [index, cells] of [...quarters.entries()].sort(([a], [b]) => a - b)) {
        if (listed.has(index)) lines.push({ period: quarterName(index), committed: toCell(cells.committed), planned: toCell(cells.planned) })
        const year = String(Math.floor(index / 4))
        const y = years.get(year) ?? { committed: emptyCell(), planned: emptyCell() }
        for (const k of ['committed', 'planned'] as const) {
          y[k].oneTime += cells[k].oneTime
          y[k].recurring += cells[k].recurring
        }
        years.set(year, y)
      }
      return {
        currency,
        quarters: lines,
        years: [...years.entries()].map(([period, c]) => ({ period, committed: toCell(c.committed), planned: toCell(c.planned) })),
      }
    })
}
