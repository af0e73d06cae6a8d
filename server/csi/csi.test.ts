import { describe, expect, it } from 'vitest'
import { kpiProgress } from './csi.schemas.ts'

describe('kpiProgress', () => {
  it('measures the way from baseline to target', () => {
    expect(kpiProgress(80, 95, 89)).toBeCloseTo(0.6)
  })
  it('works when lower is better', () => {
    expect(kpiProgress(20, 10, 15)).toBeCloseTo(0.5)
  })
  it('clamps to 0–1 and is null without data', () => {
    expect(kpiProgress(80, 95, 70)).toBe(0)
    expect(kpiProgress(80, 95, 99)).toBe(1)
    expect(kpiProgress(80, 95, null)).toBeNull()
    expect(kpiProgress(80, 80, 80)).toBeNull()
  })
})
