// Instances that agree (issue 14 §1, ADR 019): on PostgreSQL every instance LISTENs on one channel, and what one
// instance invalidates after a commit (a partnership's generation, the access scopes, the sessions) is NOTIFYed to
// the others, which drop what depends on it. An instance that cannot hear the channel caches nothing until it
// hears it again. The embedded database serves one process: nothing is started there.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { Database } from '../db/client.server.ts'
import { applyInvalidation, setCacheBypass, setInvalidationPublisher } from './short-cache.ts'

export const CACHE_CHANNEL = 'accord_cache'
/** The listener's application_name starts with this (operators and tests find its backend by it). */
export const LISTENER_APP_NAME = 'accord-cache-listener'
// NOTIFY payloads must stay under 8000 bytes; a larger batch is sent as "drop everything".
const MAX_PAYLOAD = 7_000

export interface Log {
  warn(message: string): void
  info?(message: string): void
}

export interface CrossInstanceOptions {
  log?: Log
  /** How often the listener proves its connection alive (a silent network loss shows no error). */
  pingMs?: number
  /** The first wait before reconnecting; doubled up to 5 s while the database stays away. */
  reconnectMs?: number
}

export interface CrossInstanceCaches {
  /** True while the listener is connected (caching is on). */
  readonly listening: boolean
  stop(): Promise<void>
}

interface Message {
  /** The sending instance (it ignores its own messages). */
  o: string
  t: string[]
}

export function encodeMessages(origin: string, tokens: readonly string[]): string[] {
  const whole = JSON.stringify({ o: origin, t: [...tokens] } satisfies Message)
  return [Buffer.byteLength(whole) <= MAX_PAYLOAD ? whole : JSON.stringify({ o: origin, t: ['*'] } satisfies Message)]
}

export function decodeMessage(payload: string | undefined): Message | null {
  try {
    const m = JSON.parse(payload ?? '') as Partial<Message>
    return typeof m.o === 'string' && Array.isArray(m.t) && m.t.every((t) => typeof t === 'string') ? (m as Message) : null
  } catch {
    return null
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Starts listening (PostgreSQL only; null on the embedded database) and publishes this instance's invalidations.
 * Resolves once the first LISTEN is in place, so the instance serves nothing cached it could not be told about.
 */
export async function startCrossInstanceCaches(database: Database, options: CrossInstanceOptions = {}): Promise<CrossInstanceCaches | null> {
  if (database.config.kind !== 'postgres') return null
  const url = database.config.url
  const log = options.log ?? console
  const origin = randomUUID()
  let client: pg.Client | null = null
  let stopped = false
  let retryMs = options.reconnectMs ?? 100
  let reconnecting: Promise<void> | null = null

  setCacheBypass(true)
  setInvalidationPublisher(async (tokens) => {
    try {
      for (const payload of encodeMessages(origin, tokens)) await database.queryArrays('SELECT pg_notify($1, $2)', [CACHE_CHANNEL, payload])
    } catch (error) {
      // The others will drop their copies at the TTL at the latest; the write itself has committed.
      log.warn(`cache invalidation not sent to the other instances: ${describe(error)}`)
    }
  })

  const lost = (c: pg.Client, why: string) => {
    if (c !== client || stopped) return
    client = null
    setCacheBypass(true)
    log.warn(`cache listener lost its connection (${why}): caches dropped, reconnecting`)
    c.end().catch(() => {})
    reconnecting ??= connect().finally(() => (reconnecting = null))
  }

  async function connect(): Promise<void> {
    while (!stopped) {
      const c = new pg.Client({ connectionString: url, application_name: `${LISTENER_APP_NAME} ${process.pid}`, keepAlive: true })
      c.on('error', (error) => lost(c, describe(error)))
      c.on('end', () => lost(c, 'connection ended'))
      c.on('notification', (n) => {
        const message = n.channel === CACHE_CHANNEL ? decodeMessage(n.payload) : null
        if (message && message.o !== origin) applyInvalidation(message.t)
      })
      try {
        await c.connect()
        await c.query(`LISTEN ${CACHE_CHANNEL}`)
        if (stopped) {
          await c.end()
          return
        }
        client = c
        retryMs = options.reconnectMs ?? 100
        // Whatever was published while no one listened is unknown: start from nothing, then cache again.
        setCacheBypass(false)
        return
      } catch (error) {
        c.end().catch(() => {})
        log.warn(`cache listener cannot connect (${describe(error)}); retrying in ${retryMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, retryMs).unref())
        retryMs = Math.min(retryMs * 2, 5_000)
      }
    }
  }

  const ping = setInterval(() => {
    const c = client
    if (!c) return
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer to a ping within 5 s')), 5_000).unref())
    Promise.race([c.query('SELECT 1'), timeout]).catch((error: unknown) => lost(c, describe(error)))
  }, options.pingMs ?? 10_000)
  ping.unref()

  await connect()
  return {
    get listening() {
      return client !== null
    },
    async stop() {
      stopped = true
      clearInterval(ping)
      setInvalidationPublisher(undefined)
      const c = client
      client = null
      await reconnecting
      await c?.end().catch(() => {})
      setCacheBypass(false)
    },
  }
}
