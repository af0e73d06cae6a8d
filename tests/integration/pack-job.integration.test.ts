// The portal's pack generation as a background job, over HTTP: `pack.generate` queues it and answers at once, the
// job runner (drained here, as the server's runner would) draws and freezes the version with its progress on the
// job row, `pack.job` and the packs page follow it to the version or to the reason it failed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { drainJobs, registerJobHandler } from '../../server/jobs/jobs.server.ts'
import { sha256Hex } from '../../server/pack/generate-pack.server.ts'
import { PACK_JOB, registerPackJobs, runPackJob } from '../../server/pack/pack-job.server.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TrpcResult, page, signIn, trpc } from '../helpers/http.ts'
import { seedPackData } from '../helpers/pack-data.ts'
import { pdfPages } from '../helpers/pdf-text.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
const quiet = { warn: () => {} }
const slug = 'northwind-contoso'
const as: Record<string, { token: string }> = {}

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  registerPackJobs()
  await seedDemo()
  for (const email of ['alex@northwind.example', 'casey@contoso.example', 'tara@tailspin.example']) as[email.split('@')[0]] = { token: await tokenFor(email) }
})

const withPackData = async (target = slug) => {
  const p = await (await db()).partnership.findUniqueOrThrow({ where: { slug: target } })
  await seedPackData(p.id, { perDay: 2 })
  return p
}

type Job = { id: string; quarter: string; asOf: string; status: string; progress: { stage: string; done: number; total: number } | null; error: string | null; version: { version: number; sha256: string; generatedBy: string } | null }
function ok<T>(result: TrpcResult): T {
  if (result.status !== 200) throw new Error(`expected 200, got ${result.status}: ${JSON.stringify(result.body.error)}`)
  return result.body.result!.data as T
}
const generate = (who: string, input: Record<string, unknown>) => trpc(server.url, as[who], 'mutation', 'pack.generate', { slug, ...input })
const jobStatus = (who: string, id: string, target = slug) => trpc(server.url, as[who], 'query', 'pack.job', { slug: target, id })

describe('pack.generate as a job', () => {
  it('queues the generation and answers at once; the runner freezes the version, its progress recorded in order', async () => {
    await withPackData()
    const started = ok<{ job: Job; alreadyQueued: boolean }>(await generate('alex', { quarter: '2026-Q3', asOf: '2026-10-05T12:00:00+02:00' }))
    expect(started).toMatchObject({ alreadyQueued: false, job: { quarter: '2026-Q3', asOf: '2026-10-05T10:00:00.000Z', status: 'queued', progress: null, version: null } })
    expect(await (await db()).packVersion.count()).toBe(0)
    expect(ok<Job>(await jobStatus('alex', started.job.id)).status).toBe('queued')

    // The real handler, with every progress write it makes recorded on the way to the row.
    const written: string[] = []
    registerJobHandler(PACK_JOB, (job, ctx) =>
      runPackJob(job, {
        ...ctx,
        progress: (value) => {
          written.push(`${value.stage} ${value.done}/${value.total}`)
          return ctx.progress(value)
        },
      }),
    )
    expect(await drainJobs({ log: quiet })).toBe(1)
    expect(written[0]).toBe('gather 0/8')
    expect(written.at(-1)).toBe('store 1/1')
    const order = written.map((w) => ['gather', 'render', 'store'].indexOf(w.split(' ')[0]))
    expect(order).toEqual([...order].sort((a, b) => a - b))

    const done = ok<Job>(await jobStatus('alex', started.job.id))
    expect(done).toMatchObject({ status: 'succeeded', error: null, progress: { stage: 'store', done: 1, total: 1 }, version: { version: 1, generatedBy: 'Alex Rivera <alex@northwind.example>' } })
    const row = await (await db()).job.findUniqueOrThrow({ where: { id: started.job.id } })
    expect(row.heartbeatAt!.getTime()).toBeGreaterThanOrEqual(row.startedAt!.getTime())
    const [listed] = ok<Array<{ version: number; sha256: string; asOf: string }>>(await trpc(server.url, as.alex, 'query', 'pack.list', { slug }))
    expect(listed).toMatchObject({ version: 1, sha256: done.version!.sha256, asOf: '2026-10-05T10:00:00.000Z' })

    // Both parties read the job and the PDF, byte for byte as frozen; the client may not generate.
    expect(ok<Job>(await jobStatus('casey', started.job.id)).version?.sha256).toBe(done.version!.sha256)
    const pdf = await page(server.url, await signIn(server.url, 'casey@contoso.example'), `/p/${slug}/packs/2026-Q3/v1.pdf`)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await pdf.arrayBuffer())
    expect(sha256Hex(bytes)).toBe(done.version!.sha256)
    expect((await pdfPages(bytes))[0]).toContain('Contoso Manufacturing')
    const present = await page(server.url, await signIn(server.url, 'casey@contoso.example'), `/p/${slug}/packs/present/2026-Q3`)
    expect((await present.text()).replaceAll('<!-- -->', '')).toContain('QBR 2026-Q3 v1')
    expect(ok(await trpc(server.url, as.casey, 'mutation', 'pack.verify', { slug, sha256: done.version!.sha256 }))).toMatchObject({ match: { version: 1 } })
    const refused = await generate('casey', { quarter: '2026-Q3' })
    expect(refused.body.error?.data.code).toBe('FORBIDDEN')
    const alex = await signIn(server.url, 'alex@northwind.example')
    expect((await page(server.url, alex, `/p/${slug}/packs/2026-Q3/v9.pdf`)).status).toBe(404)
    expect((await page(server.url, alex, `/p/${slug}/packs/2026-Q3/nine.pdf`)).status).toBe(404)
  })

  it('runs one generation per partnership and quarter at a time', async () => {
    await withPackData()
    const first = ok<{ job: Job; alreadyQueued: boolean }>(await generate('alex', { quarter: '2026-Q3', asOf: '2026-10-05T12:00:00Z' }))
    const again = ok<{ job: Job; alreadyQueued: boolean }>(await generate('alex', { quarter: '2026-Q3', asOf: '2026-10-06T12:00:00Z' }))
    expect(again).toMatchObject({ alreadyQueued: true, job: { id: first.job.id, asOf: '2026-10-05T12:00:00.000Z' } })
    const otherQuarter = ok<{ job: Job; alreadyQueued: boolean }>(await generate('alex', { quarter: '2026-Q2', asOf: '2026-10-05T12:00:00Z' }))
    expect(otherQuarter.alreadyQueued).toBe(false)
    expect(await drainJobs({ log: quiet })).toBe(2)
    // Once it has ended, the next one is a new job and a new version.
    const later = ok<{ job: Job; alreadyQueued: boolean }>(await generate('alex', { quarter: '2026-Q3', asOf: '2026-10-06T12:00:00Z' }))
    expect(later.alreadyQueued).toBe(false)
    await drainJobs({ log: quiet })
    expect(ok<Job>(await jobStatus('alex', later.job.id)).version?.version).toBe(2)
    expect(await (await db()).packVersion.count({ where: { quarter: '2026-Q3' } })).toBe(2)
  })

  it('draws a pack for a partnership with no SLA policy yet, which says so', async () => {
    const { job } = ok<{ job: Job }>(await generate('alex', { quarter: '2026-Q3' }))
    await drainJobs({ log: quiet })
    const done = ok<Job>(await jobStatus('alex', job.id))
    expect(done).toMatchObject({ status: 'succeeded', error: null, version: { version: 1 } })
    const pdf = await (await db()).packVersion.findFirstOrThrow({ where: { quarter: '2026-Q3' }, select: { pdf: true } })
    expect((await pdfPages(pdf.pdf)).join('\n')).toContain('No SLA policy is set for this partnership')
  })

  it('decides access again when the job runs: a requester who lost the permission meanwhile gets no pack', async () => {
    await withPackData()
    const { job } = ok<{ job: Job }>(await generate('alex', { quarter: '2026-Q3' }))
    const prisma = await db()
    const alex = await prisma.user.findUniqueOrThrow({ where: { email: 'alex@northwind.example' } })
    const ava = { token: await tokenFor('ava@northwind.example') }
    ok(await trpc(server.url, ava, 'mutation', 'org.updateMemberRole', { org: 'northwind', userId: alex.id, role: 'MSP_ENGINEER' }))
    await drainJobs({ log: quiet })
    expect(await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'failed', error: 'Alex Rivera may no longer generate packs in this partnership' })
    expect(await prisma.packVersion.count()).toBe(0)
  })

  it('answers bad input with 400 naming the field, and queues nothing', async () => {
    const badQuarter = await generate('alex', { quarter: '2026-Q7' })
    expect(badQuarter.status).toBe(400)
    expect(badQuarter.body.error?.data.fieldErrors.map((f) => f.field)).toEqual(['quarter'])
    const badAsOf = await generate('alex', { quarter: '2026-Q3', asOf: 'yesterday' })
    expect(badAsOf.status).toBe(400)
    expect(badAsOf.body.error?.data.fieldErrors.map((f) => f.field)).toEqual(['asOf'])
    const badId = await jobStatus('alex', 'not-a-job')
    expect(badId.status).toBe(400)
    expect(badId.body.error?.data.fieldErrors.map((f) => f.field)).toEqual(['id'])
    expect(await (await db()).job.count()).toBe(0)
  })

  it('finds a job only in its own partnership, and only a pack generation', async () => {
    await withPackData()
    const { job } = ok<{ job: Job }>(await generate('alex', { quarter: '2026-Q3' }))
    // Casey is a party to both of Contoso's partnerships: the job is not found under the other one's slug.
    const elsewhere = await jobStatus('casey', job.id, 'tailspin-contoso')
    expect(elsewhere.body.error?.data.code).toBe('NOT_FOUND')
    expect(JSON.stringify(elsewhere.body)).not.toContain('2026-Q3')
    expect((await jobStatus('tara', job.id, 'tailspin-contoso')).body.error?.data.code).toBe('NOT_FOUND')
    expect((await jobStatus('tara', job.id)).body.error?.data.code).toBe('NOT_FOUND')
    const p = await (await db()).partnership.findUniqueOrThrow({ where: { slug } })
    const sync = await (await db()).job.create({ data: { kind: 'psa.sync', partnershipId: p.id, payload: {} } })
    expect((await jobStatus('alex', sync.id)).body.error?.data.code).toBe('NOT_FOUND')
  })
})

describe('the packs page', () => {
  const post = (cookie: string, fields: Record<string, string>) =>
    fetch(`${server.url}/p/${slug}/packs`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) })

  it('queues the generation, follows it in its URL, and lists the version when it is done', async () => {
    await withPackData()
    const session = await signIn(server.url, 'alex@northwind.example')
    const queued = await post(session.cookie, { intent: 'generate', quarter: '2026-Q3', asOf: '2026-10-05T12:00:00.000Z' })
    expect(queued.status).toBe(302)
    const location = queued.headers.get('location')!
    expect(location).toMatch(new RegExp(`^/p/${slug}/packs\\?job=[0-9a-f-]{36}$`))
    const before = (await (await page(server.url, session, location)).text()).replaceAll('<!-- -->', '')
    expect(before).toContain('Queued')
    expect(before).toContain('aria-label="Pack generation progress"')
    expect(before).toContain('No pack has been generated yet.')

    await drainJobs({ log: quiet })
    const after = (await (await page(server.url, session, location)).text()).replaceAll('<!-- -->', '')
    expect(after).toContain('Version 1 of 2026-Q3 is ready')
    expect(after).toContain(`href="/p/${slug}/packs/2026-Q3/v1.pdf"`)
    expect(after).not.toContain('No pack has been generated yet.')
  })

  it('shows the field of bad input next to it, and a job of another partnership is not found', async () => {
    const session = await signIn(server.url, 'alex@northwind.example')
    const bad = await post(session.cookie, { intent: 'generate', quarter: '2026-Q9', asOf: '' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/id="pack-quarter-error"[^>]*>Use a quarter like 2026-Q3/)
    expect(await (await db()).job.count()).toBe(0)

    await withPackData('northwind-fabrikam')
    const fabrikam = ok<{ job: Job }>(await trpc(server.url, as.alex, 'mutation', 'pack.generate', { slug: 'northwind-fabrikam', quarter: '2026-Q3' }))
    expect((await page(server.url, session, `/p/${slug}/packs?job=${fabrikam.job.id}`)).status).toBe(404)
  })
})
