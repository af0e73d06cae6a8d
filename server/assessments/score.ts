// The alignment score (ADR 025), pure. Each answer weighs by its standard's severity; the score of a set of answers
// is the weight answered "aligned" over the weight that counts. Not applicable is left out; unknown (and, while a
// draft is open, unanswered) counts as misaligned: not knowing whether backups restore is itself the risk, and
// leaving it out would let an assessment score higher the less it checked.
export type Alignment = 'ALIGNED' | 'MISALIGNED' | 'NOT_APPLICABLE' | 'UNKNOWN'
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'

/** Doubling per step: one critical gap weighs as much as eight low ones. */
export const SEVERITY_WEIGHTS: Record<Severity, number> = { LOW: 1, MEDIUM: 2, HIGH: 4, CRITICAL: 8 }

export interface ScoredAnswer {
  category: string
  severity: Severity
  alignment: Alignment | null
}

export interface CategoryScore {
  category: string
  /** 0–100, or null when nothing in the category counts (all not applicable). */
  score: number | null
  aligned: number
  misaligned: number
  unknown: number
  notApplicable: number
}

export interface AlignmentScore {
  overall: number | null
  categories: CategoryScore[]
}

function scoreOf(answers: readonly ScoredAnswer[]): number | null {
  let counted = 0
  let aligned = 0
  for (const a of answers) {
    if (a.alignment === 'NOT_APPLICABLE') continue
    const w = SEVERITY_WEIGHTS[a.severity]
    counted += w
    if (a.alignment === 'ALIGNED') aligned += w
  }
  return counted === 0 ? null : Math.round((aligned / counted) * 1000) / 10
}

/** Per category (in first-seen order) and overall. */
export function alignmentScore(answers: readonly ScoredAnswer[]): AlignmentScore {
  const byCategory = new Map<string, ScoredAnswer[]>()
  for (const a of answers) byCategory.set(a.category, [...(byCategory.get(a.category) ?? []), a])
  const categories = [...byCategory].map(([category, list]) => ({
    category,
    score: scoreOf(list),
    aligned: list.filter((a) => a.alignment === 'ALIGNED').length,
    misaligned: list.filter((a) => a.alignment === 'MISALIGNED').length,
    unknown: list.filter((a) => a.alignment === 'UNKNOWN' || a.alignment === null).length,
    notApplicable: list.filter((a) => a.alignment === 'NOT_APPLICABLE').length,
  }))
  return { overall: scoreOf(answers), categories }
}

const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 }

/** The misalignments that matter most first: severity, then unknown after misaligned, then the category order given. */
export function topMisalignments<T extends ScoredAnswer & { question: string }>(answers: readonly T[], limit: number): T[] {
  return answers
    .filter((a) => a.alignment === 'MISALIGNED' || a.alignment === 'UNKNOWN' || a.alignment === null)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => SEVERITY_RANK[x.a.severity] - SEVERITY_RANK[y.a.severity] || Number(x.a.alignment !== 'MISALIGNED') - Number(y.a.alignment !== 'MISALIGNED') || x.i - y.i)
    .slice(0, limit)
    .map((x) => x.a)
}
