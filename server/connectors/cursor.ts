// The incremental cursor: (last-updated instant, id), the id breaking ties between tickets updated at once.

/** Numeric ids compare as numbers, so "99" < "100" for the cursor's tie-breaker. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
  return a < b ? -1 : a > b ? 1 : 0
}

/** Whether (at, id) comes after the cursor; everything does when there is no cursor yet. */
export function after(at: string, id: string, cursorAt: string | null, cursorId: string | null): boolean {
  if (!cursorAt) return true
  if (at !== cursorAt) return at > cursorAt
  return cursorId === null || compareIds(id, cursorId) > 0
}
