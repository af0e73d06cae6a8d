import { quarterOf, shiftQuarter } from './format'

// Which quarter a form proposes first. Pure, so the rules are unit-tested apart from the pages that use them.

/** "Plan a QBR": this quarter, or the first later one that has no QBR yet (a quarter holds one QBR). */
export function nextQuarterWithoutQbr(qbrs: ReadonlyArray<{ quarter: string }>, now = new Date()): string {
  const taken = new Set(qbrs.map((q) => q.quarter))
  let quarter = quarterOf(now)
  while (taken.has(quarter)) quarter = shiftQuarter(quarter, 1)
  return quarter
}

/**
 * The packs page: the quarter of the next QBR still to be held (its pack is the one being prepared), else the
 * last quarter that ended (its pack reports a whole quarter).
 */
export function packQuarter(qbrs: ReadonlyArray<{ quarter: string; status: string }>, now = new Date()): string {
  const upcoming = qbrs
    .filter((q) => q.status === 'DRAFT' || q.status === 'SCHEDULED')
    .map((q) => q.quarter)
    .filter((q) => q >= shiftQuarter(quarterOf(now), -1))
    .sort()
  return upcoming[0] ?? shiftQuarter(quarterOf(now), -1)
}
