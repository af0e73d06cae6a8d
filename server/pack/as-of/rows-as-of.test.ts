import { describe, expect, it } from 'vitest'
import { asBigInt, asDate, rowsAsOf } from './rows-as-of.ts'

const t = (iso: string) => new Date(iso)
const row = (id: string, o: Partial<{ title: string; cents: bigint; deletedAt: Date | null; createdAt: Date }> = {}) => ({
  id,
  title: 'Now',
  cents: 900n,
  createdAt: t('2026-01-01T00:00:00Z'),
  deletedAt: null as Date | null,
  ...o,
})

describe('rowsAsOf', () => {
  const asOf = t('2026-06-01T00:00:00Z')

  it('undoes every later change, newest first, back to the value before the first', () => {
    const changes = [
      { entityId: 'a', version: 3, field: 'title', before: 'Middle' },
      { entityId: 'a', version: 2, field: 'title', before: 'Then' },
      { entityId: 'a', version: 2, field: 'cents', before: '100' },
    ]
    expect(rowsAsOf([row('a')], changes, asOf, { cents: asBigInt })).toEqual([row('a', { title: 'Then', cents: 100n })])
  })

  it('leaves out rows created after the instant or deleted by it, and brings back rows deleted after it', () => {
    const rows = [
      row('new', { createdAt: t('2026-07-01T00:00:00Z') }),
      row('gone', { deletedAt: t('2026-05-01T00:00:00Z') }),
      row('later', { deletedAt: t('2026-07-01T00:00:00Z') }),
      row('restored'),
    ]
    const changes = [
      { entityId: 'later', version: 2, field: 'deletedAt', before: null },
      // Deleted before the instant, restored after it: it was not there then.
      { entityId: 'restored', version: 3, field: 'deletedAt', before: '2026-05-01T00:00:00.000Z' },
    ]
    expect(rowsAsOf(rows, changes, asOf, { deletedAt: asDate }).map((r) => [r.id, r.deletedAt])).toEqual([['later', null]])
  })

  it('ignores changes to columns the reader did not select', () => {
    expect(rowsAsOf([row('a')], [{ entityId: 'a', version: 2, field: 'notes', before: 'x' }], asOf)).toEqual([row('a')])
  })
})
