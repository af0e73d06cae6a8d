import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { appRouter } from '../../server/trpc/router.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { signIn, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
const as: Record<string, { token: string }> = {}
const slug = 'northwind-contoso'

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  for (const email of ['alex@northwind.example', 'casey@contoso.example', 'chris@contoso.example', 'sam@northwind.example', 'tara@tailspin.example', 'ava@northwind.example']) {
    as[email.split('@')[0]] = { token: await tokenFor(email) }
  }
})

type Item = { id: string; version: number; status: string; title: string; category: string; mspApproval: unknown; clientApproval: unknown; approvalResetReason: string | null }
const data = <T>(r: { body: { result?: { data: unknown } } }) => r.body.result?.data as T

async function createItem(): Promise<Item> {
  return data<Item>(await trpc(server.url, as.alex, 'mutation', 'roadmap.create', { slug, title: 'SD-WAN', status: 'PROPOSED', oneTime: 65000, recurring: 3100, targetQuarter: '2027-Q1' }))
}

describe('roadmap approval', () => {
  it('needs both parties, and an edit to the budget afterwards resets it and says why', async () => {
    const item = await createItem()
    const afterMsp = data<Item>(await trpc(server.url, as.alex, 'mutation', 'roadmap.approve', { slug, id: item.id, baseVersion: item.version }))
    expect(afterMsp.status).toBe('PROPOSED')
    const both = data<Item>(await trpc(server.url, as.casey, 'mutation', 'roadmap.approve', { slug, id: item.id, baseVersion: afterMsp.version }))
    expect(both.status).toBe('APPROVED')
    expect(both.clientApproval).toMatchObject({ by: expect.stringContaining('Casey Morgan') })

    const edited = await trpc(server.url, as.chris, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: both.version, changes: { oneTime: 80000 } })
    const after = data<{ item: Item }>(edited).item
    expect(after).toMatchObject({ status: 'PROPOSED', mspApproval: null, clientApproval: null })
    expect(after.approvalResetReason).toMatch(/One-time cost 65,000 → 80,000 \(by Chris Patel/)
  })

  it('cannot be set by editing the status, nor given by a role without the right', async () => {
    const item = await createItem()
    const byEdit = await trpc(server.url, as.alex, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: item.version, changes: { status: 'APPROVED' } })
    expect(byEdit.body.error?.data).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: [{ field: 'status', message: expect.any(String) }] })
    const byEngineer = await trpc(server.url, as.sam, 'mutation', 'roadmap.approve', { slug, id: item.id, baseVersion: item.version })
    expect(byEngineer.body.error?.data.code).toBe('FORBIDDEN')
  })
})

describe('co-editing', () => {
  it('merges edits of different fields, refuses the same field with 409 naming who changed it, and writes nothing then', async () => {
    const item = await createItem()
    const alexSave = await trpc(server.url, as.alex, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: 1, changes: { title: 'SD-WAN for all plants' } })
    expect(data<{ item: Item }>(alexSave).item.version).toBe(2)

    const caseyOther = await trpc(server.url, as.casey, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: 1, changes: { category: 'Network' } })
    expect(data<{ item: Item; merged: boolean }>(caseyOther)).toMatchObject({ merged: true, item: { version: 3, title: 'SD-WAN for all plants', category: 'Network' } })

    const before = await (await db()).fieldChange.count()
    const caseySame = await trpc(server.url, as.casey, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: 1, changes: { title: 'SD-WAN pilot' } })
    expect(caseySame.status).toBe(409)
    const details = (caseySame.body.error?.data as unknown as { details: Record<string, any> }).details
    expect(details.currentVersion).toBe(3)
    expect(details.current.title).toBe('SD-WAN for all plants')
    expect(details.conflicts).toEqual([{ field: 'title', label: 'Title', yours: 'SD-WAN pilot', theirs: 'SD-WAN for all plants', by: expect.stringContaining('Alex Rivera'), at: expect.any(String) }])
    expect(await (await db()).fieldChange.count()).toBe(before)

    // Saving again on top of the current version is an ordinary update.
    const retry = await trpc(server.url, as.casey, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: 3, changes: { title: 'SD-WAN pilot' } })
    expect(data<{ item: Item }>(retry).item).toMatchObject({ version: 4, title: 'SD-WAN pilot' })
  })

  it('keeps field history and soft-deletes restorably', async () => {
    const item = await createItem()
    const deleted = data<Item & { deletedAt: string }>(await trpc(server.url, as.alex, 'mutation', 'roadmap.delete', { slug, id: item.id, baseVersion: 1 }))
    expect(deleted.deletedAt).not.toBeNull()
    expect(data<Item[]>(await trpc(server.url, as.casey, 'query', 'roadmap.list', { slug })).map((i) => i.id)).not.toContain(item.id)
    const restored = data<Item & { deletedAt: string | null }>(await trpc(server.url, as.casey, 'mutation', 'roadmap.restore', { slug, id: item.id, baseVersion: deleted.version }))
    expect(restored.deletedAt).toBeNull()
    const history = data<Array<{ version: number; field: string; by: string }>>(await trpc(server.url, as.casey, 'query', 'roadmap.history', { slug, id: item.id }))
    expect(history.filter((h) => h.field === 'deletedAt').map((h) => h.version)).toEqual([3, 2])
  })

  it('takes 100 concurrent updates from both parties: each applied or refused with 409, history equal to what was applied', async () => {
    const item = await createItem()
    const fields = ['title', 'description', 'businessOutcome', 'category'] as const
    const results = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const who = i % 2 ? as.casey : as.alex
        const current = data<Item>(await trpc(server.url, who, 'query', 'roadmap.get', { slug, id: item.id }))
        const field = fields[i % fields.length]
        const r = await trpc(server.url, who, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: current.version, changes: { [field]: `${field} ${i}` } })
        return { i, field, status: r.status, version: r.status === 200 ? data<{ item: Item }>(r).item.version : null }
      }),
    )
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true)
    const applied = results.filter((r) => r.status === 200).sort((a, b) => a.version! - b.version!)
    expect(applied.length).toBeGreaterThan(0)
    // Versions 2…n+1, one per applied update, none lost or doubled.
    expect(applied.map((r) => r.version)).toEqual(applied.map((_, k) => k + 2))
    const history = await (await db()).fieldChange.findMany({ where: { entityId: item.id, version: { gt: 1 } }, orderBy: { version: 'asc' } })
    expect(history.map((h) => [h.version, h.field, h.after])).toEqual(applied.map((r) => [r.version, r.field, `${r.field} ${r.i}`]))
    // The final state is the applied sequence replayed.
    const final = await (await db()).roadmapItem.findUniqueOrThrow({ where: { id: item.id } })
    for (const field of fields) {
      const last = applied.filter((r) => r.field === field).pop()
      if (last) expect(final[field]).toBe(`${field} ${last.i}`)
    }
    expect(final.version).toBe(applied.length + 1)
  })
})

describe('the board loader', () => {
  const boardData = (cookie: string, encoding?: string) =>
    fetch(`${server.url}/p/${slug}/roadmap?_data=${encodeURIComponent('routes/p.$slug.roadmap._index')}`, {
      headers: { Cookie: cookie, ...(encoding ? { 'Accept-Encoding': encoding } : {}) },
    })

  it('serves one serialised copy, gzip-compressed for a browser, and a write shows at once', async () => {
    const { cookie } = await signIn(server.url, 'casey@contoso.example')
    const plain = await boardData(cookie, 'identity')
    expect(plain.headers.get('content-encoding')).toBeNull()
    const before = (await plain.json()) as { items: Array<{ title: string }> }
    const zipped = await boardData(cookie, 'gzip, deflate, br')
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    expect(zipped.headers.get('vary')).toContain('Accept-Encoding')
    expect(await zipped.json()).toEqual(before)

    await createItem()
    const after = (await (await boardData(cookie, 'gzip')).json()) as { items: Array<{ title: string }> }
    expect(after.items.length).toBe(before.items.length + 1)
    expect(after.items.map((i) => i.title)).toContain('SD-WAN')
  })

  it('checks access on every request, though the copy is shared', async () => {
    const { cookie } = await signIn(server.url, 'casey@contoso.example')
    expect((await boardData(cookie, 'gzip')).status).toBe(200)
    const tara = await signIn(server.url, 'tara@tailspin.example')
    const refused = await boardData(tara.cookie, 'gzip')
    expect(refused.status).toBe(404)
    expect(await refused.text()).not.toContain('roadmap')
  })
})

describe('responsibilities and CSI', () => {
  it('insists that exactly one party is accountable, naming the fields', async () => {
    const r = await trpc(server.url, as.alex, 'mutation', 'responsibility.create', { slug, category: 'Ops', name: 'X', classification: 'SHARED', mspRaci: 'RA', clientRaci: 'A' })
    expect(r.body.error?.data.fieldErrors.map((f: { field: string }) => f.field)).toEqual(['mspRaci', 'clientRaci'])
  })

  it('applies the starter template once, and shows a client its matrix across both MSPs', async () => {
    expect(data<{ added: number }>(await trpc(server.url, as.alex, 'mutation', 'responsibility.applyTemplate', { slug })).added).toBeGreaterThanOrEqual(25)
    expect(data<{ added: number }>(await trpc(server.url, as.alex, 'mutation', 'responsibility.applyTemplate', { slug })).added).toBe(0)
    await trpc(server.url, as.tara, 'mutation', 'responsibility.create', { slug: 'tailspin-contoso', category: 'Security', name: 'SOC', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I' })
    const casey = data<Array<{ mspName: string }>>(await trpc(server.url, as.casey, 'query', 'responsibility.matrix', { slug }))
    expect(new Set(casey.map((r) => r.mspName))).toEqual(new Set(['Northwind Managed Services', 'Tailspin Security']))
    const alex = data<Array<{ mspName: string }>>(await trpc(server.url, as.alex, 'query', 'responsibility.matrix', { slug }))
    expect(new Set(alex.map((r) => r.mspName))).toEqual(new Set(['Northwind Managed Services']))
  })

  it('follows a CSI entry’s KPI from live metrics and checks the stage against the partnership’s model', async () => {
    const now = new Date()
    await trpc(server.url, as.alex, 'mutation', 'metrics.record', { slug, samples: [{ metric: 'patch_compliance', at: now.toISOString(), value: 95 }] })
    const entry = data<{ kpiCurrent: number; progress: number; stage: string }>(
      await trpc(server.url, as.chris, 'mutation', 'csi.create', { slug, opportunity: 'Patch to 98%', size: 'SMALL', kpiMetric: 'patch_compliance', kpiBaseline: 92, kpiTarget: 98 }),
    )
    expect(entry).toMatchObject({ kpiCurrent: 95, progress: 0.5, stage: 'PLAN' })
    const bad = await trpc(server.url, as.chris, 'mutation', 'csi.create', { slug, opportunity: 'x', size: 'SMALL', stage: 'TAKE_ACTION' })
    expect(bad.body.error?.data.fieldErrors[0].field).toBe('stage')
  })
})

describe('random invalid input', () => {
  it('gets a 4xx (never a 500) from every procedure, and a refused call writes nothing', async () => {
    const paths = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def.procedures)
    const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def.procedures
    const footprint = async () => {
      const prisma = await db()
      return Promise.all([prisma.auditEvent.count(), prisma.fieldChange.count(), prisma.ticket.count(), prisma.invitation.count(), prisma.apiToken.count()])
    }
    const junk = fc.oneof(
      fc.anything(),
      fc.record({ slug: fc.constant(slug), id: fc.oneof(fc.uuid(), fc.string()), baseVersion: fc.oneof(fc.integer(), fc.string()), changes: fc.anything() }, { requiredKeys: ['slug'] }),
      fc.record({ slug: fc.constant(slug), tickets: fc.array(fc.anything(), { maxLength: 3 }), policy: fc.anything(), samples: fc.anything() }, { requiredKeys: ['slug'] }),
      fc.record({ org: fc.constant('northwind'), email: fc.string(), role: fc.string(), userId: fc.string() }, { requiredKeys: ['org'] }),
    )
    for (const path of paths) {
      const kind = procedures[path]._def.type === 'query' ? 'query' : 'mutation'
      await fc.assert(
        fc.asyncProperty(junk, async (input) => {
          const before = await footprint()
          const r = await trpc(server.url, as.ava, kind, path, input)
          if (r.status >= 500) throw new Error(`${path} answered ${r.status} to ${JSON.stringify(input)}: ${JSON.stringify(r.body)}`)
          if (r.status >= 400) expect(await footprint(), `${path} wrote after refusing ${JSON.stringify(input)}`).toEqual(before)
        }),
        { numRuns: 6 },
      )
    }
  }, 240_000)
})
