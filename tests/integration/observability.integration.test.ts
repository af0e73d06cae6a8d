// Issue 14 §2: request ids (kept from a proxy when well formed, into log lines and enqueued jobs), no secret in any
// log line, /metrics behind METRICS_TOKEN, /healthz and /readyz.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { resetEnv } from '../../server/env.server.ts'
import { claimJob, enqueueJob, runClaimedJob, registerJobHandler, startJobRunner } from '../../server/jobs/jobs.server.ts'
import { captureLogs, logger } from '../../server/observability/logger.server.ts'
import { runWithRequest } from '../../server/observability/request-context.ts'
import { TEST_PASSWORD, createPartnershipGraph, tokenFor } from '../helpers/factories.ts'
import { postLogin, signIn, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'
import { CW_CREDENTIALS, CW_SITE } from '../mocks/index.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>)

describe('request ids', () => {
  it("keeps a proxy's well-formed X-Request-Id, replaces a malformed one, and logs the request under it", async () => {
    const logs = captureLogs()
    try {
      const kept = await fetch(`${server.url}/login`, { headers: { 'X-Request-Id': 'edge-7f3a9c21.0001' } })
      expect(kept.headers.get('x-request-id')).toBe('edge-7f3a9c21.0001')
      const replaced = await fetch(`${server.url}/login`, { headers: { 'X-Request-Id': 'x"}{injected' } })
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    } finally {
      logs.stop()
    }
    const line = parsed(logs.lines).find((l) => l.requestId === 'edge-7f3a9c21.0001')
    expect(line).toMatchObject({ msg: 'request', route: 'routes/login', method: 'GET', status: 200 })
  })

  it('a job carries the id of the request that enqueued it, and its log lines name it', async () => {
    const { partnership, mspUser } = await createPartnershipGraph({ mspRole: 'MSP_ADMIN' })
    const auth = { token: await tokenFor(mspUser.email) }
    const saved = await trpc(server.url, auth, 'mutation', 'connector.save', { slug: partnership.slug, kind: 'connectwise', baseUrl: CW_SITE, credentials: CW_CREDENTIALS, companies: ['250'] })
    expect(saved.status).toBe(200)
    const started = await fetch(`${server.url}/api/trpc/connector.startSync`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${auth.token}`, 'Content-Type': 'application/json', 'X-Request-Id': 'sync-request-0042' },
      body: JSON.stringify({ slug: partnership.slug }),
    })
    expect(started.status).toBe(200)
    const job = await (await db()).job.findFirstOrThrow({ where: { partnershipId: partnership.id } })
    expect(job.payload).toMatchObject({ requestId: 'sync-request-0042' })

    registerJobHandler('test.says-hello', async () => void logger().info('hello from the job'))
    await runWithRequest({ requestId: 'enqueuing-request-1' }, () => enqueueJob('test.says-hello', {}))
    const logs = captureLogs()
    try {
      // That job alone (the sync queued above would call the PSA).
      const claimed = await claimJob('test-worker', ['test.says-hello'])
      expect((await runClaimedJob(claimed!)).status).toBe('succeeded')
    } finally {
      logs.stop()
    }
    expect(parsed(logs.lines).find((l) => l.msg === 'hello from the job')).toMatchObject({ requestId: 'enqueuing-request-1' })
  })
})

describe('no secret in a log line', () => {
  it('sign-in, the invitation form, API tokens and connector credentials leave no password, token, cookie or credential in the log', async () => {
    const { partnership, mspUser, msp } = await createPartnershipGraph({ mspRole: 'MSP_ADMIN' })
    const apiToken = await tokenFor(mspUser.email)
    const secrets = { apiToken, ...CW_CREDENTIALS, newPassword: 'a brand new passphrase 42', wrongPassword: 'not-the-password-77' }
    const logs = captureLogs()
    let cookie: string
    try {
      expect((await postLogin(server.url, { email: mspUser.email, password: secrets.wrongPassword })).status).toBe(401)
      cookie = (await signIn(server.url, mspUser.email, TEST_PASSWORD)).cookie
      const invited = await trpc(server.url, { cookie }, 'mutation', 'org.invite', { org: msp.slug, email: 'new.member@test.example', role: 'VIEWER' })
      const link = (invited.body.result!.data as { link: string }).link
      const invitation = new URL(link).pathname
      const accepted = await fetch(`${server.url}${invitation}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
        body: new URLSearchParams({ name: 'New Member', password: secrets.newPassword, confirm: secrets.newPassword }),
      })
      expect(accepted.status).toBe(302)
      const newSession = accepted.headers.getSetCookie()[0].split(';')[0].split('=')[1]
      Object.assign(secrets, { invitationToken: invitation.split('/').pop()!, sessionCookie: cookie.split('=')[1], newSession })
      await fetch(`${server.url}/`, { headers: { Cookie: `accord_session=${newSession}` } })
      const saved = await trpc(server.url, { token: apiToken }, 'mutation', 'connector.save', {
        slug: partnership.slug,
        kind: 'connectwise',
        baseUrl: CW_SITE,
        credentials: CW_CREDENTIALS,
        companies: ['250'],
      })
      expect(saved.status).toBe(200)
      // A refused save logs its request too; its credentials must not ride along.
      expect((await trpc(server.url, { token: apiToken }, 'mutation', 'connector.save', { slug: partnership.slug, kind: 'nope', credentials: CW_CREDENTIALS })).status).toBe(400)
    } finally {
      logs.stop()
    }
    const text = logs.lines.join('')
    // The capture saw these requests, headers included (debug level), so the scan below means something.
    expect(parsed(logs.lines).filter((l) => l.msg === 'request').length).toBeGreaterThanOrEqual(6)
    expect(text).toContain('"cookie":"[redacted]"')
    expect(text).toContain('"authorization":"[redacted]"')
    expect(text).toContain('/invitations/[redacted]')
    for (const [name, value] of Object.entries(secrets)) {
      expect(text.includes(value), `${name} appears in the log`).toBe(false)
    }
    expect(text).not.toContain(TEST_PASSWORD)
  })
})

describe('/metrics, /healthz, /readyz', () => {
  it('/metrics is 404 without METRICS_TOKEN, 401 without the bearer token, and counts requests by route id', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404)
    process.env.METRICS_TOKEN = 'metrics-token-for-the-test'
    resetEnv()
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401)
      expect((await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401)
      await fetch(`${server.url}/p/some-partnership/roadmap`, { redirect: 'manual' })
      const response = await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer metrics-token-for-the-test' } })
      expect(response.status).toBe(200)
      const body = await response.text()
      expect(body).toMatch(/accord_http_request_duration_seconds_count\{method="GET",route="routes\/p\.\$slug\.roadmap\._index",status="302"\} \d+/)
      expect(body).not.toContain('some-partnership')
      for (const name of ['accord_jobs', 'accord_job_duration_seconds', 'accord_sync_lag_seconds', 'accord_mails_total', 'accord_unhandled_rejections_total', 'accord_db_pool_connections', 'nodejs_eventloop_lag_p99_seconds']) {
        expect(body).toContain(`# TYPE ${name} `)
      }
    } finally {
      delete process.env.METRICS_TOKEN
      resetEnv()
    }
  })

  it('/healthz is alive; /readyz needs the database, current migrations and a running job runner', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' })
    const without = await fetch(`${server.url}/readyz`)
    expect(without.status).toBe(503)
    expect(await without.json()).toMatchObject({ checks: { database: 'ok', migrations: 'ok', jobRunner: 'not running' } })
    const runner = startJobRunner({ pollMs: 60_000 })
    try {
      const ready = await fetch(`${server.url}/readyz`)
      expect(ready.status).toBe(200)
    } finally {
      await runner.stop()
    }
  })
})
