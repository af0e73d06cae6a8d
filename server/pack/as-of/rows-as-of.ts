// Rows as they stood at an instant, pure: today's rows with every recorded change made after the instant undone,
// newest first. The field history (FieldChange) keeps each change's value before it, so undoing needs nothing
// else; a row created after the instant, or deleted by it, is left out. Rows written without history (bulk
// imports) keep their values, which is all that can be known of them.

export interface LaterChange {
  entityId: string
  version: number
  field: string
  before: unknown
}

/** How a history value (JSON) reads back into a column of the row: dates and big integers are stored as strings. */
export type Decoders<T> = Partial<Record<keyof T & string, (json: unknown) => unknown>>

export const asDate = (json: unknown): Date | null => (json === null || json === undefined ? null : new Date(json as string))
export const asBigInt = (json: unknown): bigint => (json === null || json === undefined ? 0n : BigInt(json as string | number))

export function rowsAsOf<T extends { id: string; createdAt: Date; deletedAt?: Date | null }>(
  rows: readonly T[],
  laterChanges: readonly LaterChange[],
  asOf: Date,
  decoders: Decoders<T> = {},
): T[] {
  const byEntity = new Map<string, LaterChange[]>()
  for (const c of laterChanges) {
    const list = byEntity.get(c.entityId)
    if (list) list.push(c)
    else byEntity.set(c.entityId, [c])
  }
  const out: T[] = []
  for (const row of rows) {
    if (row.createdAt.getTime() > asOf.getTime()) continue
    const copy = { ...row } as Record<string, unknown>
    const changes = (byEntity.get(row.id) ?? []).sort((a, b) => b.version - a.version)
    for (const c of changes) {
      if (!(c.field in copy)) continue // a column this reader did not select
      const decode = (decoders as Record<string, ((json: unknown) => unknown) | undefined>)[c.field]
      copy[c.field] = decode ? decode(c.before) : (c.before ?? null)
    }
    const deletedAt = copy.deletedAt as Date | null | undefined
    if (deletedAt && deletedAt.getTime() <= asOf.getTime()) continue
    out.push(copy as T)
  }
  return out
}
