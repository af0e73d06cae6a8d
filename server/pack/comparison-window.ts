// What the pack's quarter is compared with, pure.
import { DateTime } from 'luxon'

/**
 * What a quarter's figures are compared with. A quarter over by the as-of: the whole previous quarter. One in
 * progress: the same number of days from the previous quarter's start (the as-of's day counted whole), so that
 * "tickets opened" and the like compare like with like.
 */
export function comparisonWindow(zone: string, cur: { start: number; end: number }, prev: { start: number; end: number }, asOf: number, previousQuarter: string) {
  if (asOf + 1 >= cur.end) return { start: prev.start, end: prev.end, label: previousQuarter, toDate: false }
  const days = Math.max(1, Math.ceil(DateTime.fromMillis(asOf, { zone }).endOf('day').diff(DateTime.fromMillis(cur.start, { zone }), 'days').days))
  const end = Math.min(prev.end, DateTime.fromMillis(prev.start, { zone }).plus({ days }).startOf('day').toMillis())
  return { start: prev.start, end, label: `${previousQuarter}, first ${days} day${days === 1 ? '' : 's'}`, toDate: true }
}
