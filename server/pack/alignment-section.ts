// The pack's standards alignment part (ADR 025): the last assessment reviewed by the pack's instant, its score per
// category beside the assessment reviewed before it, and its top misalignments. Reviewed assessments are final, so
// "as of" is simply "reviewed by then".
import { type Alignment, type Severity, alignmentScore, topMisalignments } from '../assessments/score.ts'

export const ALIGNMENT_TOP_LIMIT = 8

export interface PackAlignment {
  current: { title: string; reviewedAt: string; overall: number | null; categories: Array<{ category: string; score: number | null; previous: number | null }> } | null
  previous: { title: string; reviewedAt: string; overall: number | null } | null
  top: Array<{ category: string; question: string; severity: Severity; alignment: 'MISALIGNED' | 'UNKNOWN'; remediation: string }>
}

export interface ReviewedAssessment {
  title: string
  reviewedAt: Date
  answers: Array<{ category: string; question: string; severity: Severity; alignment: Alignment | null; remediation: string; sortOrder: number }>
}

/** `latest` first: the last two reviewed assessments by the as-of, newest first. */
export function packAlignment(latest: readonly ReviewedAssessment[]): PackAlignment {
  const [cur, prev] = latest
  if (!cur) return { current: null, previous: null, top: [] }
  const answers = [...cur.answers].sort((a, b) => a.sortOrder - b.sortOrder)
  const score = alignmentScore(answers)
  const prevScore = prev ? alignmentScore(prev.answers) : null
  return {
    current: {
      title: cur.title,
      reviewedAt: cur.reviewedAt.toISOString(),
      overall: score.overall,
      categories: score.categories.map((c) => ({ category: c.category, score: c.score, previous: prevScore?.categories.find((p) => p.category === c.category)?.score ?? null })),
    },
    previous: prev && prevScore ? { title: prev.title, reviewedAt: prev.reviewedAt.toISOString(), overall: prevScore.overall } : null,
    top: topMisalignments(answers, ALIGNMENT_TOP_LIMIT).map((a) => ({ category: a.category, question: a.question, severity: a.severity, alignment: a.alignment === 'MISALIGNED' ? 'MISALIGNED' : 'UNKNOWN', remediation: a.remediation })),
  }
}
