import { describe, expect, it } from 'vitest'
import { ShortCache, bumpPartnership, cachedPartnershipRead, partnershipGeneration, withBumpsAfterTransaction } from './short-cache.ts'

describe('ShortCache', () => {
  it('expires entries after the TTL and forgets all on clear', () => {
    const c = new ShortCache<number>(1000)
    c.set('a', 1, 0)
    expect(c.get('a', 999)).toBe(1)
    expect(c.get('a', 1000)).toBeUndefined()
    c.set('b', 2)
    c.clear()
    expect(c.get('b')).toBeUndefined()
  })

  it('recomputes a partnership read after a write to that partnership, not after one to another', async () => {
    let calls = 0
    const read = (id: string) => cachedPartnershipRead('test', id, 'list', 60_000, async () => ++calls)
    expect(await read('p1')).toBe(1)
    expect(await read('p1')).toBe(1)
    bumpPartnership('p2')
    expect(await read('p1')).toBe(1)
    bumpPartnership('p1')
    expect(await read('p1')).toBe(2)
  })

  it('serves a value past its TTL within the stale window while one refresh runs, then the refreshed one', async () => {
    const c = new ShortCache<number>(1000)
    let calls = 0
    let release: () => void = () => {}
    const compute = () => new Promise<number>((resolve) => (release = () => resolve(++calls + 100)))
    c.set('k', 1, 0, compute)
    expect(c.peek('k', 500, 999)).toBe(1)
    expect(c.peek('k', 500, 1200)).toBe(1)
    expect(c.peek('k', 500, 1300)).toBe(1)
    release()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(calls).toBe(1)
    expect(c.peek('k', 500)).toBe(101)
    expect(c.peek('k', 500, Date.now() + 1000 + 501)).toBeUndefined()
  })

  it('never serves stale across a clear, nor beyond the window, nor an entry it cannot refresh', () => {
    const c = new ShortCache<number>(1000)
    c.set('a', 1, 0, async () => 2)
    c.set('b', 1, 0)
    expect(c.peek('b', 500, 1200)).toBeUndefined()
    expect(c.peek('a', 500, 1600)).toBeUndefined()
    c.clear()
    expect(c.peek('a', 500, 10)).toBeUndefined()
  })

  it('moves a generation bumped in a transaction once, when it ends: readers meanwhile keep the copy of the current rows', async () => {
    let calls = 0
    const read = () => cachedPartnershipRead('test.tx', 'p-tx', 'list', 60_000, async () => ++calls)
    expect(await read()).toBe(1)
    const generation = partnershipGeneration('p-tx')
    await withBumpsAfterTransaction(async () => {
      bumpPartnership('p-tx')
      expect(partnershipGeneration('p-tx')).toBe(generation)
      expect(await read()).toBe(1)
    })
    expect(partnershipGeneration('p-tx')).toBe(generation + 1)
    expect(await read()).toBe(2)
  })

  it('bumps at once for work that outlives its transaction', async () => {
    let late: Promise<void> = Promise.resolve()
    const generation = partnershipGeneration('p-late')
    await withBumpsAfterTransaction(async () => {
      late = new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() => bumpPartnership('p-late'))
    })
    expect(partnershipGeneration('p-late')).toBe(generation)
    await late
    expect(partnershipGeneration('p-late')).toBe(generation + 1)
  })
})
