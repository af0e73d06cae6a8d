import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible'
import { type Database, openedDatabase } from '../db/client.server.ts'

// Where rate limiters keep their counters (issue 13, D10). On PostgreSQL, in the database (rate-limiter-flexible's
// PostgreSQL store, on the app's own pool, in the "RateLimit" table the migrations create), so every instance on one
// database counts against one limit: a second server does not double an attacker's attempts. On the embedded
// database only one process can open it, so memory is enough. A store error falls back to memory for that call
// (the insurance limiter) rather than failing sign-ins while the database hiccups.

export interface LimitOptions {
  points: number
  /** Seconds. */
  duration: number
  /** Seconds locked once the points are used up. */
  blockDuration?: number
}

const KEY = Symbol.for('accord.limiterStore')
const holder = globalThis as { [KEY]?: { database: Database | null; limiters: Map<string, RateLimiterAbstract> } }

/** The limiter named `name` (also its key prefix) on the process's database (in memory when none is open). */
export async function sharedLimiter(name: string, options: LimitOptions): Promise<RateLimiterAbstract> {
  const database = (await openedDatabase()) ?? null
  if (holder[KEY]?.database !== database) holder[KEY] = { database, limiters: new Map() }
  const { limiters } = holder[KEY]
  let limiter = limiters.get(name)
  if (!limiter) {
    const memory = new RateLimiterMemory({ ...options, keyPrefix: name })
    limiter = database?.pgPool
      ? new RateLimiterPostgres({
          ...options,
          keyPrefix: name,
          storeClient: database.pgPool,
          storeType: 'pool',
          tableName: 'RateLimit',
          tableCreated: true,
          // One limiter sweeps the shared table of expired counters (every 5 minutes, on an unref'd timer).
          clearExpiredByTimeout: limiters.size === 0,
          insuranceLimiter: memory,
        })
      : memory
    limiters.set(name, limiter)
  }
  return limiter
}

/** Where the counters are kept, for the boot log. */
export function limiterStoreName(database: Database): string {
  return database.pgPool ? 'PostgreSQL (shared by every instance)' : 'process memory (embedded database: one process)'
}

/** Forgets the limiters whose names start with `prefix` (tests; PostgreSQL counters go with the tables' reset). */
export function forgetLimiters(prefix: string): void {
  for (const name of [...(holder[KEY]?.limiters.keys() ?? [])]) if (name.startsWith(prefix)) holder[KEY]!.limiters.delete(name)
}
