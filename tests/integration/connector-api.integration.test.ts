// The `connector` API over HTTP and the job runner behind "Sync now": validation by field, credentials never
// answered, the PSA mocked with msw at the network edge, jobs claimed with FOR UPDATE SKIP LOCKED.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { enqueueDueSyncs, registerSyncJobs, setSyncJobConnectorOptions } from '../../server/connectors/sync-jobs.server.ts'
import { db } from '../../server/db/client.server.ts'
import { claimJob, drainJobs, enqueueJob, registerJobHandler, runClaimedJob } from '../../server/jobs/jobs.server.ts'
import { TEST_PASSWORD, createPartnershipGraph, tokenFor } from '../helpers/factories.ts'
import { page, signIn, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'
import { CW_CREDENTIALS, CW_SITE, createMocks, cwTicket, mockServer } from '../mocks/index.ts'

let mocks = createMocks()
const { server: msw } = mockServer(mocks)
let app: TestServer
const quiet = { warn: () => {} }

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: (request, print) => (new URL(request.url).hostname === '127.0.0.1' ? undefined : print.error()) })
  app = await startTestServer()
  registerSyncJobs()
  setSyncJobConnectorOptions({ http: { minDelayMs: 1, maxDelayMs: 5, timeoutMs: 300 } })
})
afterAll(async () => {
  msw.close()
  await app.close()
})
beforeEach(() => {
  mocks = createMocks({ connectwise: Array.from({ length: 40 }, (_, i) => cwTicket(i)) })
  msw.resetHandlers(...mocks.handlers)
})

async function admin() {
  const graph = await createPartnershipGraph({ mspRole: 'MSP_ADMIN' })
  return { ...graph, auth: { token: await tokenFor(graph.mspUser.email) } }
}

const connection = (slug: string) => ({ slug, kind: 'connectwise', baseUrl: CW_SITE, credentials: CW_CREDENTIALS, companies: ['250'], priorityMap: { 'Priority 4 - Schedule Maintenance': 'P3' } })

describe('connector API', () => {
  it('saves a connection, never answers its credentials, tests it, syncs it as a job and lists the run', async () => {
    const { partnership, auth } = await admin()
    const saved = await trpc(app.url, auth, 'mutation', 'connector.save', connection(partnership.slug))
    expect(saved.status).toBe(200)
    const status = await trpc(app.url, auth, 'query', 'connector.status', { slug: partnership.slug })
    expect(status.body.result?.data).toMatchObject({ connection: { kind: 'connectwise', credentialHint: 'company northwind, public key …Y123', companies: ['250'], priorityMap: { 'priority 4 - schedule maintenance': 'P3' } }, latestRun: null })
    for (const body of [saved.body, status.body]) {
      expect(JSON.stringify(body)).not.toContain(CW_CREDENTIALS.privateKey)
      expect(JSON.stringify(body)).not.toContain(CW_CREDENTIALS.clientId)
    }

    const tested = await trpc(app.url, auth, 'mutation', 'connector.test', { slug: partnership.slug })
    expect(tested.body.result?.data).toEqual({ ok: true, code: null, message: 'Connected to ConnectWise (v2025.1.12345) as company northwind' })

    const started = await trpc(app.url, auth, 'mutation', 'connector.startSync', { slug: partnership.slug })
    expect(started.body.result?.data).toMatchObject({ alreadyQueued: false, run: { status: 'queued', trigger: 'manual' } })
    const again = await trpc(app.url, auth, 'mutation', 'connector.startSync', { slug: partnership.slug })
    expect(again.body.result?.data).toMatchObject({ alreadyQueued: true })

    expect(await drainJobs({ log: quiet })).toBe(1)
    const runs = await trpc(app.url, auth, 'query', 'connector.runs', { slug: partnership.slug })
    const [run] = (runs.body.result?.data as { runs: Array<Record<string, unknown>> }).runs
    expect(run).toMatchObject({ status: 'succeeded', fetched: 40, inserted: 40, progress: 1, etaSeconds: null, total: 40 })
    const job = await (await db()).job.findFirstOrThrow({ where: { partnershipId: partnership.id } })
    expect(job).toMatchObject({ status: 'succeeded', progress: { pages: 1, fetched: 40, inserted: 40 } })
  })

  it('names the bad field and writes nothing', async () => {
    const { partnership, auth } = await admin()
    const bad = await trpc(app.url, auth, 'mutation', 'connector.save', { ...connection(partnership.slug), credentials: { ...CW_CREDENTIALS, privateKey: '' }, baseUrl: 'ftp://x', syncEveryMinutes: 1 })
    expect(bad.status).toBe(400)
    expect(bad.body.error?.data.fieldErrors.map((f) => f.field).sort()).toEqual(['baseUrl', 'credentials.privateKey', 'syncEveryMinutes'])
    const missing = await trpc(app.url, auth, 'mutation', 'connector.save', { ...connection(partnership.slug), credentials: undefined })
    expect(missing.status).toBe(400)
    expect(missing.body.error?.data.fieldErrors.map((f) => f.field)).toEqual(['credentials.companyId', 'credentials.publicKey', 'credentials.privateKey', 'credentials.clientId'])
    expect(await (await db()).psaConnection.count()).toBe(0)
  })

  it('keeps the stored credentials on an update without them, and reports refused ones as a test result', async () => {
    const { partnership, auth } = await admin()
    await trpc(app.url, auth, 'mutation', 'connector.save', { ...connection(partnership.slug), credentials: { ...CW_CREDENTIALS, publicKey: 'stale' } })
    const refused = await trpc(app.url, auth, 'mutation', 'connector.test', { slug: partnership.slug })
    expect(refused.body.result?.data).toMatchObject({ ok: false, code: 'AUTH' })
    await trpc(app.url, auth, 'mutation', 'connector.save', connection(partnership.slug))
    const updated = await trpc(app.url, auth, 'mutation', 'connector.save', { ...connection(partnership.slug), credentials: undefined, syncEveryMinutes: 30 })
    expect(updated.status).toBe(200)
    expect((await trpc(app.url, auth, 'mutation', 'connector.test', { slug: partnership.slug })).body.result?.data).toMatchObject({ ok: true })
  })
})

describe('job runner', () => {
  it('never hands one job to two workers, and claims a job whose worker stopped heart-beating', async () => {
    registerJobHandler('test.noop', async () => ({ done: true }))
    await enqueueJob('test.noop', { n: 1 })
    await enqueueJob('test.noop', { n: 2 })
    const [a, b, c] = await Promise.all([claimJob('w1', ['test.noop']), claimJob('w2', ['test.noop']), claimJob('w3', ['test.noop'])])
    const claimed = [a, b, c].filter(Boolean)
    expect(claimed).toHaveLength(2)
    expect(new Set(claimed.map((j) => j!.id)).size).toBe(2)
    await (await db()).job.update({ where: { id: a?.id ?? b!.id }, data: { heartbeatAt: new Date(Date.now() - 10 * 60_000) } })
    const reclaimed = await claimJob('w4', ['test.noop'])
    expect(reclaimed).toMatchObject({ id: a?.id ?? b!.id, lockedBy: 'w4', attempts: 2 })
  })

  it('queues a failed job again while attempts remain, then marks it failed with the error', async () => {
    registerJobHandler('test.fail', async () => {
      throw new Error('boom')
    })
    const { job } = await enqueueJob('test.fail', {}, { maxAttempts: 2 })
    const first = await runClaimedJob((await claimJob('w', ['test.fail']))!, { log: quiet })
    expect(first).toMatchObject({ status: 'queued', error: 'boom' })
    await (await db()).job.update({ where: { id: job.id }, data: { runAt: new Date(Date.now() - 1000) } })
    const second = await runClaimedJob((await claimJob('w', ['test.fail']))!, { log: quiet })
    expect(second).toMatchObject({ status: 'failed', error: 'boom', attempts: 2 })
  })

  it('the schedule queues one sync per due connection, and none while one is pending or recent', async () => {
    const { partnership, auth } = await admin()
    await trpc(app.url, auth, 'mutation', 'connector.save', connection(partnership.slug))
    expect(await enqueueDueSyncs()).toBe(1)
    expect(await enqueueDueSyncs()).toBe(0)
    await drainJobs({ log: quiet })
    expect(await enqueueDueSyncs()).toBe(0)
    expect(await enqueueDueSyncs(new Date(Date.now() + 61 * 60_000))).toBe(1)
    expect(await (await db()).syncRun.count({ where: { partnershipId: partnership.id, trigger: 'schedule' } })).toBe(2)
  })
})

describe('the PSA sync page', () => {
  const post = (url: string, cookie: string, fields: Record<string, string>) =>
    fetch(url, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: app.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) })

  it('saves the form through the same schema (field errors by input), tests, syncs, and never shows a secret', async () => {
    const { partnership, mspUser } = await admin()
    const session = await signIn(app.url, mspUser.email, TEST_PASSWORD)
    const path = `/p/${partnership.slug}/connector`
    expect(await (await page(app.url, session, path)).text()).toContain('No PSA connected yet')

    const form = { intent: 'save', kind: 'connectwise', baseUrl: CW_SITE, 'cred-companyId': CW_CREDENTIALS.companyId, 'cred-publicKey': CW_CREDENTIALS.publicKey, 'cred-privateKey': '', 'cred-clientId': CW_CREDENTIALS.clientId, companies: '250', priorityMap: 'Priority 4 - Schedule Maintenance = P3', syncEveryMinutes: '60', enabled: 'on' }
    const bad = await post(`${app.url}${path}`, session.cookie, form)
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(badHtml).toMatch(/id="cred-privateKey-error"[^>]*>Required/)
    expect(badHtml).toContain('Priority 4 - Schedule Maintenance = P3</textarea>') // what was typed stays
    expect(await (await db()).psaConnection.count()).toBe(0)

    const saved = await post(`${app.url}${path}`, session.cookie, { ...form, 'cred-privateKey': CW_CREDENTIALS.privateKey })
    expect(saved.status).toBe(200)
    expect(await saved.text()).toContain('Connection saved')
    const tested = await (await post(`${app.url}${path}`, session.cookie, { intent: 'test' })).text()
    expect(tested).toContain('Connected to ConnectWise')
    expect(await (await post(`${app.url}${path}`, session.cookie, { intent: 'sync' })).text()).toContain('Sync queued.')
    await drainJobs({ log: quiet })
    const html = await (await page(app.url, session, path)).text()
    expect(html).toMatch(/Latest sync: (<!-- -->)?succeeded/)
    expect(html).toContain('priority 4 - schedule maintenance = P3')
    expect(html).not.toContain(CW_CREDENTIALS.privateKey)
    expect(html).not.toContain(CW_CREDENTIALS.publicKey)
    expect(html).not.toContain(CW_CREDENTIALS.clientId)
  })
})
