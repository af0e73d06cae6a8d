/** The latest reviewed assessment at or before an instant (a QBR's date), and the one before it. */
export function alignmentAt<T extends { reviewedAt: string; overall: number | null }>(trend: readonly T[], at: string): { current: T | null; previous: T | null } {
  const upTo = trend.filter((t) => t.reviewedAt <= at).sort((a, b) => (a.reviewedAt < b.reviewedAt ? -1 : 1))
  return { current: upTo.at(-1) ?? null, previous: upTo.at(-2) ?? null }
}
