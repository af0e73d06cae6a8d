// Issue 13, D6: a PSA base URL is not a way into the server's network. Saving refuses internal URLs by field;
// "Test connection" checks the host after DNS resolution, tells what failed but not what the other side answered
// (no body, no open-versus-closed port); pointing a connection at another host asks for the credentials again.
import net from 'node:net'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type PartnershipScope, unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { saveConnection } from '../../server/connectors/save-connection.server.ts'
import { testConnection } from '../../server/connectors/test-connection.server.ts'
import { db } from '../../server/db/client.server.ts'
import { resetEnv } from '../../server/env.server.ts'
import { AppError } from '../../server/errors.ts'
import { seedDemo } from '../helpers/factories.ts'
import { CW_CREDENTIALS, CW_SITE } from '../mocks/index.ts'

// In process: the rule reads ALLOW_PRIVATE_PSA_HOSTS at boot, and these tests change it between cases.
const SLUG = 'northwind-contoso'
const ACTOR = { userId: null, label: 'test' }
let scope: PartnershipScope
beforeEach(async () => {
  await seedDemo()
  scope = await unsafeOperatorScope(SLUG)
})
afterEach(() => {
  process.env.ALLOW_PRIVATE_PSA_HOSTS = 'true'
  resetEnv()
})

type Answer = { status: 200 | 400; error?: AppError }
async function save(input: Record<string, unknown>): Promise<Answer> {
  try {
    await saveConnection(scope, ACTOR, { slug: SLUG, kind: 'connectwise', companies: ['250'], ...input })
    return { status: 200 }
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_REQUEST') return { status: 400, error }
    throw error
  }
}
const fields = (r: Answer) => (r.error?.fieldErrors ?? []).map((f) => f.field)
const strict = () => {
  process.env.ALLOW_PRIVATE_PSA_HOSTS = 'false'
  resetEnv()
}

describe('saving a PSA base URL', () => {
  it.each([
    ['http://127.0.0.1:5432', 'loopback'],
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://[::ffff:10.0.0.1]', 'private network'],
    ['https://localhost:8443', 'localhost'],
  ])('refuses %s with 400 naming baseUrl', async (baseUrl, why) => {
    strict()
    const answer = await save({ baseUrl, credentials: CW_CREDENTIALS })
    expect(answer.status).toBe(400)
    expect(fields(answer)).toEqual(['baseUrl'])
    expect(answer.error?.message).toContain(why)
    expect(await (await db()).psaConnection.count()).toBe(0)
  })

  it('refuses an internal auth server too, and accepts internal hosts when ALLOW_PRIVATE_PSA_HOSTS=true', async () => {
    strict()
    const halo = { kind: 'halopsa', baseUrl: 'https://halo.example', credentials: { clientId: 'c', clientSecret: 's' } }
    expect(fields(await save({ ...halo, settings: { authServer: 'https://192.168.0.10/auth' } }))).toEqual(['settings.authServer'])
    process.env.ALLOW_PRIVATE_PSA_HOSTS = 'true'
    resetEnv()
    expect((await save({ ...halo, settings: { authServer: 'https://192.168.0.10/auth' } })).status).toBe(200)
  })

  it('asks for the credentials again when only the host changes, not when the host stays', async () => {
    expect((await save({ baseUrl: CW_SITE, credentials: CW_CREDENTIALS })).status).toBe(200)
    const moved = await save({ baseUrl: 'https://attacker.example' })
    expect(moved.status).toBe(400)
    expect(fields(moved)).toContain('credentials.privateKey')
    expect((await (await db()).psaConnection.findFirstOrThrow()).baseUrl).toBe(CW_SITE)
    expect((await save({ baseUrl: `${CW_SITE}/`, priorityMap: { Urgent: 'P1' } })).status).toBe(200)
    expect((await save({ baseUrl: 'https://attacker.example', credentials: CW_CREDENTIALS })).status).toBe(200)
  })
})

describe('Test connection', () => {
  let listener: http.Server
  let banner: net.Server
  let closedPort: number
  let openPort: number
  let bannerPort: number
  const sockets = new Set<net.Socket>()
  const listen = async (server: net.Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return (server.address() as AddressInfo).port
  }
  beforeAll(async () => {
    // An internal web service that answers with something secret, an internal non-HTTP service (it greets and
    // hangs up, as SSH or a database would), and a port nobody listens on.
    listener = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('INTERNAL-SECRET db password hunter2'))
    openPort = await listen(listener)
    banner = net.createServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => {})
      socket.end('SSH-2.0-OpenSSH_9.6 INTERNAL-SECRET\r\n', () => socket.destroy())
    })
    bannerPort = await listen(banner)
    const probe = net.createServer()
    closedPort = await listen(probe)
    await new Promise((resolve) => probe.close(resolve))
  })
  afterAll(async () => {
    listener.closeAllConnections()
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => listener.close(resolve))
    await new Promise((resolve) => banner.close(resolve))
  })

  const outcomeFor = async (baseUrl: string, resolve?: (host: string) => Promise<string[]>) => {
    expect((await save({ baseUrl, credentials: CW_CREDENTIALS })).status).toBe(200)
    const outbound = resolve ? { httpsOnly: false, allowPrivate: false, resolve } : undefined
    return testConnection(scope, ACTOR, { http: { timeoutMs: 2_000, ...(outbound ? { outbound } : {}) } })
  }

  it('does not read back an internal answer, and an open port reads like a closed one', async () => {
    const web = await outcomeFor(`http://127.0.0.1:${openPort}`)
    expect(web).toEqual({ ok: false, code: 'MALFORMED_PAGE', message: 'ConnectWise company lookup: the answer is not JSON (HTTP 200 from the PSA)' })
    const closed = await outcomeFor(`http://127.0.0.1:${closedPort}`)
    const open = await outcomeFor(`http://127.0.0.1:${bannerPort}`)
    expect(closed).toEqual({ ok: false, code: 'NETWORK', message: 'ConnectWise company lookup: could not connect after 1 attempts' })
    expect(open).toEqual(closed)
    const stored = await (await db()).psaConnection.findFirstOrThrow()
    expect(stored.lastTestMessage).not.toMatch(/SECRET|hunter2/)
  })

  it('checks the host after DNS resolution: a public-looking name that resolves inside is refused before any request', async () => {
    let asked = 0
    listener.once('request', () => asked++)
    const outcome = await outcomeFor(`http://psa.example:${openPort}`, async () => ['127.0.0.1'])
    expect(outcome).toMatchObject({ ok: false, code: 'CONFIG' })
    expect(outcome.message).toBe('ConnectWise company lookup: refused: the URL psa.example resolves to a loopback address')
    expect(asked).toBe(0)
  })
})
