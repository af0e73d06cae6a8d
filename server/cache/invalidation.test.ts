import { afterEach, describe, expect, it } from 'vitest'
import type { Database } from '../db/client.server.ts'
import { decodeMessage, encodeMessages, startCrossInstanceCaches } from './cross-instance.server.ts'
import {
  applyInvalidation,
  bumpPartnership,
  cachedPartnershipRead,
  clearNamedCache,
  namedCache,
  partnershipGeneration,
  setCacheBypass,
  setInvalidationPublisher,
  withBumpsAfterTransaction,
} from './short-cache.ts'

// What an instance tells the others (ADR 019): only after its transaction has committed, never on a rollback.
describe('cross-instance invalidation', () => {
  const sent: string[][] = []
  afterEach(() => {
    setInvalidationPublisher(undefined)
    setCacheBypass(false)
    sent.length = 0
  })
  const listen = () => setInvalidationPublisher(async (tokens) => void sent.push([...tokens]))

  it('publishes a transaction’s bumps and clears once, after it commits; nothing for a rollback', async () => {
    listen()
    await withBumpsAfterTransaction(async () => {
      bumpPartnership('p1')
      clearNamedCache('scopes')
      bumpPartnership('p1')
      expect(sent).toEqual([])
    })
    expect(sent).toEqual([['p:p1', 'c:scopes']])
    sent.length = 0
    await expect(
      withBumpsAfterTransaction(async () => {
        bumpPartnership('p2')
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(sent).toEqual([])
  })

  it('applies another instance’s tokens: a generation moves, a named cache empties, * drops all', async () => {
    const generation = partnershipGeneration('p3')
    applyInvalidation(['p:p3'])
    expect(partnershipGeneration('p3')).toBe(generation + 1)
    namedCache<number>('test.named', 60_000).set('k', 1)
    applyInvalidation(['c:test.named'])
    expect(namedCache<number>('test.named', 60_000).get('k')).toBeUndefined()
    let calls = 0
    const read = () => cachedPartnershipRead('test.all', 'p4', 'k', 60_000, async () => ++calls)
    await read()
    applyInvalidation(['*'])
    expect(await read()).toBe(2)
    expect(sent).toEqual([])
  })

  it('caches nothing while bypassed (no listener), and caches again after', async () => {
    let calls = 0
    const read = () => cachedPartnershipRead('test.bypass', 'p5', 'k', 60_000, async () => ++calls)
    setCacheBypass(true)
    await read()
    expect(await read()).toBe(2)
    setCacheBypass(false)
    await read()
    expect(await read()).toBe(3)
  })

  it('starts nothing on the embedded database (one process): caching and publishing stay as they were', async () => {
    expect(await startCrossInstanceCaches({ config: { kind: 'pglite', dataDir: null } } as Database)).toBeNull()
    let calls = 0
    const read = () => cachedPartnershipRead('test.embedded', 'p6', 'k', 60_000, async () => ++calls)
    await read()
    expect(await read()).toBe(1)
    await withBumpsAfterTransaction(async () => bumpPartnership('p6'))
    expect(sent).toEqual([])
  })

  it('sends a batch too large for one NOTIFY as "drop everything", and ignores malformed payloads', () => {
    const [small] = encodeMessages('me', ['p:a'])
    expect(decodeMessage(small)).toEqual({ o: 'me', t: ['p:a'] })
    const many = Array.from({ length: 500 }, (_, i) => `p:partnership-${i}`)
    expect(encodeMessages('me', many).map((m) => decodeMessage(m)?.t)).toEqual([['*']])
    expect(decodeMessage('not json')).toBeNull()
    expect(decodeMessage('{"o":1,"t":[]}')).toBeNull()
  })
})
