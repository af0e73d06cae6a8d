// The HTTP edge of every connector: retries (Retry-After on 429, exponential backoff with full jitter on 5xx,
// timeouts and network errors) and a bound on requests in flight per connection. Delays are options, so tests
// run the back-off in milliseconds without stubbing anything.
// The transport is node:http(s) with a keep-alive agent, not fetch: a sync sends one request per ticket for its
// status history (10,000 for 10,000 changed tickets), and Node's fetch (undici with WHATWG streams) cost 0.8-1.4 ms
// of CPU per small request where node:http costs well under half that (ADR 006, addendum of 2026-12-06). msw
// intercepts node:http as it intercepts fetch, so the tests still meet the mocks at the network edge.
import dns from 'node:dns'
import http from 'node:http'
import type { LookupFunction } from 'node:net'
import https from 'node:https'
import { type OutboundPolicy, UnsafeUrlError, assertSafeUrl, checkUrlShape, nonPublicRange } from '../net/safe-url.server.ts'
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

/** An answer read whole: what the connectors read of a response. */
export interface PsaResponse {
  status: number
  ok: boolean
  headers: { get(name: string): string | null }
  text(): Promise<string>
  /** The body, already read whole: no promise for it. */
  bodyText(): string
}

export interface RequestOptions {
  what: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /**
   * One of many like it (a status history per ticket): waits behind every other request for a slot, so a run's next
   * ticket page is not queued behind the current page's thousand history calls.
   */
  bulk?: boolean
  /**
   * A request that is not idempotent (creating a ticket): never repeated after it may have reached the PSA. A
   * network failure or timeout throws at once (the caller reconciles); a 5xx answer is returned to be read. Only a
   * 429, which the PSA refused before acting, is retried.
   */
  once?: boolean
}

export interface Http {
  /** Answers with any status the caller should judge itself (2xx, 4xx but 429); retries the rest. */
  request(url: string, init: RequestOptions): Promise<PsaResponse>
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5

/**
 * At most `size` holders at once; a free slot goes to the oldest waiter of the first lane, then of the bulk lane.
 * (p-limit has one lane, and its async-context binding cost more than the rest of a small request.) `acquire`
 * answers null when a slot was free, a promise to wait for otherwise: a history call that finds a slot free costs
 * no promise, closure or turn of the microtask queue here.
 */
export function createSlots(size: number) {
  let active = 0
  const lanes: [Array<() => void>, Array<() => void>] = [[], []]
  return {
    acquire(bulk = false): Promise<void> | null {
      if (active < size) {
        active++
        return null
      }
      return new Promise<void>((resolve) => lanes[bulk ? 1 : 0].push(resolve))
    },
    /** Gives the slot to the next waiter (which then holds it), or frees it. */
    release() {
      const next = lanes[0].shift() ?? lanes[1].shift()
      if (next) next()
      else active--
    },
  }
}

class TimeoutError extends Error {
  override name = 'TimeoutError'
}

/**
 * The answer's headers, looked up in the list as received: Node builds its header object (every name lower-cased,
 * matched against its known fields) on first use, and a history call only ever asks for one header (Link). A name
 * sent more than once is read from Node's object, which knows which repeats are joined and which dropped.
 */
class AnswerHeaders {
  constructor(private readonly message: http.IncomingMessage) {}
  get(name: string): string | null {
    const key = name.toLowerCase()
    const list = this.message.rawHeaders
    let found: string | null = null
    for (let i = 0; i < list.length; i += 2) {
      if (list[i].length !== key.length || list[i].toLowerCase() !== key) continue
      if (found !== null) return joined(this.message.headers[key])
      found = list[i + 1]
    }
    return found
  }
}

const joined = (value: string | string[] | undefined): string | null => (value === undefined ? null : Array.isArray(value) ? value.join(', ') : String(value))

/** An answer read whole. */
class ReadAnswer implements PsaResponse {
  readonly ok: boolean
  readonly headers: AnswerHeaders
  constructor(
    readonly status: number,
    message: http.IncomingMessage,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300
    this.headers = new AnswerHeaders(message)
  }
  bodyText(): string {
    return this.body.toString('utf8')
  }
  text(): Promise<string> {
    return Promise.resolve(this.bodyText())
  }
}

/** Where a request goes: what node:http needs of its URL. */
export interface Target {
  protocol: string
  hostname: string
  port: string
  host: string
  origin: string
  /** Path and query, as the URL parser writes them. */
  path: string
}

export const targetOf = (url: URL): Target => ({ protocol: url.protocol, hostname: url.hostname, port: url.port, host: url.host, origin: url.origin, path: url.pathname + url.search })

/** A path, then a non-empty query, of characters the URL parser keeps as written (no dot segment checked below). */
const PLAIN_PATH = /^\/[\w\-.~!$&()*+,;=:@%/]*(?:\?[\w\-.~!$&()*+,;=:@%/?]+)?$/

/**
 * `url` as a target on `known`'s origin, without parsing it, when the URL parser would keep its path and query
 * exactly as written: plain characters only (no space, quote, backslash, fragment, non-ASCII) and no segment
 * starting with a dot or holding an encoded one. Null otherwise (the caller parses it). A sync's history calls are
 * URLs of one origin differing by a ticket id; parsing each was a visible share of their CPU.
 */
export function sameOriginTarget(url: string, known: Target): Target | null {
  const cut = known.origin.length
  if (!url.startsWith(known.origin) || url.charCodeAt(cut) !== 47 /* "/" */) return null
  const path = url.slice(cut)
  if (!PLAIN_PATH.test(path)) return null
  const query = path.indexOf('?')
  const pathOnly = query < 0 ? path : path.slice(0, query)
  if (pathOnly.includes('/.') || /%2e/i.test(pathOnly)) return null
  return { protocol: known.protocol, hostname: known.hostname, port: known.port, host: known.host, origin: known.origin, path }
}

const EXCHANGE = Symbol('exchange')

/**
 * One request in flight: what its listeners need, kept on the request object so that they are functions of this
 * module rather than closures made per request (a sync sends 10,000 small history calls; each closure, its name
 * and each listener's object were a visible share of their CPU).
 */
interface Exchange {
  target: Target
  init: Omit<RequestOptions, 'what'>
  agents: { http: http.Agent; https: https.Agent }
  timeoutMs: number
  check: (url: string) => Promise<URL>
  lookup: LookupFunction | undefined
  hops: number
  resolve: (answer: PsaResponse) => void
  reject: (error: unknown) => void
  timer: NodeJS.Timeout
  chunks: Buffer[]
}
type ExchangeRequest = http.ClientRequest & { [EXCHANGE]: Exchange }

function onTimeout(request: http.ClientRequest, timeoutMs: number) {
  request.destroy(new TimeoutError(`no answer within ${timeoutMs} ms`))
}

function onRequestError(this: ExchangeRequest, error: Error) {
  const x = this[EXCHANGE]
  clearTimeout(x.timer)
  x.reject(error)
}

function onResponseError(this: http.IncomingMessage, error: Error) {
  onRequestError.call((this as http.IncomingMessage & { req: ExchangeRequest }).req, error)
}

function onData(this: http.IncomingMessage, chunk: Buffer) {
  ;(this as http.IncomingMessage & { req: ExchangeRequest }).req[EXCHANGE].chunks.push(chunk)
}

function onEnd(this: http.IncomingMessage) {
  const x = (this as http.IncomingMessage & { req: ExchangeRequest }).req[EXCHANGE]
  clearTimeout(x.timer)
  x.resolve(new ReadAnswer(this.statusCode ?? 0, this, x.chunks.length === 1 ? x.chunks[0] : Buffer.concat(x.chunks)))
}

function onResponse(this: ExchangeRequest, response: http.IncomingMessage) {
  const x = this[EXCHANGE]
  const status = response.statusCode ?? 0
  const location = REDIRECTS.has(status) ? response.headers.location : undefined
  if (location && x.hops < MAX_REDIRECTS) {
    response.resume()
    clearTimeout(x.timer)
    const { init, target } = x
    const asGet = status === 303 || ((status === 301 || status === 302) && init.method === 'POST')
    const nextUrl = new URL(location, target.origin + target.path)
    // Each hop is checked again, and the PSA's credentials go to the PSA's origin only (issue 13, D6).
    const headers = nextUrl.origin === target.origin ? init.headers : withoutCredentials(init.headers)
    const next = asGet ? { headers, method: 'GET' as const } : { ...init, headers }
    x.check(nextUrl.toString())
      .catch((error: unknown) => {
        throw error instanceof UnsafeUrlError ? new UnsafeUrlError(`redirected to a refused URL: ${error.message}`, 'REDIRECT') : error
      })
      .then(() => send(nextUrl.toString(), next, x.agents, x.timeoutMs, x.check, x.lookup, x.hops + 1))
      .then(x.resolve, x.reject)
    return
  }
  response.on('data', onData)
  response.on('error', onResponseError)
  response.on('end', onEnd)
}

/**
 * One request over node:http(s), its body read whole inside the time limit; redirects followed as fetch would
 * (303, and 301/302 after a POST, continue as a GET without the body).
 */
function send(
  url: string | Target,
  init: Omit<RequestOptions, 'what'>,
  agents: { http: http.Agent; https: https.Agent },
  timeoutMs: number,
  check: (url: string) => Promise<URL>,
  lookup: LookupFunction | undefined,
  hops = 0,
): Promise<PsaResponse> {
  return new Promise<PsaResponse>((resolve, reject) => {
    // Parsed once per request (the caller's check already parsed it): a history call is small, and each parse of
    // the URL and each copy of the options was a visible share of its CPU.
    const target = typeof url === 'string' ? targetOf(new URL(url)) : url
    const secure = target.protocol === 'https:'
    const request = (secure ? https : http).request({
      protocol: target.protocol,
      hostname: target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname,
      port: target.port || undefined,
      path: target.path,
      method: init.method ?? 'GET',
      headers: headerList(target.host, init.headers, init.body),
      agent: secure ? agents.https : agents.http,
      lookup,
    }) as ExchangeRequest
    const timer = setTimeout(onTimeout, timeoutMs, request, timeoutMs)
    request[EXCHANGE] = { target, init, agents, timeoutMs, check, lookup, hops, resolve, reject, timer, chunks: [] }
    request.on('error', onRequestError)
    request.on('response', onResponse)
    request.end(init.body)
  })
}

/**
 * The request's headers as Node's flat [name, value, …] list, Host first (a list is written as given: Node adds no
 * Host to it). Given as an object, each header went through setHeader (checked, lower-cased, stored in a map) and was
 * then written out again: a visible share of a small request's CPU, paid 10,000 times by a sync's history calls.
 * Names and values are still checked as they are written.
 */
function headerList(host: string, headers: Record<string, string> | undefined, body: string | undefined): string[] {
  const list = ['Host', host]
  if (headers) for (const name in headers) list.push(name, headers[name])
  if (body !== undefined) list.push('Content-Length', String(Buffer.byteLength(body)))
  return list
}

/**
 * The address a socket connects to is checked again when it is resolved for the connection (issue 13, D6): a name
 * that answered a public address to the check and a private one to the connection (DNS rebinding) is refused.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { family: options.family, hints: options.hints, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0)
    if (addresses.length === 0 || addresses.some((a) => nonPublicRange(a.address))) {
      return callback(new UnsafeUrlError(`${hostname} resolves to an address that is not public`, 'ADDRESS'), '', 0)
    }
    if (options.all) return (callback as unknown as (e: null, all: dns.LookupAddress[]) => void)(null, addresses)
    callback(null, addresses[0]!.address, addresses[0]!.family)
  })
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization'])
const withoutCredentials = (headers: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())))

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
  const concurrency = options.concurrency ?? 4
  const slots = createSlots(concurrency)
  // Connections are kept and reused: one TLS handshake per socket, not per history call.
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets: concurrency }), https: new https.Agent({ keepAlive: true, maxSockets: concurrency }) }
  const retries = options.retries ?? 5
  const sleep = options.sleep ?? defaultSleep
  const random = options.random ?? Math.random
  const timeoutMs = options.timeoutMs ?? 30_000
  const maxRetryAfter = options.maxRetryAfterMs ?? 300_000
  const outbound = options.outbound ?? psaOutboundPolicy()
  const check = (url: string) => assertSafeUrl(url, outbound)
  const lookup = outbound.allowPrivate ? undefined : publicOnlyLookup
  // A sync sends thousands of requests to one origin: its check (a DNS lookup) is reused for a minute, not repeated
  // per history call. Redirect hops are always checked afresh.
  const origins = new Map<string, { until: number; ok: Promise<URL>; settled?: boolean }>()
  // The last target whose origin passed: a URL that only adds a plain path and query to that origin has the same
  // shape (scheme, host, no user:password, which would come before the path) and needs no parse of its own.
  let known: Target | null = null
  function checked(url: string): Target | Promise<Target> {
    const now = Date.now()
    const same = known && sameOriginTarget(url, known)
    if (same) {
      const entry = origins.get(same.origin)
      if (entry?.settled && entry.until >= now) return same
    }
    // The shape (scheme, no user:password in it) is checked on each URL itself; only the lookup is shared.
    const parsed = targetOf(checkUrlShape(url, outbound))
    const origin = parsed.origin
    let entry = origins.get(origin)
    if (!entry || entry.until < now) {
      entry = { until: now + 60_000, ok: check(url) }
      origins.set(origin, entry)
      entry.ok.catch(() => origins.delete(origin))
    }
    // Settled already for all but the first requests of a minute: no promise and no turn of the microtask queue.
    if (entry.settled) return (known = parsed)
    const pending = entry
    return pending.ok.then(() => {
      pending.settled = true
      return (known = parsed)
    })
  }

  return {
    async request(url, init) {
      const { what, once } = init
      let last = ''
      for (let n = 0; ; n++) {
        const queued = slots.acquire(init.bulk)
        if (queued) await queued
        let result: PsaResponse | Error
        try {
          // The body is read inside the slot, so a slow download counts as a request in flight and is timed too.
          const target = checked(url)
          result = await send(target instanceof Promise ? await target : target, init, agents, timeoutMs, check, lookup)
        } catch (error) {
          result = error instanceof Error ? error : new Error(String(error))
        } finally {
          slots.release()
        }
        let wait: number
        if (result instanceof UnsafeUrlError) throw new ConnectorError('CONFIG', `${what}: refused: the URL ${result.message}`)
        if (result instanceof Error) {
          // One message for a refused connection, a reset and a timeout alike: what the PSA's address answered on
          // the network is not told back (it would map which ports are open behind it; issue 13, D6).
          last = 'could not connect'
          if (once) throw new ConnectorError('NETWORK', `${what}: ${last}; whether the PSA acted on it is unknown`)
          if (n >= retries) throw new ConnectorError('NETWORK', `${what}: ${last} after ${n + 1} attempts`)
          wait = backoffMs(n, options, random)
        } else if (once && result.status >= 500) {
          return result
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
export async function readJson(response: PsaResponse, what: string): Promise<unknown> {
  return parseJson(response, what)
}

/** readJson without a promise: for the many small answers of a sync (one status history per ticket). */
export function parseJson(response: PsaResponse, what: string): unknown {
  const text = response.bodyText()
  try {
    return JSON.parse(text)
  } catch {
    // The answer itself is not quoted: a URL pointing elsewhere must not read back what that place says.
    throw new ConnectorError('MALFORMED_PAGE', `${what}: the answer is not JSON (HTTP ${response.status} from the PSA)`)
  }
}

/** 401/403 stop the run with a clear message; any other unexpected status too. */
export function expectOk(response: PsaResponse, what: string, authHint: string): void {
  if (response.ok) return
  if (response.status === 401 || response.status === 403) {
    throw new ConnectorError('AUTH', `${what}: the PSA refused the credentials (HTTP ${response.status}); ${authHint}`, response.status)
  }
  throw new ConnectorError('HTTP', `${what}: HTTP ${response.status} from the PSA`, response.status)
}
