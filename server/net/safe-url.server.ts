// The one rule for URLs the server itself calls on someone's say-so (a PSA base URL today; webhooks and OIDC issuers
// later): issue 13, D6. Server-side request forgery is refused by where a request would go, not by its name:
//   - https only in production;
//   - the host's every address, after DNS resolution, must be a public unicast address: no loopback, private,
//     link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, reserved, unique-local IPv6, nor an IPv6
//     address that embeds an IPv4 one (IPv4-mapped, 6to4, Teredo, NAT64) unless that IPv4 address is public;
//   - redirects are followed here, a bounded number of times, and each hop is checked again.
// `allowPrivate` (ALLOW_PRIVATE_PSA_HOSTS=true) is for a PSA inside the operator's own network, and for tests.
import { lookup } from 'node:dns/promises'
import ipaddr from 'ipaddr.js'

export type Resolver = (host: string) => Promise<string[]>

export interface OutboundPolicy {
  /** Refuse http: (production). */
  httpsOnly: boolean
  /** Skip the address rule (ALLOW_PRIVATE_PSA_HOSTS=true). */
  allowPrivate: boolean
  /** DNS resolution; injectable so tests decide what a name resolves to. */
  resolve?: Resolver
  /** Redirects followed at most (default 5). */
  maxRedirects?: number
}

/** Why a URL is refused; the message says what failed and never what the other side answered. */
export class UnsafeUrlError extends Error {
  constructor(
    message: string,
    readonly reason: 'SCHEME' | 'ADDRESS' | 'RESOLVE' | 'REDIRECT',
  ) {
    super(message)
    this.name = 'UnsafeUrlError'
  }
}

const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address)

/** Null for a public unicast address; else what kind of address it is ("private", "loopback", …). */
export function nonPublicRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'unparseable'
  let ip = ipaddr.parse(address)
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address()
    else {
      const range = v6.range()
      // 6to4, Teredo and NAT64 carry an IPv4 address a relay would reach; refused whole rather than decoded.
      return range === 'unicast' ? null : range
    }
  }
  const range = (ip as ipaddr.IPv4).range()
  return range === 'unicast' ? null : range
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '')

/** The checks that need no network: scheme, and a host written as an address or as localhost. */
export function checkUrlShape(raw: string, policy: Pick<OutboundPolicy, 'httpsOnly' | 'allowPrivate'>): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new UnsafeUrlError('not a URL', 'SCHEME')
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !policy.httpsOnly)) {
    throw new UnsafeUrlError(policy.httpsOnly ? 'must be an https URL' : 'must be an http(s) URL', 'SCHEME')
  }
  if (url.username || url.password) throw new UnsafeUrlError('must not carry a user name or password', 'SCHEME')
  if (policy.allowPrivate) return url
  const host = bare(url.hostname).toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) throw new UnsafeUrlError('points to this server (localhost)', 'ADDRESS')
  if (ipaddr.isValid(host)) {
    const range = nonPublicRange(host)
    if (range) throw new UnsafeUrlError(`points to a ${describe(range)} address`, 'ADDRESS')
  }
  return url
}

function describe(range: string): string {
  switch (range) {
    case 'loopback':
      return 'loopback'
    case 'private':
    case 'uniqueLocal':
      return 'private network'
    case 'linkLocal':
      return 'link-local (cloud metadata)'
    case 'carrierGradeNat':
      return 'carrier-grade NAT'
    case 'multicast':
      return 'multicast'
    default:
      return 'non-public'
  }
}

/** Refuses a URL whose scheme or host, after DNS resolution, the policy does not allow. */
export async function assertSafeUrl(raw: string, policy: OutboundPolicy): Promise<URL> {
  const url = checkUrlShape(raw, policy)
  if (policy.allowPrivate) return url
  const host = bare(url.hostname)
  if (ipaddr.isValid(host)) return url
  let addresses: string[]
  try {
    addresses = await (policy.resolve ?? systemResolver)(host)
  } catch {
    throw new UnsafeUrlError(`could not resolve ${host}`, 'RESOLVE')
  }
  if (addresses.length === 0) throw new UnsafeUrlError(`could not resolve ${host}`, 'RESOLVE')
  for (const address of addresses) {
    const range = nonPublicRange(address)
    // The address itself is not named: it would tell a caller what an internal name resolves to.
    if (range) throw new UnsafeUrlError(`${host} resolves to a ${describe(range)} address`, 'ADDRESS')
  }
  return url
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization']

/**
 * fetch with the policy applied to the URL and to every redirect it is sent to (followed by hand, at most
 * `maxRedirects` times). A redirect to another origin drops the credential headers: the PSA's credentials go to
 * the PSA's host only.
 */
export async function safeFetch(raw: string, init: RequestInit, policy: OutboundPolicy): Promise<Response> {
  let url = (await assertSafeUrl(raw, policy)).toString()
  let request: RequestInit = { ...init, redirect: 'manual' }
  const max = policy.maxRedirects ?? 5
  for (let hop = 0; ; hop++) {
    const response = await fetch(url, request)
    if (!REDIRECTS.has(response.status)) return response
    const location = response.headers.get('location')
    if (!location) return response
    await response.body?.cancel().catch(() => {})
    if (hop >= max) throw new UnsafeUrlError(`more than ${max} redirects`, 'REDIRECT')
    const next = await assertSafeUrl(new URL(location, url).toString(), policy).catch((error: unknown) => {
      throw error instanceof UnsafeUrlError ? new UnsafeUrlError(`redirected to a refused URL: ${error.message}`, 'REDIRECT') : error
    })
    const headers = new Headers(request.headers)
    if (next.origin !== new URL(url).origin) for (const h of CREDENTIAL_HEADERS) headers.delete(h)
    const method = (request.method ?? 'GET').toUpperCase()
    const keepBody = response.status === 307 || response.status === 308
    request = keepBody ? { ...request, headers } : { ...request, headers, method: method === 'HEAD' ? 'HEAD' : 'GET', body: undefined }
    if (!keepBody) headers.delete('content-type')
    url = next.toString()
  }
}
