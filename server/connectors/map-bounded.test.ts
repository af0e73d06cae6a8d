import { describe, expect, it } from 'vitest'
import { mapBounded } from './map-bounded.ts'

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1))

describe('mapBounded', () => {
  it('keeps the order of the items, never more than the limit pending', async () => {
    let pending = 0
    let most = 0
    const out = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      most = Math.max(most, ++pending)
      for (let i = 0; i < n; i++) await tick()
      pending--
      return n * 10
    })
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60])
    expect(most).toBe(3)
  })

  it('rejects with the first failure and starts no call after it', async () => {
    const started: number[] = []
    const run = mapBounded([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n)
      // 0 outlasts 1's failure: its caller then takes no other item.
      for (let i = 0; i < (n === 0 ? 3 : 1); i++) await tick()
      if (n === 1) throw new Error('no history for 1')
      return n
    })
    await expect(run).rejects.toThrow('no history for 1')
    for (let i = 0; i < 5; i++) await tick()
    expect(started).toEqual([0, 1])
  })

  it('answers an empty list without calling', async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([])
  })
})
