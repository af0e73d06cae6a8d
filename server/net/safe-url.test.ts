// The SSRF rule (issue 13, D6): address classes, URL shapes, names checked after resolution, redirects checked hop
// by hop. The network is msw's; names resolve through an injected resolver, never real DNS.
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OutboundPolicy, UnsafeUrlError, assertSafeUrl, checkUrlShape, nonPublicRange, safeFetch } from './safe-url.server.ts'

const DNS: Record<string, string[]> = {
  'psa.example': ['93.184.216.34'],
  'other.example': ['93.184.216.35'],
  'internal.example': ['10.0.0.7'],
  'mixed.example': ['93.184.216.36', '127.0.0.1'],
  'mapped.example': ['::ffff:169.254.169.254'],
  'v6.example': ['2606:4700:4700::1111'],
}
const policy: OutboundPolicy = {
  httpsOnly: true,
  allowPrivate: false,
  resolve: async (host) => {
    const found = DNS[host]
    if (!found) throw new Error('ENOTFOUND')
    return found
  },
}

async function refusal(promise: Promise<unknown>): Promise<UnsafeUrlError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof UnsafeUrlError)) throw new Error(`expected a refusal, got ${String(error)}`)
  return error
}

describe('address classes', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['2002:7f00:1::1', '6to4'],
    ['64:ff9b::a00:1', 'rfc6052'],
  ])('%s is refused as %s', (address, range) => {
    expect(nonPublicRange(address)).toBe(range)
  })

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(nonPublicRange(address)).toBeNull()
  })
})

describe('URL shapes', () => {
  it('refuses http in production, credentials in the URL, localhost and literal internal addresses', () => {
    expect(() => checkUrlShape('http://psa.example', policy)).toThrow('must be an https URL')
    expect(() => checkUrlShape('https://user:pw@psa.example', policy)).toThrow('user name or password')
    expect(() => checkUrlShape('https://localhost:8443', policy)).toThrow('localhost')
    expect(() => checkUrlShape('https://[::1]/', policy)).toThrow('loopback')
    expect(() => checkUrlShape('https://[::ffff:169.254.169.254]/', policy)).toThrow('link-local')
    expect(() => checkUrlShape('https://2130706433/', policy)).toThrow('loopback')
    expect(() => checkUrlShape('ftp://psa.example', { ...policy, httpsOnly: false })).toThrow('http(s)')
    expect(checkUrlShape('http://psa.example', { ...policy, httpsOnly: false }).host).toBe('psa.example')
    expect(checkUrlShape('https://10.0.0.1', { ...policy, allowPrivate: true }).host).toBe('10.0.0.1')
  })

  it('checks every address a name resolves to', async () => {
    await expect(assertSafeUrl('https://psa.example/x', policy)).resolves.toBeInstanceOf(URL)
    await expect(assertSafeUrl('https://v6.example/x', policy)).resolves.toBeInstanceOf(URL)
    expect((await refusal(assertSafeUrl('https://internal.example', policy))).message).toBe('internal.example resolves to a private network address')
    expect((await refusal(assertSafeUrl('https://mixed.example', policy))).message).toContain('loopback')
    expect((await refusal(assertSafeUrl('https://mapped.example', policy))).message).toContain('link-local')
    expect((await refusal(assertSafeUrl('https://nowhere.example', policy))).reason).toBe('RESOLVE')
  })
})

describe('redirects', () => {
  const seen: Array<{ url: string; authorization: string | null }> = []
  const server = setupServer(
    http.all('https://psa.example/*', ({ request }) => {
      const url = new URL(request.url)
      seen.push({ url: request.url, authorization: request.headers.get('authorization') })
      if (url.pathname === '/to-metadata') return new HttpResponse(null, { status: 302, headers: { Location: 'http://169.254.169.254/latest/meta-data/' } })
      if (url.pathname === '/to-internal') return new HttpResponse(null, { status: 302, headers: { Location: 'https://internal.example/admin' } })
      if (url.pathname === '/to-other') return new HttpResponse(null, { status: 302, headers: { Location: 'https://other.example/ok' } })
      if (url.pathname === '/same') return new HttpResponse(null, { status: 307, headers: { Location: '/ok' } })
      if (url.pathname.startsWith('/loop')) return new HttpResponse(null, { status: 302, headers: { Location: `/loop${Number(url.pathname.slice(5) || 0) + 1}` } })
      return HttpResponse.json({ ok: true })
    }),
    http.all('https://other.example/*', ({ request }) => {
      seen.push({ url: request.url, authorization: request.headers.get('authorization') })
      return HttpResponse.json({ ok: true })
    }),
  )
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())
  const auth = { headers: { Authorization: 'Basic c2VjcmV0' } }

  it('refuses a redirect to the metadata address or to a name that resolves inside', async () => {
    expect((await refusal(safeFetch('https://psa.example/to-metadata', auth, policy))).reason).toBe('REDIRECT')
    const internal = await refusal(safeFetch('https://psa.example/to-internal', auth, policy))
    expect(internal.message).toBe('redirected to a refused URL: internal.example resolves to a private network address')
  })

  it('follows a bounded number of redirects, keeps credentials on the same origin and drops them elsewhere', async () => {
    expect((await refusal(safeFetch('https://psa.example/loop', auth, policy))).message).toBe('more than 5 redirects')
    seen.length = 0
    expect((await safeFetch('https://psa.example/same', { ...auth, method: 'POST', body: 'x' }, policy)).status).toBe(200)
    expect(seen.map((s) => [new URL(s.url).pathname, s.authorization])).toEqual([
      ['/same', 'Basic c2VjcmV0'],
      ['/ok', 'Basic c2VjcmV0'],
    ])
    seen.length = 0
    expect((await safeFetch('https://psa.example/to-other', auth, policy)).status).toBe(200)
    expect(seen.map((s) => [new URL(s.url).host, s.authorization])).toEqual([
      ['psa.example', 'Basic c2VjcmV0'],
      ['other.example', null],
    ])
  })
})
