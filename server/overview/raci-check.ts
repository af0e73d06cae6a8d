// The client's responsibility matrix across its MSPs, and the check of who is Accountable. Pure.

export interface RaciRow {
  msp: string
  category: string
  name: string
  mspRaci: string
  clientRaci: string
}

export interface RaciFunction {
  category: string
  name: string
  /** Per MSP (by name): the MSP's letters and the client's letters in that partnership. */
  byMsp: Record<string, { msp: string; client: string }>
  /** The parties that claim A: MSP names, and "Client" when any of the client's partnerships says so. */
  accountable: string[]
  problem: 'none-accountable' | 'several-accountable' | null
}

export const CLIENT_PARTY = 'Client'

const key = (category: string, name: string) => `${category.trim().toLowerCase()}\u0000${name.trim().toLowerCase()}`

/**
 * A function is the same across MSPs when its category and name match (case and outer spaces aside). Exactly
 * one party must be Accountable: none is a gap, two (say two MSPs, or an MSP and the client) is a conflict.
 */
export function raciAcrossMsps(rows: readonly RaciRow[]): RaciFunction[] {
  const functions = new Map<string, RaciFunction>()
  for (const r of rows) {
    const k = key(r.category, r.name)
    const f = functions.get(k) ?? { category: r.category, name: r.name, byMsp: {}, accountable: [], problem: null }
    f.byMsp[r.msp] = { msp: r.mspRaci, client: r.clientRaci }
    if (r.mspRaci.includes('A') && !f.accountable.includes(r.msp)) f.accountable.push(r.msp)
    if (r.clientRaci.includes('A') && !f.accountable.includes(CLIENT_PARTY)) f.accountable.push(CLIENT_PARTY)
    functions.set(k, f)
  }
  const out = [...functions.values()]
  for (const f of out) f.accountable.sort((a, b) => a.localeCompare(b))
  for (const f of out) f.problem = f.accountable.length === 0 ? 'none-accountable' : f.accountable.length > 1 ? 'several-accountable' : null
  return out.sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name))
}
