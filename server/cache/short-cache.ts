import { AsyncLocalStorage } from 'node:async_hooks'
// Short-lived, in-process caches for the hottest reads (sessions, access scopes, workspace lists).
// Writes in this process invalidate at once; on PostgreSQL other instances hear of them after the commit
// (server/cache/cross-instance.server.ts, ADR 019) and the TTL is only a backstop (ADR 005).
// Keys always include the verified tenant id, so a cache can never hand one tenant another's rows.

interface Entry<V> {
  value: V
  expires: number
  generation: number
  /** How the value was computed, for a refresh while the stale value is still served (`peek`). */
  refresh?: () => Promise<V>
}

export class ShortCache<V> {
  private readonly entries = new Map<string, Entry<V>>()
  private readonly inFlight = new Map<string, Promise<V>>()
  private generation = 0

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5_000,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    if (registry().bypass) return undefined
    const e = this.entries.get(key)
    if (!e) return undefined
    if (e.expires <= now || e.generation !== this.generation) {
      this.entries.delete(key)
      return undefined
    }
    return e.value
  }

  /** The clear count: a value read from the database before a clear must not be `set` after it (`setIfCurrent`). */
  get stamp(): number {
    return this.generation
  }

  setIfCurrent(stamp: number, key: string, value: V): void {
    if (stamp === this.generation) this.set(key, value)
  }

  set(key: string, value: V, now = Date.now(), refresh?: () => Promise<V>): void {
    if (registry().bypass) return
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    this.entries.set(key, { value, expires: now + this.ttlMs, generation: this.generation, refresh })
  }

  /**
   * A value, without computing one: fresh, or past its TTL by at most `staleMs` while one refresh (the entry's own
   * computation) runs in the background — stale-while-revalidate for readers that cannot compute. A clear or a
   * key's generation change (a write in this process) is never served stale.
   */
  peek(key: string, staleMs: number, now = Date.now()): V | undefined {
    if (registry().bypass) return undefined
    const e = this.entries.get(key)
    if (!e || e.generation !== this.generation) return undefined
    if (e.expires > now) return e.value
    if (now - e.expires > staleMs || !e.refresh) return undefined
    if (!this.inFlight.has(key)) {
      // A failed refresh (the builder lost access, the database is away) drops the entry rather than serve it on.
      this.runShared(key, e.refresh).catch(() => this.entries.delete(key))
    }
    return e.value
  }

  delete(key: string): void {
    this.entries.delete(key)
  }

  /** Forgets everything (a write whose reach is hard to pin down). */
  clear(): void {
    this.generation++
    this.entries.clear()
    this.inFlight.clear()
  }

  /** A hit, or one computation shared by every caller asking for the key meanwhile (no stampede at expiry). */
  async getOrCompute(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.get(key)
    if (hit !== undefined) return hit
    return this.inFlight.get(key) ?? this.runShared(key, compute)
  }

  /** Runs the key's computation once for every caller meanwhile; its value is kept unless a clear came in between. */
  private runShared(key: string, compute: () => Promise<V>): Promise<V> {
    const generation = this.generation
    const promise = compute()
      .then((value) => {
        if (generation === this.generation) this.set(key, value, Date.now(), compute)
        return value
      })
      .finally(() => this.inFlight.delete(key))
    this.inFlight.set(key, promise)
    return promise
  }
}

// One registry per process (the Remix build bundles its own copy of this module).
const KEY = Symbol.for('accord.caches')
type Registry = {
  partitions: Map<string, ShortCache<unknown>>
  generations: Map<string, number>
  /** Tells the other instances what this one invalidated (set on PostgreSQL by the cross-instance listener). */
  publisher?: (tokens: readonly string[]) => Promise<void>
  /** Caching is off: this instance cannot hear the others' invalidations now (its listener is reconnecting). */
  bypass: boolean
}
const g = globalThis as { [KEY]?: Registry }
function registry(): Registry {
  g[KEY] ??= { partitions: new Map(), generations: new Map(), bypass: false }
  return g[KEY]
}

// What crosses instances, one token per invalidation: `p:<partnershipId>` (its generation moved), `c:<cache name>`
// (the named cache was cleared), `*` (everything).
const partnershipToken = (id: string) => `p:${id}`
const cacheToken = (name: string) => `c:${name}`

function publish(tokens: readonly string[]): Promise<void> {
  return registry().publisher?.(tokens) ?? Promise.resolve()
}

export function setInvalidationPublisher(publisher: ((tokens: readonly string[]) => Promise<void>) | undefined): void {
  registry().publisher = publisher
}

/** Turns this process's caches off (true) or on again; either way what they held is dropped. */
export function setCacheBypass(bypass: boolean): void {
  dropAllCaches()
  registry().bypass = bypass
}

function bumpLocal(partnershipId: string): void {
  const r = registry()
  r.generations.set(partnershipId, (r.generations.get(partnershipId) ?? 0) + 1)
}

/** Applies what another instance invalidated (never published again). */
export function applyInvalidation(tokens: readonly string[]): void {
  for (const token of tokens) {
    if (token === '*') dropAllCaches()
    else if (token.startsWith('p:')) bumpLocal(token.slice(2))
    else if (token.startsWith('c:')) registry().partitions.get(token.slice(2))?.clear()
  }
}

/** Drops every cached value; generations move on (never back, so no key from before can match again). */
export function dropAllCaches(): void {
  const r = registry()
  for (const c of r.partitions.values()) c.clear()
  for (const id of r.generations.keys()) bumpLocal(id)
}

export function namedCache<V>(name: string, ttlMs: number, maxEntries?: number): ShortCache<V> {
  const r = registry()
  let c = r.partitions.get(name)
  if (!c) {
    c = new ShortCache<unknown>(ttlMs, maxEntries)
    r.partitions.set(name, c)
  }
  return c as ShortCache<V>
}

/**
 * Clears one named cache, here and in the other instances: inside a transaction, here once more and elsewhere
 * after it commits (a reader during the transaction may have cached the rows from before it).
 */
export function clearNamedCache(name: string): void {
  registry().partitions.get(name)?.clear()
  const inTransaction = openTransaction()
  if (inTransaction) inTransaction.tokens.add(cacheToken(name))
  else void publish([cacheToken(name)])
}

/** Tells the other instances to clear a named cache; this process has already done its part (a key or two). */
export function clearNamedCacheElsewhere(name: string): Promise<void> {
  return publish([cacheToken(name)])
}

/** Every write to a partnership's data bumps its generation; cached reads of it are keyed by the generation. */
export function partnershipGeneration(partnershipId: string): number {
  return registry().generations.get(partnershipId) ?? 0
}

/**
 * A write to the partnership's data: at once, or, inside a transaction, once it has ended (here) and committed
 * (other instances). Until the commit every reader sees the old rows, which are the current ones: a bump then only
 * made each cached copy be rebuilt from the old rows, and again after the commit (issue 13, D9: the bump after it
 * is the one that counts, as a reader during the transaction may have cached the old rows). Under 10% edits that
 * doubled the page benchmark's rebuilds and their reads on the pool (issue 14 §4).
 */
export function bumpPartnership(partnershipId: string): void {
  const inTransaction = openTransaction()
  if (inTransaction) {
    inTransaction.tokens.add(partnershipToken(partnershipId))
    return
  }
  bumpLocal(partnershipId)
  void publish([partnershipToken(partnershipId)])
}

// One store for the source and the bundled copy of this module (as the registry above).
const TX_KEY = Symbol.for('accord.transactionBumps')
type TransactionBumps = { tokens: Set<string>; open: boolean }
function transactionBumps(): AsyncLocalStorage<TransactionBumps> {
  const g = globalThis as { [TX_KEY]?: AsyncLocalStorage<TransactionBumps> }
  g[TX_KEY] ??= new AsyncLocalStorage<TransactionBumps>()
  return g[TX_KEY]
}

/** The transaction this code runs in, unless it has ended (work it started may outlive it: that bumps at once). */
function openTransaction(): TransactionBumps | undefined {
  const store = transactionBumps().getStore()
  return store?.open ? store : undefined
}

/**
 * Runs a transaction so that what it invalidates is invalidated here again when it ends (committed or not), and,
 * once it has committed, in the other instances: the notice is sent before the caller sees the commit.
 */
export async function withBumpsAfterTransaction<T>(run: () => Promise<T>): Promise<T> {
  const store: TransactionBumps = { tokens: new Set<string>(), open: true }
  const { tokens } = store
  let committed = false
  try {
    const result = await transactionBumps().run(store, run)
    committed = true
    return result
  } finally {
    store.open = false
    applyInvalidation([...tokens])
    if (committed && tokens.size > 0) await publish([...tokens])
  }
}

/** Clears every cache (tests reset the database between cases). */
export function clearAllCaches(): void {
  const r = registry()
  for (const c of r.partitions.values()) c.clear()
  r.generations.clear()
}

/** How long a cached list is kept: a backstop, since every write invalidates it here and (on PostgreSQL) elsewhere. */
export const WORKSPACE_READ_TTL_MS = 1_000

/** An entry already cached for the partnership's current generation, without computing one. */
export function peekPartnershipRead<V>(name: string, partnershipId: string, key: string, staleMs = 0): V | undefined {
  return (registry().partitions.get(name) as ShortCache<V> | undefined)?.peek(`${partnershipId}|${partnershipGeneration(partnershipId)}|${key}`, staleMs)
}

/** A read of partnership data, cached for `ttlMs` and until the next write to that partnership in this process. */
export function cachedPartnershipRead<V>(name: string, partnershipId: string, key: string, ttlMs: number, compute: () => Promise<V>, maxEntries?: number): Promise<V> {
  return namedCache<V>(name, ttlMs, maxEntries).getOrCompute(`${partnershipId}|${partnershipGeneration(partnershipId)}|${key}`, compute)
}
