// The budget roll-up, pure: per currency, per quarter and per year, one-time versus recurring, committed
// (approved, in progress, done) versus planned (idea, proposed). A recurring cost runs from its item's target
// quarter to the end of the horizon, at its monthly rate × 3 a quarter. Amounts are in cents (exact sums).

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
  const first = quarterIndex(horizon[0])
  const last = quarterIndex(horizon[horizon.length - 1])
  const byCurrency = new Map<string, Map<number, { committed: ReturnType<typeof emptyCell>; planned: ReturnType<typeof emptyCell> }>>()
  for (const item of items) {
    const kind = COMMITTED.has(item.status) ? 'committed' : PLANNED.has(item.status) ? 'planned' : null
    if (!kind || !item.targetQuarter) continue
    const start = quarterIndex(item.targetQuarter)
    if (start > last) continue
    let quarters = byCurrency.get(item.currency)
    if (!quarters) {
      quarters = new Map(horizon.map((q) => [quarterIndex(q), { committed: emptyCell(), planned: emptyCell() }]))
      byCurrency.set(item.currency, quarters)
    }
    if (start >= first) quarters.get(start)![kind].oneTime += item.oneTimeCents
    const perQuarter = item.recurringPeriod === 'YEAR' ? item.recurringCents / 4n : item.recurringCents * 3n
    for (let q = Math.max(start, first); q <= last; q++) quarters.get(q)![kind].recurring += perQuarter
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, quarters]) => {
      const years = new Map<string, { committed: ReturnType<typeof emptyCell>; planned: ReturnType<typeof emptyCell> }>()
      const lines: BudgetLine[] = []
      for (const [index, cells] of [...quarters.entries()].sort(([a], [b]) => a - b)) {
        lines.push({ period: quarterName(index), committed: toCell(cells.committed), planned: toCell(cells.planned) })
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
