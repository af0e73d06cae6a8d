import { describe, expect, it } from 'vitest'
import { alignmentAt } from '../../app/utils/alignment.ts'
import { alignmentScore, topMisalignments } from './score.ts'

describe('alignmentScore', () => {
  it('weighs by severity, leaves out not applicable and counts unknown and unanswered as misaligned', () => {
    const score = alignmentScore([
      { category: 'Identity', severity: 'CRITICAL', alignment: 'ALIGNED' },
      { category: 'Identity', severity: 'LOW', alignment: 'MISALIGNED' },
      { category: 'Backup', severity: 'HIGH', alignment: 'UNKNOWN' },
      { category: 'Backup', severity: 'MEDIUM', alignment: 'ALIGNED' },
      { category: 'Backup', severity: 'CRITICAL', alignment: 'NOT_APPLICABLE' },
      { category: 'Network', severity: 'MEDIUM', alignment: null },
    ])
    // Identity 8/(8+1); Backup 2/(4+2); overall (8+2)/(8+1+4+2+2).
    expect(score.categories).toEqual([
      { category: 'Identity', score: 88.9, aligned: 1, misaligned: 1, unknown: 0, notApplicable: 0 },
      { category: 'Backup', score: 33.3, aligned: 1, misaligned: 0, unknown: 1, notApplicable: 1 },
      { category: 'Network', score: 0, aligned: 0, misaligned: 0, unknown: 1, notApplicable: 0 },
    ])
    expect(score.overall).toBe(58.8)
  })

  it('has no score when everything is not applicable', () => {
    expect(alignmentScore([{ category: 'X', severity: 'LOW', alignment: 'NOT_APPLICABLE' }]).overall).toBeNull()
    expect(alignmentScore([]).overall).toBeNull()
  })
})

describe('topMisalignments', () => {
  it('puts the most severe first, misaligned before unknown', () => {
    const list = topMisalignments(
      [
        { category: 'A', severity: 'LOW', alignment: 'MISALIGNED', question: 'low' },
        { category: 'A', severity: 'CRITICAL', alignment: 'UNKNOWN', question: 'crit unknown' },
        { category: 'A', severity: 'CRITICAL', alignment: 'MISALIGNED', question: 'crit' },
        { category: 'A', severity: 'HIGH', alignment: 'ALIGNED', question: 'fine' },
      ],
      2,
    )
    expect(list.map((a) => a.question)).toEqual(['crit', 'crit unknown'])
  })
})

describe('alignmentAt', () => {
  it('picks the last reviewed assessment by the instant and the one before', () => {
    const trend = [
      { reviewedAt: '2026-03-01T00:00:00.000Z', overall: 50 },
      { reviewedAt: '2026-06-01T00:00:00.000Z', overall: 60 },
      { reviewedAt: '2026-09-01T00:00:00.000Z', overall: 70 },
    ]
    expect(alignmentAt(trend, '2026-07-01T00:00:00.000Z')).toEqual({ current: trend[1], previous: trend[0] })
    expect(alignmentAt(trend, '2026-01-01T00:00:00.000Z')).toEqual({ current: null, previous: null })
  })
})
