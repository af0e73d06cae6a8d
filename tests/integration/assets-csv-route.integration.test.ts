// The asset CSV upload over HTTP: the MSP imports (idempotently); the client, another tenant and an anonymous caller
// are refused, and nothing is written.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
const slug = 'northwind-contoso'
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
})

describe('asset CSV upload', () => {
  const csv = ['externalId,name,type,warrantyEnd,replacementCost,currency', 'A-1,LT-1,Laptop,2027-03-31,1200,USD', 'A-2,LT-2,Laptop,31/03/2027,1200,USD'].join('\n')
  const post = (auth: Record<string, string>) => fetch(`${server.url}/api/partnerships/${slug}/assets-csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv', ...auth }, body: csv })

  it('imports for the MSP, naming the bad row; the same file again changes nothing', async () => {
    const token = await tokenFor('sam@northwind.example')
    const first = await post({ Authorization: `Bearer ${token}` })
    expect(first.status).toBe(200)
    expect(((await first.json()) as { summary: unknown }).summary).toMatchObject({ inserted: 1, rejected: 1, errors: [{ line: 3, field: 'warrantyEnd', message: 'Use a date like 2027-03-31' }] })
    expect(((await (await post({ Authorization: `Bearer ${token}` })).json()) as { summary: unknown }).summary).toMatchObject({ inserted: 0, unchanged: 1 })
  })

  it('refuses the client (403), another tenant (404) and an anonymous caller (401), writing nothing', async () => {
    expect((await post({ Authorization: `Bearer ${await tokenFor('casey@contoso.example')}` })).status).toBe(403)
    expect((await post({ Authorization: `Bearer ${await tokenFor('tara@tailspin.example')}` })).status).toBe(404)
    expect((await post({ Origin: server.url })).status).toBe(401)
    expect(await (await db()).asset.count()).toBe(0)
  })
})
