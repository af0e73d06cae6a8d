// Issue 13 regressions at the HTTP edge: body limits (D1), malformed multipart (D22), text the database cannot
// store (D14), batch and range limits and per-user usage limits (D3), and what an unexpected error tells a client.
import http from 'node:http'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_PASSWORD } from '../../server/demo/demo-data.ts'
import { db } from '../../server/db/client.server.ts'
import { resetEnv } from '../../server/env.server.ts'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { pushTickets } from '../../server/tickets/push-tickets.server.ts'
import { importMetricsCsv } from '../../server/metrics/import-metrics-csv.server.ts'
import { publicProcedure, router } from '../../server/trpc/init.ts'
import { handleTrpcRequest } from '../../server/trpc/handler.server.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type Session, postLogin, signIn, trpc, savePolicy } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

const SLUG = 'northwind-contoso'
let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ limits: { maxImportBytes: 256 * 1024 } })
})
afterAll(() => server.close())
beforeEach(() => seedDemo())

interface RawAnswer {
  status: number
  body: string
  headers: http.IncomingHttpHeaders
  bodyBytesWritten: number
}

/**
 * Sends a body in chunks with node:http, stopping as soon as an answer arrives: how much was sent before the
 * server answered shows whether it refused early.
 */
function rawPost(url: string, headers: Record<string, string>, chunks: Iterable<Buffer>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let written = 0
    let answered = false
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      answered = true
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers, bodyBytesWritten: written }))
      res.on('error', reject)
    })
    // The server closes the connection after refusing: a write after that fails, which is the point.
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    const iterator = chunks[Symbol.iterator]()
    const pump = () => {
      while (!answered) {
        const next = iterator.next()
        if (next.done) return void req.end()
        written += next.value.length
        if (!req.write(next.value)) return void req.once('drain', pump)
      }
    }
    pump()
  })
}

function* repeat(chunk: Buffer, times: number) {
  for (let i = 0; i < times; i++) yield chunk
}

const form = (baseUrl: string) => ({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl })

describe('D1: every body is bounded before it is parsed', () => {
  it('refuses an anonymous 300 MB sign-in form by its Content-Length with 413, before reading it', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const answer = await rawPost(
      `${server.url}/login`,
      { ...form(server.url), 'Content-Length': String(300 * 1024 * 1024) },
      repeat(chunk, (300 * 1024 * 1024) / chunk.length),
    )
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).error.code).toBe('PAYLOAD_TOO_LARGE')
    // Refused after at most a few chunks, not after the 300 MB.
    expect(answer.bodyBytesWritten).toBeLessThan(16 * 1024 * 1024)
  })

  it('refuses a chunked body (no Content-Length) once it passes 1 MB', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const answer = await rawPost(`${server.url}/login`, { ...form(server.url), 'Transfer-Encoding': 'chunked' }, repeat(chunk, 200))
    expect(answer.status).toBe(413)
    expect(answer.bodyBytesWritten).toBeLessThan(12 * 1024 * 1024)
  })

  it('caps a multipart part the same way', async () => {
    const boundary = 'x-boundary'
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n`)
    const part = Buffer.alloc(2 * 1024 * 1024, 'b')
    const answer = await rawPost(
      `${server.url}/login`,
      { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: server.url, 'Transfer-Encoding': 'chunked' },
      [head, part, Buffer.from(`\r\n--${boundary}--\r\n`)],
    )
    expect(answer.status).toBe(413)
  })

  it('a JSON body just under the limit still reaches tRPC', async () => {
    const token = await tokenFor('alex@northwind.example')
    const r = await fetch(`${server.url}/api/trpc/roadmap.create`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ slug: SLUG, title: 'Fits', status: 'PROPOSED', targetQuarter: '2027-Q1', padding: 'p'.repeat(900 * 1024) }),
    })
    expect(r.status).toBe(200)
  })

  it('a CSV upload announced over MAX_IMPORT_BYTES is 413 at once; one that grows past it ends with a 413 line', async () => {
    const token = await tokenFor('alex@northwind.example')
    const url = `${server.url}/api/partnerships/${SLUG}/tickets-csv`
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const announced = await rawPost(url, { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv', 'Content-Length': String(1024 * 1024) }, repeat(chunk, 16))
    expect(announced.status).toBe(413)

    const rows = Array.from({ length: 5000 }, (_, i) => `T-${i},Ticket ${i},P3,Open,,,2026-07-01T09:00:00Z,,,,,`).join('\n')
    const body = `externalId,title,priority,status,queue,assignee,createdAt,firstResponseAt,resolvedAt,pauses,escalated,csat\n${rows}\n`
    expect(body.length).toBeGreaterThan(256 * 1024)
    const streamed = await rawPost(url, { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' }, [Buffer.from(body)])
    const lines = streamed.body.trim().split('\n').map((l) => JSON.parse(l) as { error?: { status: number; fieldErrors: Array<{ field: string }> } })
    const last = lines.at(-1)
    expect(last?.error?.status).toBe(413)
    expect(last?.error?.fieldErrors[0].field).toBe('file')
  })

  it('an unterminated 2 MB quoted field is a 400 naming the file, not a 2 MB record in memory', async () => {
    const token = await tokenFor('alex@northwind.example')
    const header = 'externalId,title,priority,status,queue,assignee,createdAt,firstResponseAt,resolvedAt,pauses,escalated,csat\n'
    const big = await startTestServer()
    try {
      const answer = await rawPost(
        `${big.url}/api/partnerships/${SLUG}/tickets-csv`,
        { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' },
        [Buffer.from(header + 'T-1,"'), ...repeat(Buffer.alloc(64 * 1024, 'z'), 32)],
      )
      const last = JSON.parse(answer.body.trim().split('\n').at(-1) ?? '{}') as { error?: { status: number; message: string; fieldErrors: Array<{ field: string }> } }
      expect(last.error?.status).toBe(400)
      expect(last.error?.fieldErrors[0].field).toBe('file')
      expect(last.error?.message).toMatch(/record|field/i)
    } finally {
      await big.close()
    }
  })
})

describe('D22: a malformed multipart body is a 400', () => {
  it('on the sign-in form and on a signed-in form action', async () => {
    const session: Session = await signIn(server.url, 'alex@northwind.example')
    const headers = { 'Content-Type': 'multipart/form-data; boundary=nope', Origin: server.url }
    const body = '--other\r\nContent-Disposition: form-data; name="x"\r\n\r\nno closing boundary'
    const anonymous = await fetch(`${server.url}/login`, { method: 'POST', headers, body })
    expect(anonymous.status).toBe(400)
    expect((await anonymous.json()).error.message).toMatch(/malformed form body/i)
    const signedIn = await fetch(`${server.url}/p/${SLUG}/packs`, { method: 'POST', headers: { ...headers, Cookie: session.cookie }, body })
    expect(signedIn.status).toBe(400)
  })
})

describe('D14: text the database cannot store is a 400 naming the field', () => {
  it.each([
    ['a NUL byte', 'Fix\u0000it'],
    ['a lone high surrogate', 'Fix\ud800it'],
    ['a lone low surrogate', 'Fix\udc00'],
  ])('in a tRPC input: %s', async (_what, title) => {
    const token = { token: await tokenFor('alex@northwind.example') }
    const r = await trpc(server.url, token, 'mutation', 'roadmap.create', { slug: SLUG, title, status: 'PROPOSED', targetQuarter: '2027-Q1' })
    expect(r.status).toBe(400)
    expect(r.body.error?.data.fieldErrors).toEqual([{ field: 'title', message: expect.stringMatching(/NUL byte or an unpaired surrogate/) }])
    expect(r.body.error?.message).not.toMatch(/prisma|invalid byte sequence|22021/i)
  })

  it('nested inside an array, named by its path', async () => {
    const token = { token: await tokenFor('alex@northwind.example') }
    const r = await trpc(server.url, token, 'mutation', 'tickets.upsert', {
      slug: SLUG,
      tickets: [{ externalId: 'T-1', title: 'ok', priority: 'P3', status: 'Open', createdAt: '2026-07-01T09:00:00Z' }, { externalId: 'T-\u0000', priority: 'P3', createdAt: '2026-07-01T09:00:00Z' }],
    })
    expect(r.status).toBe(400)
    expect(r.body.error?.data.fieldErrors[0].field).toBe('tickets.1.externalId')
  })

  it('in a form field', async () => {
    const session = await signIn(server.url, 'alex@northwind.example')
    const r = await fetch(`${server.url}/p/${SLUG}/roadmap`, {
      method: 'POST',
      headers: { ...form(server.url), Cookie: session.cookie },
      body: 'intent=create&title=Fix%00it&status=PROPOSED&targetQuarter=2027-Q1',
    })
    expect(r.status).toBe(400)
    expect(await r.json()).toMatchObject({ error: { field: 'title' } })
  })
})

describe('D3: bounded batches, report ranges and per-user usage', () => {
  const batch = (n: number) => Array.from({ length: n }, () => 'me').join(',')
  const inputs = (n: number) => encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, null]))))

  it('a tRPC batch holds at most 10 calls', async () => {
    const token = await tokenFor('alex@northwind.example')
    const headers = { Authorization: `Bearer ${token}` }
    expect((await fetch(`${server.url}/api/trpc/${batch(10)}?batch=1&input=${inputs(10)}`, { headers })).status).toBe(200)
    const tooMany = await fetch(`${server.url}/api/trpc/${batch(11)}?batch=1&input=${inputs(11)}`, { headers })
    expect(tooMany.status).toBe(400)
  })

  it.each([
    ['more than 24 months', { from: '2024-01-01', to: '2026-01-02' }, 'to'],
    ['before 2000', { from: '1999-12-01', to: '2000-02-01' }, 'from'],
    ['after 2100', { from: '2100-12-01', to: '2101-01-01' }, 'to'],
    ['a day that does not exist', { from: '2026-02-30', to: '2026-04-01' }, 'from'],
  ])('a report range %s is a 400 naming the field', async (_what, range, field) => {
    const token = { token: await tokenFor('alex@northwind.example') }
    const r = await trpc(server.url, token, 'query', 'sla.report', { slug: SLUG, ...range, tickets: false })
    expect(r.status).toBe(400)
    expect(r.body.error?.data.fieldErrors.map((f) => f.field)).toContain(field)
  })

  it('exactly 24 months is a report', async () => {
    const token = { token: await tokenFor('alex@northwind.example') }
    await savePolicy(server.url, token, SLUG, DEMO_POLICY)
    const r = await trpc(server.url, token, 'query', 'sla.report', { slug: SLUG, from: '2024-01-01', to: '2026-01-01', tickets: false })
    expect(r.body.error?.message).toBeUndefined()
    expect(r.status).toBe(200)
  })

  it('an import past the per-minute limit is 429 with Retry-After, and another user is not affected', async () => {
    const alex = await tokenFor('alex@northwind.example')
    const ava = await tokenFor('ava@northwind.example')
    const call = (token: string, i: number) =>
      fetch(`${server.url}/api/trpc/tickets.upsert`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ slug: SLUG, tickets: [{ externalId: `L-${i}`, priority: 'P3', status: 'Open', createdAt: '2026-07-01T09:00:00Z' }] }),
      })
    for (let i = 0; i < 20; i++) expect((await call(alex, i)).status).toBe(200)
    const limited = await call(alex, 20)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await call(ava, 21)).status).toBe(200)
  })
})

describe('unexpected errors tell the client a request id, and the log the details', () => {
  it('a failure inside a procedure answers 500 without its message', async () => {
    const failing = router({
      boom: publicProcedure.query(() => {
        throw new Error('invalid byte sequence for encoding "UTF8": 0x00 in relation "Secret"')
      }),
    })
    const logged: string[] = []
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
    const response = await handleTrpcRequest(new Request('http://accord.test/api/trpc/boom', { headers: { 'x-request-id': 'req-123' } }), failing)
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).toContain('req-123')
    expect(text).not.toMatch(/Secret|UTF8|stack/)
    // One JSON log line: the request id beside the error, its quotes escaped.
    expect(logged.join('\n')).toMatch(/req-123[\s\S]*relation \\"Secret\\"/)
  })

  it('every answer carries its request id', async () => {
    const r = await fetch(`${server.url}/healthz`)
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('a URL with malformed percent-encoding is the client’s error', () => {
  it('with any session cookie, a tRPC path that cannot be decoded is a 400, and the server keeps answering', async () => {
    // The MFA gate decoded the procedure names outside its try: an unhandled rejection, which stopped the process.
    for (const cookie of ['accord_session=anything', 'accord_session=']) {
      const r = await fetch(`${server.url}/api/trpc/%ZZ`, { headers: { cookie } })
      expect(r.status).toBe(400)
      expect(await r.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } })
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('pages and the API answer 400, not 500, signed in or not', async () => {
    const session = await signIn(server.url, 'alex@northwind.example')
    for (const path of ['/%ZZ', '/p/%ZZ/roadmap', '/org/%ZZ/members', '/p/%ED%A0%80/roadmap', '/api/trpc/sla.report%E0%A4%A']) {
      for (const headers of [{}, { cookie: session.cookie }] as Array<Record<string, string>>) {
        const r = await fetch(`${server.url}${path}`, { headers, redirect: 'manual' })
        expect({ path, status: r.status }).toEqual({ path, status: 400 })
      }
    }
  })
})

describe('D11: TRUST_PROXY is a hop count', () => {
  it('behind one proxy, the client is the right-most X-Forwarded-For address, whatever the client wrote to its left', async () => {
    process.env.TRUST_PROXY = '1'
    resetEnv()
    const proxied = await startTestServer()
    try {
      const response = await postLogin(
        proxied.url,
        { email: 'alex@northwind.example', password: DEMO_PASSWORD },
        { 'X-Forwarded-For': '203.0.113.7, 198.51.100.23', Origin: proxied.url },
      )
      expect(response.status).toBe(302)
      const sessions = await (await db()).session.findMany({ select: { ipAddress: true } })
      expect(sessions.map((s) => s.ipAddress)).toEqual(['198.51.100.23'])
    } finally {
      delete process.env.TRUST_PROXY
      resetEnv()
      await proxied.close()
    }
  })
})

describe('D13: only a well-formed bearer token skips the Origin check', () => {
  it('a signed-in form post with `Authorization: Bearer a b` and no Origin is refused', async () => {
    const session = await signIn(server.url, 'alex@northwind.example')
    const r = await fetch(`${server.url}/p/${SLUG}/roadmap`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: session.cookie, Authorization: 'Bearer a b' },
      body: 'intent=create&title=Forged&status=PROPOSED&targetQuarter=2027-Q1',
    })
    expect(r.status).toBe(403)
    expect(await (await db()).roadmapItem.count({ where: { title: 'Forged' } })).toBe(0)
  })

  /**
   * Sends `body` to an import route of a server of its own and stalls before the end: `meanwhile` then runs another
   * writer of the same rows, which must not wait on the upload (5 s), and the upload ends. The answer's status and text.
   */
  async function stalledUpload(route: string, body: string, meanwhile: () => Promise<unknown>): Promise<{ status: number; answer: string }> {
    const token = await tokenFor('alex@northwind.example')
    const big = await startTestServer()
    try {
      let answer = ''
      let status = 0
      await new Promise<void>((resolve, reject) => {
        const req = http.request(`${big.url}/api/partnerships/${SLUG}/${route}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' } }, (res) => {
          status = res.statusCode ?? 0
          res.setEncoding('utf8')
          res.on('data', (d: string) => (answer += d))
          res.on('end', () => resolve())
        })
        req.on('error', reject)
        req.write(body)
        setTimeout(async () => {
          try {
            const waited = await Promise.race([meanwhile().then(() => 'written'), new Promise((r) => setTimeout(() => r('blocked'), 5000))])
            expect(waited).toBe('written')
            req.end()
          } catch (error) {
            req.destroy()
            reject(error)
          }
        }, 1500)
      })
      return { status, answer }
    } finally {
      await big.close()
    }
  }

  it('a stalled CSV upload holds nothing locked: the push API writes the same partnership and months meanwhile, then the upload completes', async () => {
    const header = 'externalId,title,priority,status,queue,assignee,createdAt,firstResponseAt,resolvedAt,pauses,escalated,csat\n'
    // More than one chunk of rows (5,000): read while the client still sends, they would be written already.
    const rows = Array.from({ length: 6000 }, (_, i) => `S-${i},Stalled ${i},P3,Resolved,,,2026-07-01T09:00:00Z,2026-07-01T09:05:00Z,2026-07-01T10:00:00Z,,,`).join('\n')
    // Another writer of the same partnership's July P3 tickets.
    const { answer } = await stalledUpload('tickets-csv', header + rows + '\n', async () =>
      pushTickets(await unsafeOperatorScope(SLUG), { slug: SLUG, source: 'api', tickets: [{ externalId: 'S-push', priority: 'P3', createdAt: '2026-07-01T09:00:00Z', firstResponseAt: '2026-07-01T09:05:00Z', resolvedAt: '2026-07-01T10:00:00Z' }] }),
    )
    const last = JSON.parse(answer.trim().split('\n').at(-1) ?? '{}') as { summary?: { inserted: number } }
    expect(last.summary?.inserted).toBe(6000)
  })

  it('a stalled metrics CSV upload holds nothing locked: another import writes the same sample meanwhile, then the upload completes', async () => {
    // More than one batch of samples (1,000): read while the client still sends, they would be written (and
    // locked, all or nothing, in the import's one transaction) already.
    const rows = Array.from({ length: 2500 }, (_, i) => `stall_metric,${new Date(Date.UTC(2026, 6, 1) + i * 60_000).toISOString()},${i}`).join('\n')
    const { status, answer } = await stalledUpload('metrics-csv', 'metric,at,value\n' + rows + '\n', async () =>
      importMetricsCsv(await unsafeOperatorScope(SLUG), Readable.from(['metric,at,value\nstall_metric,2026-07-01T00:00:00.000Z,-1\n'])),
    )
    expect(status).toBe(200)
    const { summary } = JSON.parse(answer) as { summary: { rows: number; inserted: number; updated: number } }
    // The upload's first sample came after the other import's: its value (0) is the one kept.
    expect(summary).toMatchObject({ rows: 2500, inserted: 2499, updated: 1 })
  })
})
