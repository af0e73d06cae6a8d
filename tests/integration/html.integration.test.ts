import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { signIn, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(() => seedDemo())

it('serves pages full of multi-byte text without a NUL byte, every title intact', async () => {
  // React 18.3's streaming renderer pads a chunk with zero bytes when a multi-byte character does not fit at its
  // end: with this many two- and three-byte characters, dozens of chunk ends fall inside one.
  const token = { token: await tokenFor('alex@northwind.example') }
  const titles = Array.from({ length: 60 }, (_, i) => `Łódź № ${i} · Müller Präzisionsteile — “Größe” ${'ñ'.repeat(1 + (i % 7))}`)
  for (const title of titles) {
    const r = await trpc(server.url, token, 'mutation', 'roadmap.create', { slug: 'northwind-contoso', title, status: 'PROPOSED', targetQuarter: '2027-Q1' })
    expect(r.status).toBe(200)
  }
  const { cookie } = await signIn(server.url, 'alex@northwind.example')
  const response = await fetch(`${server.url}/p/northwind-contoso/roadmap`, { headers: { Cookie: cookie, Accept: 'text/html' } })
  expect(response.status).toBe(200)
  const bytes = Buffer.from(await response.arrayBuffer())
  expect(bytes.length).toBeGreaterThan(20_000)
  expect(bytes.indexOf(0)).toBe(-1)
  const html = bytes.toString('utf8')
  expect(html).not.toContain('\uFFFD')
  for (const title of titles) expect(html).toContain(title.replace(/&/g, '&amp;'))
})
