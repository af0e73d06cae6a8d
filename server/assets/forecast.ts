// The replacement forecast, pure: each active asset is due in the quarter its warranty ends or its end of life
// comes, whichever is first; an asset already past both is due now (the current quarter, flagged overdue).

export interface ForecastAsset {
  type: string
  warrantyEnd: string | null
  endOfLife: string | null
  replacementCostCents: number
  currency: string
}

export type DueReason = 'warranty' | 'endOfLife'

export interface ForecastGroup {
  /** As first written (the most common spelling wins); grouped case-insensitively. */
  type: string
  count: number
  overdue: number
  reasons: Record<DueReason, number>
  costs: Array<{ currency: string; cents: number }>
}

export interface ForecastQuarter {
  quarter: string
  /** First and last day (calendar), for display beside the quarter. */
  starts: string
  ends: string
  count: number
  costs: Array<{ currency: string; cents: number }>
  groups: ForecastGroup[]
}

export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`
}

export function quarterBounds(quarter: string): { starts: string; ends: string } {
  const year = Number(quarter.slice(0, 4))
  const q = Number(quarter.slice(6))
  const starts = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`
  const last = new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10)
  return { starts, ends: last }
}

export function addQuarters(quarter: string, n: number): string {
  const index = Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1 + n
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

/** The day the asset is due and why; null when it has neither date. */
export function dueOf(asset: Pick<ForecastAsset, 'warrantyEnd' | 'endOfLife'>): { day: string; reason: DueReason } | null {
  const { warrantyEnd: w, endOfLife: e } = asset
  if (w && (!e || w <= e)) return { day: w, reason: 'warranty' }
  if (e) return { day: e, reason: 'endOfLife' }
  return null
}

function addCost(costs: Array<{ currency: string; cents: number }>, currency: string, cents: number) {
  const found = costs.find((c) => c.currency === currency)
  if (found) found.cents += cents
  else costs.push({ currency, cents })
}

/**
 * Quarters from the one holding `today` for `quarters` quarters; assets due later are left out, assets due before
 * fall into the first (overdue). Quarters with nothing due are kept (a flat row reads as "nothing to replace").
 */
export function forecastReplacements(assets: readonly ForecastAsset[], today: string, quarters: number): ForecastQuarter[] {
  const first = quarterOf(today)
  const result: ForecastQuarter[] = Array.from({ length: quarters }, (_, i) => {
    const quarter = addQuarters(first, i)
    return { quarter, ...quarterBounds(quarter), count: 0, costs: [], groups: [] }
  })
  const byQuarter = new Map(result.map((q) => [q.quarter, q]))
  const spellings = new Map<string, Map<string, number>>()
  for (const asset of assets) {
    const due = dueOf(asset)
    if (!due) continue
    const overdue = due.day < today
    const target = byQuarter.get(overdue ? first : quarterOf(due.day))
    if (!target) continue
    const key = asset.type.trim().toLowerCase()
    let group = target.groups.find((g) => g.type.toLowerCase() === key)
    if (!group) {
      group = { type: asset.type.trim() || 'Other', count: 0, overdue: 0, reasons: { warranty: 0, endOfLife: 0 }, costs: [] }
      target.groups.push(group)
    }
    const seen = spellings.get(key) ?? new Map<string, number>()
    seen.set(asset.type.trim(), (seen.get(asset.type.trim()) ?? 0) + 1)
    spellings.set(key, seen)
    group.count++
    if (overdue) group.overdue++
    group.reasons[due.reason]++
    addCost(group.costs, asset.currency, asset.replacementCostCents)
    target.count++
    addCost(target.costs, asset.currency, asset.replacementCostCents)
  }
  for (const q of result) {
    for (const g of q.groups) {
      const names = [...(spellings.get(g.type.toLowerCase())?.entries() ?? [])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      if (names[0]?.[0]) g.type = names[0][0]
    }
    q.groups.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type))
  }
  return result
}

/** "laptops", "servers", "switches": a type's plural for a roadmap title (English; the type as written otherwise). */
export function pluralType(type: string, count: number): string {
  const t = type.trim().toLowerCase() || 'asset'
  if (count === 1) return t
  if (/(s|x|z|ch|sh)$/.test(t)) return `${t}es`
  if (/[^aeiou]y$/.test(t)) return `${t.slice(0, -1)}ies`
  return `${t}s`
}

/** "Replace 37 laptops out of warranty by 2027-Q2". */
export function replacementTitle(count: number, type: string | null, reasons: Record<DueReason, number>, quarter: string): string {
  const what = type ? pluralType(type, count) : count === 1 ? 'asset' : 'assets'
  const why = reasons.endOfLife === 0 ? 'out of warranty' : reasons.warranty === 0 ? 'past end of life' : 'out of warranty or past end of life'
  return `Replace ${count} ${what} ${why} by ${quarter}`
}
