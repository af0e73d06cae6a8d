// Issue 13, D9: the partnership's cache generation moves after the write commits, so a reader that ran during the
// write cannot cache the old rows under the new generation: the writer reads its own write at once, however many
// readers run beside it.
import { beforeEach, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { createCaller } from '../../server/trpc/router.ts'
import { seedDemo } from '../helpers/factories.ts'

beforeEach(() => seedDemo())

it('a writer lists its own new roadmap item at once, 40 times, under concurrent readers', async () => {
  const user = await (await db()).user.findUniqueOrThrow({ where: { email: 'alex@northwind.example' }, select: { id: true, email: true, name: true } })
  const caller = createCaller({ auth: { via: 'token', user, tokenId: 'test' }, appUrl: 'http://accord.test' })
  const slug = 'northwind-contoso'
  await caller.roadmap.list({ slug })
  let stale = 0
  for (let i = 0; i < 40; i++) {
    let writing = true
    // Readers keep refilling the cache while the write is in flight.
    const readers = Array.from({ length: 4 }, async () => {
      while (writing) {
        await caller.roadmap.list({ slug })
        // A cached answer resolves at once: yield to I/O so the write (and the other readers) make progress.
        await new Promise((resolve) => setImmediate(resolve))
      }
    })
    const created = await caller.roadmap.create({ slug, title: `Item ${i}`, status: 'PROPOSED', targetQuarter: '2027-Q1' })
    const list = await caller.roadmap.list({ slug })
    writing = false
    await Promise.all(readers)
    if (!JSON.stringify(list).includes(created.id)) stale++
  }
  expect(stale).toBe(0)
}, 120_000)
