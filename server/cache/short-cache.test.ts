import { describe, expect, it } from 'vitest'
import { ShortCache, bumpPartnership, cachedPartnershipRead } from './short-cache.ts'

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
})
