import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { sha256Hex } from '../../server/pack/generate-pack.server.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { page, signIn, trpc } from '../helpers/http.ts'
import { seedPackData } from '../helpers/pack-data.ts'
import { pdfPages } from '../helpers/pdf-text.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  const p = await (await db()).partnership.findUniqueOrThrow({ where: { slug: 'northwind-contoso' } })
  await seedPackData(p.id, { perDay: 2 })
})

const slug = 'northwind-contoso'
const generate = (token: string | null, body: unknown, target = slug) =>
  fetch(`${server.url}/api/partnerships/${target}/packs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : { Origin: server.url }) },
    body: JSON.stringify(body),
  })

describe('pack generation over HTTP', () => {
  it('streams progress, freezes a version, and serves its PDF byte for byte', async () => {
    const alex = await tokenFor('alex@northwind.example')
    const response = await generate(alex, { quarter: '2026-Q3', asOf: '2026-10-05T12:00:00Z' })
    expect(response.status).toBe(200)
    const lines = (await response.text()).trim().split('\n').map((l) => JSON.parse(l))
    expect(lines[0]).toEqual({ progress: { stage: 'gather', done: 0, total: 9 } })
    expect(lines.filter((l) => l.progress?.stage === 'render').length).toBe(11)
    const { version } = lines.at(-1)
    expect(version).toMatchObject({ quarter: '2026-Q3', version: 1, generatedBy: 'Alex Rivera <alex@northwind.example>' })

    // The client's executive reads and verifies it (pack.read), but may not generate (pack.generate).
    const casey = await signIn(server.url, 'casey@contoso.example')
    const pdf = await page(server.url, casey, `/p/${slug}/packs/2026-Q3/v1.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await pdf.arrayBuffer())
    expect(sha256Hex(bytes)).toBe(version.sha256)
    expect((await pdfPages(bytes))[0]).toContain('Contoso')
    const list = await page(server.url, casey, `/p/${slug}/packs`)
    expect(await list.text()).toContain(version.sha256.slice(0, 16))
    const present = await page(server.url, casey, `/p/${slug}/packs/present/2026-Q3`)
    expect(present.status).toBe(200)
    expect((await present.text()).replaceAll('<!-- -->', '')).toContain('QBR 2026-Q3 v1')
    const caseyToken = await tokenFor('casey@contoso.example')
    expect((await trpc(server.url, { token: caseyToken }, 'mutation', 'pack.verify', { slug, sha256: version.sha256 })).body.result?.data).toMatchObject({ match: { version: 1 } })
    expect((await generate(caseyToken, { quarter: '2026-Q3' })).status).toBe(403)
  })

  it('answers 401 without credentials, 404 to a non-party, 400 naming the field, and 404 for an unknown version', async () => {
    expect((await generate(null, { quarter: '2026-Q3' })).status).toBe(401)
    const tara = await tokenFor('tara@tailspin.example')
    const refused = await generate(tara, { quarter: '2026-Q3' })
    expect(refused.status).toBe(404)
    expect(await refused.text()).not.toMatch(/northwind|contoso/i)
    const alex = await tokenFor('alex@northwind.example')
    const bad = (await (await generate(alex, { quarter: '2026-Q7' })).text()).trim().split('\n').map((l) => JSON.parse(l))
    expect(bad.at(-1).error).toMatchObject({ status: 400, fieldErrors: [{ field: 'quarter', message: expect.any(String) }] })
    expect(await (await db()).packVersion.count()).toBe(0)
    const session = await signIn(server.url, 'alex@northwind.example')
    expect((await page(server.url, session, `/p/${slug}/packs/2026-Q3/v9.pdf`)).status).toBe(404)
    expect((await page(server.url, session, `/p/${slug}/packs/2026-Q3/nine.pdf`)).status).toBe(404)
  })
})
