import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, pageOf } from './report-lists.ts'

const after = (c: string) => ({ key: decodeCursor(c)!, dir: 'after' as const })
const before = (c: string) => ({ key: decodeCursor(c)!, dir: 'before' as const })
const key = (at: number, id: string, order = 0, due = 0) => ({ due, at, id, source: 'api', order })

describe('report list pages', () => {
  it('round-trip a cursor (an infinite due too) and refuse one that is not theirs', () => {
    for (const k of [key(1_780_000_000_123.5, 'T-1', 1), key(5, 'é', 0, Number.POSITIVE_INFINITY)]) expect(decodeCursor(encodeCursor(k))).toEqual(k)
    expect(decodeCursor('not-a-cursor')).toBeNull()
    expect(decodeCursor(Buffer.from(JSON.stringify([0, 1, 'x', 'api', 2])).toString('base64url'))).toBeNull()
  })

  it('cut sorted pages after a cursor, a next cursor only while more items follow', () => {
    const items = [key(3, 'B'), key(1, 'A', 1), key(1, 'A', 0), key(2, 'Z', 0, Number.POSITIVE_INFINITY), key(2, 'Y', 0, 7)].map((k) => ({ key: k, item: `${k.id}${k.order}` }))
    const first = pageOf(items, null, 2)
    expect(first.items).toEqual(['A0', 'A1'])
    expect(first.prev).toBeNull()
    const second = pageOf(items, after(first.next!), 2)
    expect(second.items).toEqual(['B0', 'Y0'])
    expect(pageOf(items, after(second.next!), 2)).toEqual({ items: ['Z0'], next: null, prev: encodeCursor(key(2, 'Z', 0, Number.POSITIVE_INFINITY)) })
  })

  it('cut the page before a cursor, a prev cursor only while more items precede', () => {
    const items = ['A', 'B', 'C', 'D', 'E'].map((id, i) => ({ key: key(i, id), item: id }))
    const last = pageOf(items, after(pageOf(items, after(pageOf(items, null, 2).next!), 2).next!), 2)
    expect(last.items).toEqual(['E'])
    const middle = pageOf(items, before(last.prev!), 2)
    expect(middle).toEqual({ items: ['C', 'D'], next: encodeCursor(items[3].key), prev: encodeCursor(items[2].key) })
    expect(pageOf(items, before(middle.prev!), 2)).toEqual({ items: ['A', 'B'], next: encodeCursor(items[1].key), prev: null })
    // A page before the second item holds the first alone.
    expect(pageOf(items, before(encodeCursor(items[1].key)), 2)).toEqual({ items: ['A'], next: encodeCursor(items[0].key), prev: null })
  })
})
