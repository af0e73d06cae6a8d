import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, pageOf } from './report-lists.ts'

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
    const second = pageOf(items, decodeCursor(first.next!), 2)
    expect(second.items).toEqual(['B0', 'Y0'])
    expect(pageOf(items, decodeCursor(second.next!), 2)).toEqual({ items: ['Z0'], next: null })
  })
})
