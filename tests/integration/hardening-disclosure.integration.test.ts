// Issue 13 regressions about who is told what: links in mail come from the configured origin, never the request's
// Host (D4); the audit log does not show a client the MSP's PSA settings (D16); the outbox shows an admin only mail
// to the organization's members (D17); a QBR's calendar invitation names its real organiser (D23).
import http from 'node:http'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { configureMail } from '../../emails/send-email.server.ts'
import { db } from '../../server/db/client.server.ts'
import { appBaseUrl } from '../../server/http/app-url.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TrpcResult, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'
import { type Received, type SmtpListener, startSmtpListener } from '../helpers/smtp.ts'
import { CW_CREDENTIALS, CW_SITE } from '../mocks/index.ts'

const SLUG = 'northwind-contoso'
let server: TestServer
const as: Record<string, { token: string }> = {}

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  for (const email of ['ava@northwind.example', 'alex@northwind.example', 'casey@contoso.example']) as[email.split('@')[0]] = { token: await tokenFor(email) }
})

function ok<T>(result: TrpcResult): T {
  if (result.status !== 200) throw new Error(`expected 200, got ${result.status}: ${JSON.stringify(result.body.error)}`)
  return result.body.result!.data as T
}
const mutate = (who: string, path: string, input: unknown) => trpc(server.url, as[who], 'mutation', path, input)
const query = (who: string, path: string, input: unknown) => trpc(server.url, as[who], 'query', path, input)

/** A POST whose Host and X-Forwarded-Host an attacker chose (fetch will not send a Host of our choosing). */
function postWithHost(url: string, host: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, Host: host, 'X-Forwarded-Host': host, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('D4: links in mail are built from the configured origin only', () => {
  it('an invitation asked for under a forged Host links to the app, in the answer and in the mail', async () => {
    const answer = await postWithHost(
      `${server.url}/api/trpc/org.invite`,
      'evil.example',
      { Authorization: `Bearer ${as.ava.token}`, 'Content-Type': 'application/json' },
      JSON.stringify({ org: 'northwind', email: 'new-hire@example.com', role: 'VIEWER' }),
    )
    expect(answer.status).toBe(200)
    const link = (JSON.parse(answer.body) as { result: { data: { link: string } } }).result.data.link
    expect(link.startsWith(`${appBaseUrl()}/invitations/`)).toBe(true)
    expect(appBaseUrl()).toBe(server.url)
    const mail = await (await db()).outboxMessage.findFirstOrThrow({ where: { to: 'new-hire@example.com' } })
    expect(mail.text).toContain(`${appBaseUrl()}/invitations/`)
    expect(mail.text + mail.html).not.toContain('evil.example')
  })
})

describe('D16: audit events carry the permission needed to read them', () => {
  it("a client's executive does not read the PSA connection's settings in the partnership's audit log; the MSP does", async () => {
    ok(await mutate('ava', 'connector.save', { slug: SLUG, kind: 'connectwise', baseUrl: CW_SITE, credentials: CW_CREDENTIALS, companies: ['250'] }))
    const actions = async (who: string) => ok<{ events: Array<{ action: string; changes: unknown }> }>(await query(who, 'partnership.audit', { slug: SLUG, limit: 200 })).events
    const msp = await actions('ava')
    expect(msp.map((e) => e.action)).toContain('psaConnection.create')
    const client = await actions('casey')
    expect(client.map((e) => e.action)).not.toContain('psaConnection.create')
    expect(JSON.stringify(client)).not.toContain('myconnectwise')
    // The rest of the shared log is still shared.
    expect(client.map((e) => e.action)).toContain('partnership.create')
  })
})

describe('D17: the outbox shows an admin only mail to current members', () => {
  it('inviting an address shows the invitation, not the other mail to that address; a member who left drops out', async () => {
    const prisma = await db()
    ok(await mutate('ava', 'org.invite', { org: 'northwind', email: 'victim@elsewhere.example', role: 'VIEWER' }))
    // Mail about no organization (as a password reset would be) to the invited address and to a member.
    for (const to of ['victim@elsewhere.example', 'sam@northwind.example']) {
      await prisma.outboxMessage.create({ data: { kind: 'ACCOUNT', to, subject: `private to ${to}`, text: 'secret link', html: 'x', status: 'OUTBOX' } })
    }
    const seen = async () => ok<Array<{ to: string; subject: string; kind: string }>>(await query('ava', 'org.outbox', { org: 'northwind' }))
    const before = await seen()
    expect(before.filter((m) => m.to === 'victim@elsewhere.example').map((m) => m.kind)).toEqual(['INVITATION'])
    expect(before.map((m) => m.subject)).toContain('private to sam@northwind.example')
    // Sam leaves the organization: mail to Sam is no longer the admin's to read.
    const sam = await prisma.user.findUniqueOrThrow({ where: { email: 'sam@northwind.example' } })
    await prisma.membership.deleteMany({ where: { userId: sam.id } })
    expect((await seen()).map((m) => m.to)).not.toContain('sam@northwind.example')
  })
})

describe('D23: the calendar invitation names the meeting’s organiser', () => {
  let smtp: SmtpListener
  beforeEach(async () => {
    smtp = await startSmtpListener()
    await configureMail({ smtpUrl: smtp.url, from: 'Accord <accord@test.example>' })
  })
  afterEach(async () => {
    await configureMail(null)
    await smtp.close()
  })
  const calendarOf = (r: Received) => r.mail.attachments.find((a) => a.contentType.startsWith('application/ics'))!.content.toString('utf8').replace(/\r\n[ \t]/g, '')

  it("a QBR a client's executive organised is sent with that person as ORGANIZER, even when the MSP schedules it", async () => {
    type Qbr = { id: string; version: number }
    const qbr = ok<Qbr>(await mutate('casey', 'qbr.create', { slug: SLUG, quarter: '2027-Q2', startLocal: '2027-05-10T10:00', endLocal: '2027-05-10T11:00', timezone: 'Europe/Berlin' }))
    ok(await mutate('casey', 'qbr.attendees.add', { slug: SLUG, qbrId: qbr.id, email: 'alex@northwind.example', party: 'MSP' }))
    const current = ok<Qbr>(await query('alex', 'qbr.get', { slug: SLUG, quarter: '2027-Q2' }))
    ok(await mutate('alex', 'qbr.setStatus', { slug: SLUG, id: qbr.id, baseVersion: current.version, status: 'SCHEDULED' }))
    const [invite] = await smtp.waitFor(1)
    const organizer = calendarOf(invite).match(/^ORGANIZER[;:](.*)$/m)?.[1] ?? ''
    expect(organizer).toMatch(/CN="?Casey Morgan"?:MAILTO:casey@contoso\.example$/i)
    expect(invite.mail.text).toContain('Organised by Casey Morgan')
  })
})
