// The HTTP edge of every connector: retries (Retry-After on 429, exponential backoff with full jitter on 5xx,
// timeouts and network errors) and a bound on requests in flight per connection. Delays are options, so tests
// run the back-off in milliseconds without stubbing anything.
import pLimit from 'p-limit'
import { type OutboundPolicy, UnsafeUrlError, safeFetch } from '../net/safe-url.server.ts'
import { psaOutboundPolicy } from './outbound-policy.server.ts'
import { ConnectorError } from './types.ts'

export interface HttpOptions {
  /** Attempts after the first (default 5). */
  retries?: number
  /** The first back-off step (default 500 ms), doubled per attempt up to `maxDelayMs` (default 30 s). */
  minDelayMs?: number
  maxDelayMs?: number
  /** A Retry-After longer than this fails the request instead of stalling the run (default 5 min). */
  maxRetryAfterMs?: number
  /** Per attempt (default 30 s). */
  timeoutMs?: number
  /** Requests in flight at once on this connection (default 4; Autotask allows 3 per endpoint). */
  concurrency?: number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  /** Where requests may go (issue 13, D6); by default the PSA rule read from the environment. */
  outbound?: OutboundPolicy
}

export interface Http {
  /** Answers with any status the caller should judge itself (2xx, 4xx but 429); retries the rest. */
  request(url: string, init: RequestInit & { what: string }): Promise<Response>
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  const text = header.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const at = Date.parse(text)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

export function backoffMs(attempt: number, options: Pick<HttpOptions, 'minDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const cap = Math.min(options.maxDelayMs ?? 30_000, (options.minDelayMs ?? 500) * 2 ** attempt)
  return Math.round(random() * cap)
}

export function createHttp(options: HttpOptions = {}): Http {
  const limit = pLimit(options.concurrency ?? 4)
  const retries = options.retries ?? 5
  const sleep = options.sleep ?? defaultSleep
  const random = options.random ?? Math.random
  const timeoutMs = options.timeoutMs ?? 30_000
  const maxRetryAfter = options.maxRetryAfterMs ?? 300_000
  const outbound = options.outbound ?? psaOutboundPolicy()

  async function attempt(url: string, init: RequestInit): Promise<Response | Error> {
    try {
      // The body is read inside the slot, so a slow download counts as a request in flight and is timed too.
      const response = await safeFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }, outbound)
      const body = await response.arrayBuffer()
      return new Response(response.status === 204 ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers })
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error))
    }
  }

  return {
    async request(url, { what, ...init }) {
      let last = ''
      for (let n = 0; ; n++) {
        const result = await limit(() => attempt(url, init))
        let wait: number
        if (result instanceof UnsafeUrlError) throw new ConnectorError('CONFIG', `${what}: refused: the URL ${result.message}`)
        if (result instanceof Error) {
          // One message for a refused connection, a reset and a timeout alike: what the PSA's address answered on
          // the network is not told back (it would map which ports are open behind it; issue 13, D6).
          last = 'could not connect'
          if (n >= retries) throw new ConnectorError('NETWORK', `${what}: ${last} after ${n + 1} attempts`)
          wait = backoffMs(n, options, random)
        } else if (result.status === 429 || result.status >= 500) {
          last = `HTTP ${result.status} from the PSA`
          if (n >= retries) throw new ConnectorError('HTTP', `${what}: ${last} after ${n + 1} attempts`, result.status)
          const asked = result.status === 429 ? retryAfterMs(result.headers.get('retry-after')) : null
          if (asked !== null && asked > maxRetryAfter) {
            throw new ConnectorError('HTTP', `${what}: rate limited; the PSA asks to wait ${Math.round(asked / 1000)} s`, 429)
          }
          wait = asked ?? backoffMs(n, options, random)
        } else {
          return result
        }
        await sleep(wait)
      }
    },
  }
}

/** The body as JSON; anything else stops the run (a page we cannot read is not a page of zero tickets). */
export async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    // The answer itself is not quoted: a URL pointing elsewhere must not read back what that place says.
    throw new ConnectorError('MALFORMED_PAGE', `${what}: the answer is not JSON (HTTP ${response.status} from the PSA)`)
  }
}

/** 401/403 stop the run with a clear message; any other unexpected status too. */
export function expectOk(response: Response, what: string, authHint: string): void {
  if (response.ok) return
  if (response.status === 401 || response.status === 403) {
    throw new ConnectorError('AUTH', `${what}: the PSA refused the credentials (HTTP ${response.status}); ${authHint}`, response.status)
  }
  throw new ConnectorError('HTTP', `${what}: HTTP ${response.status} from the PSA`, response.status)
}
