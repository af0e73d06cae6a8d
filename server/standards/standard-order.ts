import { STANDARD_CATEGORIES, STARTER_STANDARDS } from './starter-library.ts'

const categoryRank = (c: string) => {
  const i = (STANDARD_CATEGORIES as readonly string[]).indexOf(c)
  return i === -1 ? STANDARD_CATEGORIES.length : i
}
const starterRank = new Map(STARTER_STANDARDS.map((s, i) => [s.key, i]))

/**
 * The library's reading order: the starter categories in their order, the MSP's own after them by name; within a
 * category the starter standards as written, then the MSP's own by creation (the starter rows share one instant).
 */
export function byLibraryOrder(a: { category: string; starterKey: string | null; createdAt: Date; id: string }, b: typeof a): number {
  return (
    categoryRank(a.category) - categoryRank(b.category) ||
    (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) ||
    (starterRank.get(a.starterKey ?? '') ?? Infinity) - (starterRank.get(b.starterKey ?? '') ?? Infinity) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}
