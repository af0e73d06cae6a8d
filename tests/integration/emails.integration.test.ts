// Mail as it leaves Accord: a real SMTP listener on loopback receives what the app sends, and mailparser reads it
// back (recipients, subject, links, the plain-text part, the calendar attachment). Without SMTP_URL the same
// messages land in the outbox table, which an organization's admin reads for their own people only.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureMail } from '../../emails/send-email.server.ts'
import { db } from '../../server/db/client.server.ts'
import { appBaseUrl } from '../../server/http/app-url.ts'
import { DEMO_USERS } from '../../server/demo/demo-data.ts'
import { sendActionItemReminders } from '../../server/notifications/send-action-item-reminders.server.ts'
import { sendPackReady } from '../../server/notifications/send-pack-ready.server.ts'
import { sendQbrInvitation } from '../../server/notifications/send-qbr-invitation.server.ts'
import { runSlaAlertScan, runSlaDigest } from '../../server/notifications/sla-alerts.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { seedDemo } from '../helpers/factories.ts'
import { type TrpcResult, page, sessionCookie, signIn, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'
import { type Received, type SmtpListener, startSmtpListener } from '../helpers/smtp.ts'
import { demoTokens } from '../helpers/tenancy.ts'

type Who = 'ava' | 'alex' | 'sam' | 'tara' | 'casey' | 'chris' | 'fiona'
const email = (who: Who) => DEMO_USERS.find((u) => u.email.startsWith(`${who}@`))!.email

let server: TestServer
let smtp: SmtpListener
let tokens: Map<string, string>
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await configureMail(null)
  await server.close()
})
beforeEach(async () => {
  await seedDemo()
  tokens = await demoTokens()
  smtp = await startSmtpListener()
  await configureMail({ smtpUrl: smtp.url, from: 'Accord <accord@test.example>' })
})
afterEach(async () => {
  await configureMail(null)
  await smtp.close()
})

const auth = (who: Who) => ({ token: tokens.get(email(who))! })
const query = (who: Who, path: string, input?: unknown) => trpc(server.url, auth(who), 'query', path, input)
const mutate = (who: Who, path: string, input?: unknown) => trpc(server.url, auth(who), 'mutation', path, input)
function ok<T>(result: TrpcResult): T {
  if (result.status !== 200) throw new Error(`expected 200, got ${result.status}: ${JSON.stringify(result.body.error)}`)
  return result.body.result!.data as T
}
const to = (r: Received) => r.rcpt.join(',')
const byRecipient = (list: Received[]) => [...list].sort((a, b) => to(a).localeCompare(to(b)))
const calendarOf = (r: Received) => r.mail.attachments.find((a) => a.contentType.startsWith('application/ics'))!.content.toString('utf8').replace(/\r\n[ \t]/g, '')
const linksIn = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'))

async function partnership(slug: string) {
  return (await db()).partnership.findUniqueOrThrow({ where: { slug } })
}
async function withPolicy(slug: string) {
  const p = await partnership(slug)
  await (await db()).slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
  return p
}
async function optOut(who: Who, kind: string) {
  const prefs = ok<Array<{ kind: string; enabled: boolean; locked: boolean }>>(await query(who, 'notifications.preferences'))
  const enabled = prefs.filter((p) => !p.locked && p.enabled && p.kind !== kind).map((p) => p.kind)
  ok(await mutate(who, 'notifications.setPreferences', { enabled }))
}

describe('the invitation', () => {
  it('arrives over SMTP with a working accept link in both parts, and the invitee can join with it', async () => {
    const invited = ok<{ link: string }>(await mutate('ava', 'org.invite', { org: 'northwind', email: 'New.Person@Example.com', role: 'MSP_ENGINEER' }))
    const [message] = await smtp.waitFor(1)
    expect(message.rcpt).toEqual(['new.person@example.com'])
    expect(message.mail.from?.value).toEqual([{ name: 'Accord', address: 'accord@test.example' }])
    expect(message.mail.subject).toBe("You're invited to Northwind Managed Services on Accord")
    expect(message.mail.text).toContain('invited you to join Northwind Managed Services on Accord as MSP engineer')
    expect(message.mail.text).toContain(invited.link)
    expect(linksIn(String(message.mail.html))).toContain(invited.link)
    // Links are built from the configured origin (issue 13, D4), not from the request that asked for them.
    expect(invited.link.startsWith(`${appBaseUrl()}/invitations/`)).toBe(true)

    // The link from the mail itself, on this test's server: the page opens, and the form accepts.
    const link = message.mail.text!.match(/http:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/)![0]
    expect((await page(server.url, null, new URL(link).pathname)).status).toBe(200)
    const accepted = await fetch(`${server.url}${new URL(link).pathname}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: new URLSearchParams({ name: 'New Person', password: 'a-long-password-1', confirm: 'a-long-password-1' }),
    })
    expect(accepted.status).toBe(302)
    const me = ok<{ email: string; memberships: Array<{ org: { slug: string }; role: string }> }>(await trpc(server.url, { cookie: sessionCookie(accepted)! }, 'query', 'me'))
    expect(me).toMatchObject({ email: 'new.person@example.com', memberships: [{ org: { slug: 'northwind' }, role: 'MSP_ENGINEER' }] })
    // Nothing is kept in the outbox when SMTP took it.
    expect(await (await db()).outboxMessage.count()).toBe(0)
  })

  it('is kept in the outbox when SMTP_URL is unset; the admin of the organization sees it, no other admin does', async () => {
    await configureMail({ smtpUrl: undefined })
    ok(await mutate('ava', 'org.invite', { org: 'northwind', email: 'kept@example.com', role: 'VIEWER' }))
    ok(await mutate('casey', 'org.invite', { org: 'contoso', email: 'contoso-invitee@example.com', role: 'VIEWER' }))
    expect(smtp.received).toHaveLength(0)
    const rows = await (await db()).outboxMessage.findMany({ orderBy: { to: 'asc' } })
    expect(rows.map((r) => [r.to, r.kind, r.status])).toEqual([
      ['contoso-invitee@example.com', 'INVITATION', 'OUTBOX'],
      ['kept@example.com', 'INVITATION', 'OUTBOX'],
    ])
    expect(rows[1].text).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}/)
    expect(rows[1].html).toContain('<html')

    const ava = ok<Array<{ to: string; subject: string }>>(await query('ava', 'org.outbox', { org: 'northwind' }))
    expect(ava.map((m) => m.to)).toEqual(['kept@example.com'])
    const casey = ok<Array<{ to: string }>>(await query('casey', 'org.outbox', { org: 'contoso' }))
    expect(casey.map((m) => m.to)).toEqual(['contoso-invitee@example.com'])
    expect((await query('casey', 'org.outbox', { org: 'northwind' })).body.error?.data.code).toBe('NOT_FOUND')
    expect((await query('alex', 'org.outbox', { org: 'northwind' })).body.error?.data.code).toBe('FORBIDDEN')

    const html = await (await page(server.url, await signIn(server.url, email('ava')), '/org/northwind/outbox')).text()
    expect(html).toContain('kept@example.com')
    expect(html).not.toContain('contoso-invitee@example.com')
  })

  it('a failed delivery does not fail the invitation: it is recorded as FAILED and logged', async () => {
    await smtp.close()
    smtp = await startSmtpListener({ reject: (rcpt) => rcpt.startsWith('bounce') })
    await configureMail({ smtpUrl: smtp.url })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const invited = ok<{ link: string }>(await mutate('ava', 'org.invite', { org: 'northwind', email: 'bounce@example.com', role: 'VIEWER' }))
    expect(invited.link).toMatch(/\/invitations\//)
    const failed = await (await db()).outboxMessage.findFirstOrThrow({ where: { to: 'bounce@example.com' } })
    expect(failed).toMatchObject({ status: 'FAILED', kind: 'INVITATION', error: expect.stringMatching(/550/) })
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not send'))
    expect(ok<Array<{ status: string }>>(await query('ava', 'org.outbox', { org: 'northwind', status: 'FAILED' })).map((m) => m.status)).toEqual(['FAILED'])
  })
})

describe('QBR invitations', () => {
  const qbr = (sequence: number, startsAt: string, endsAt: string) => ({
    uid: 'qbr-2026-q3-northwind-contoso@accord',
    sequence,
    title: 'Q3 2026 QBR',
    startsAt,
    endsAt,
    timezone: 'America/New_York',
    location: 'Contoso HQ, Room 4',
    url: `${server.url}/p/northwind-contoso/qbr/q3`,
    organizer: { name: 'Alex Rivera', email: email('alex') },
  })

  it('send REQUEST, then an update with the same UID and a higher SEQUENCE, then CANCEL, each with its .ics', async () => {
    const p = await partnership('northwind-contoso')
    const recipients = [{ email: email('casey'), name: 'Casey Morgan' }, { email: email('sam') }, { email: 'guest@partner.example', name: 'Guest' }]
    await sendQbrInvitation({ recipients, qbr: qbr(0, '2026-09-15T14:00:00Z', '2026-09-15T15:30:00Z'), method: 'REQUEST', partnershipId: p.id, appUrl: server.url })
    const first = byRecipient(await smtp.waitFor(3))
    expect(first.map(to)).toEqual([email('casey'), 'guest@partner.example', email('sam')])
    for (const m of first) {
      expect(m.mail.subject).toBe('Invitation: Q3 2026 QBR (15 Sept 2026, 10:00 GMT-4)')
      expect(m.mail.text).toContain(`${server.url}/p/northwind-contoso/qbr/q3`)
      const ics = calendarOf(m)
      expect(ics).toContain('METHOD:REQUEST\r\n')
      expect(ics).toContain('UID:qbr-2026-q3-northwind-contoso@accord\r\n')
      expect(ics).toContain('SEQUENCE:0\r\n')
      expect(ics).toContain('DTSTART:20260915T140000Z\r\n')
      expect(ics).toContain('DTEND:20260915T153000Z\r\n')
      expect(ics.match(/^ATTENDEE.*$/gm)).toHaveLength(3)
      // The text/calendar alternative mail clients act on, with the same method.
      expect(m.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i)
    }

    await sendQbrInvitation({ recipients, qbr: qbr(1, '2026-09-16T18:00:00Z', '2026-09-16T19:00:00Z'), method: 'REQUEST', partnershipId: p.id, appUrl: server.url })
    const update = (await smtp.waitFor(6)).slice(3)
    for (const m of update) {
      expect(m.mail.subject).toMatch(/^Updated invitation: Q3 2026 QBR/)
      const ics = calendarOf(m)
      expect(ics).toContain('UID:qbr-2026-q3-northwind-contoso@accord\r\n')
      expect(ics).toContain('SEQUENCE:1\r\n')
      expect(ics).toContain('DTSTART:20260916T180000Z\r\n')
    }

    await sendQbrInvitation({ recipients, qbr: qbr(2, '2026-09-16T18:00:00Z', '2026-09-16T19:00:00Z'), method: 'CANCEL', partnershipId: p.id, appUrl: server.url })
    const cancel = (await smtp.waitFor(9)).slice(6)
    for (const m of cancel) {
      expect(m.mail.subject).toMatch(/^Cancelled: Q3 2026 QBR/)
      const ics = calendarOf(m)
      expect(ics).toContain('METHOD:CANCEL\r\n')
      expect(ics).toContain('STATUS:CANCELLED\r\n')
      expect(ics).toContain('SEQUENCE:2\r\n')
      expect(ics).toContain('UID:qbr-2026-q3-northwind-contoso@accord\r\n')
    }
  })

  it('skip a user who turned them off (the calendar still lists them), and reject bad input naming the field', async () => {
    const p = await partnership('northwind-contoso')
    await optOut('casey', 'QBR_INVITATION')
    const result = await sendQbrInvitation({
      recipients: [{ email: email('casey') }, { email: email('chris') }],
      qbr: qbr(0, '2026-09-15T14:00:00Z', '2026-09-15T15:30:00Z'),
      method: 'REQUEST',
      partnershipId: p.id,
    })
    expect(result.sent).toEqual([email('chris')])
    const [m] = await smtp.waitFor(1)
    expect(m.rcpt).toEqual([email('chris')])
    expect(calendarOf(m)).toContain('mailto:casey@contoso.example')
    await expect(
      sendQbrInvitation({ recipients: [{ email: email('chris') }], qbr: qbr(0, '2026-09-15T14:00:00Z', '2026-09-15T13:00:00Z'), method: 'REQUEST' }),
    ).rejects.toMatchObject({ name: 'ZodError', issues: [expect.objectContaining({ path: ['qbr', 'endsAt'] })] })
  })
})

describe('SLA breach alerts', () => {
  it('a P1 breach pushed through tickets.upsert is mailed at once to the default roles of both parties, and never again', async () => {
    await withPolicy('northwind-contoso')
    const createdAt = new Date(Date.now() - 2 * 3_600_000).toISOString()
    ok(await mutate('alex', 'tickets.upsert', { slug: 'northwind-contoso', tickets: [{ externalId: 'INC-1', title: 'Core switch down', priority: 'P1', createdAt }] }))
    const alerts = byRecipient(await smtp.waitFor(3))
    expect(alerts.map(to)).toEqual([email('alex'), email('ava'), email('casey')])
    for (const m of alerts) {
      expect(m.mail.subject).toBe('SLA breach: P1 INC-1 first response (Northwind Managed Services × Contoso Manufacturing)')
      expect(m.mail.text).toContain('Core switch down')
      expect(m.mail.text).toContain('/p/northwind-contoso/sla/tickets/INC-1')
      expect(linksIn(String(m.mail.html))).toContain(`${appBaseUrl()}/p/northwind-contoso/sla/tickets/INC-1`)
    }
    // Rerun, restart (a fresh scan), a later scan within the lookback: nothing more.
    expect(await runSlaAlertScan()).toMatchObject({ detected: 0, alerted: 0, messages: 0 })
    expect(await runSlaAlertScan(new Date(Date.now() + 60_000))).toMatchObject({ alerted: 0, messages: 0 })
    expect(smtp.received).toHaveLength(3)
    expect(await (await db()).slaBreachAlert.count()).toBe(1)
  })

  it('respects choices: an account manager who opted out is skipped, an engineer who opted in is mailed', async () => {
    await withPolicy('northwind-contoso')
    await optOut('alex', 'SLA_BREACH')
    const prefs = ok<Array<{ kind: string; enabled: boolean; locked: boolean }>>(await query('sam', 'notifications.preferences'))
    expect(prefs.find((p) => p.kind === 'SLA_BREACH')?.enabled).toBe(false)
    ok(await mutate('sam', 'notifications.setPreferences', { enabled: [...prefs.filter((p) => p.enabled && !p.locked).map((p) => p.kind), 'SLA_BREACH'] }))
    const createdAt = new Date(Date.now() - 2 * 3_600_000).toISOString()
    ok(await mutate('alex', 'tickets.upsert', { slug: 'northwind-contoso', tickets: [{ externalId: 'INC-2', priority: 'P1', createdAt }] }))
    expect(byRecipient(await smtp.waitFor(3)).map(to)).toEqual([email('ava'), email('casey'), email('sam')])
  })

  it('the daily digest lists the day’s P3/P4 breaches once, to those who want it', async () => {
    const p = await withPolicy('northwind-contoso')
    const prisma = await db()
    // Created Wed 1 July 09:00 New York; its 240 business minutes run out at 13:00 New York (17:00 UTC).
    for (const [externalId, priority] of [['REQ-3', 'P3'], ['INC-9', 'P1']] as const) {
      await prisma.ticket.create({
        data: { partnershipId: p.id, source: 'api', externalId, title: `Ticket ${externalId}`, priority, status: 'Open', createdAt: new Date('2026-07-01T13:00:00Z'), pauses: [], contentHash: externalId },
      })
    }
    await optOut('casey', 'SLA_DIGEST')
    const result = await runSlaDigest('2026-07-01', new Date('2026-07-02T06:00:00Z'), { appUrl: server.url })
    expect(result).toMatchObject({ breaches: 1, messages: 2 })
    const digests = byRecipient(await smtp.waitFor(2))
    expect(digests.map(to)).toEqual([email('alex'), email('ava')])
    expect(digests[0].mail.subject).toBe('SLA digest 2026-07-01: 1 breach (Northwind Managed Services × Contoso Manufacturing)')
    expect(digests[0].mail.text).toContain('REQ-3')
    expect(digests[0].mail.text).not.toContain('INC-9')
    expect(linksIn(String(digests[0].mail.html))).toEqual(expect.arrayContaining([`${server.url}/p/northwind-contoso/sla/tickets/REQ-3`, `${server.url}/p/northwind-contoso/sla`]))
    expect(await runSlaDigest('2026-07-01', new Date('2026-07-02T07:00:00Z'))).toMatchObject({ breaches: 0, messages: 0 })
    expect(smtp.received).toHaveLength(2)
  })
})

describe('roadmap approval requested', () => {
  it('a proposal by the MSP asks the client’s approvers; an edit that resets approvals asks the other party again', async () => {
    const created = ok<{ id: string; version: number }>(
      await mutate('alex', 'roadmap.create', { slug: 'northwind-contoso', title: 'Zero-trust VPN', status: 'PROPOSED', oneTime: 12000, currency: 'USD', targetQuarter: '2026-Q4' }),
    )
    const [ask] = await smtp.waitFor(1)
    expect(ask.rcpt).toEqual([email('casey')])
    expect(ask.mail.subject).toBe('Approval requested: Zero-trust VPN (Northwind Managed Services × Contoso Manufacturing)')
    expect(ask.mail.text).toContain(`${appBaseUrl()}/p/northwind-contoso/roadmap/${created.id}`)
    expect(ask.mail.text).toContain('USD 12,000 one-time')

    // Both approve; then the client edits the budget: the MSP's approvers are asked again.
    const approved = ok<{ version: number }>(await mutate('casey', 'roadmap.approve', { slug: 'northwind-contoso', id: created.id, baseVersion: created.version }))
    const both = ok<{ version: number; status: string }>(await mutate('ava', 'roadmap.approve', { slug: 'northwind-contoso', id: created.id, baseVersion: approved.version }))
    expect(both.status).toBe('APPROVED')
    expect(smtp.received).toHaveLength(1)
    ok(await mutate('casey', 'roadmap.update', { slug: 'northwind-contoso', id: created.id, baseVersion: both.version, changes: { oneTime: 15000 } }))
    const again = byRecipient((await smtp.waitFor(3)).slice(1))
    expect(again.map(to)).toEqual([email('alex'), email('ava')])
    expect(again[0].mail.text).toMatch(/Approval reset: One-time cost 12,000 → 15,000/)
  })

  it('an approver who turned these off is not asked; an edit that resets nothing asks no one', async () => {
    await optOut('casey', 'ROADMAP_APPROVAL')
    const created = ok<{ id: string; version: number }>(await mutate('alex', 'roadmap.create', { slug: 'northwind-contoso', title: 'Quiet item', status: 'PROPOSED' }))
    ok(await mutate('alex', 'roadmap.update', { slug: 'northwind-contoso', id: created.id, baseVersion: created.version, changes: { category: 'Security' } }))
    expect(smtp.received).toHaveLength(0)
    expect(await (await db()).outboxMessage.count()).toBe(0)
  })
})

describe('pack ready and action item reminders', () => {
  it('pack ready goes to both parties who want it, with the link', async () => {
    const p = await partnership('northwind-fabrikam')
    await optOut('sam', 'PACK_READY')
    const url = `${server.url}/p/northwind-fabrikam/qbr/q3/pack/2`
    const result = await sendPackReady({ partnershipId: p.id, qbrTitle: 'Q3 2026 QBR', version: 2, sha256: 'a'.repeat(64), generatedBy: 'Alex Rivera', url, appUrl: server.url })
    expect(result.sent.sort()).toEqual([email('alex'), email('ava'), email('fiona')])
    const messages = await smtp.waitFor(3)
    expect(messages[0].mail.subject).toBe('QBR pack ready: Q3 2026 QBR (v2)')
    expect(linksIn(String(messages[0].mail.html))).toContain(url)
    expect(messages[0].mail.text).toContain(url)
  })

  it('reminds each owner once per item and state, grouped per owner, respecting opt-out', async () => {
    const p = await partnership('northwind-contoso')
    const now = new Date('2026-09-10T12:00:00Z')
    const item = (id: string, owner: Who, dueDate: string, open = true) => ({
      id,
      title: `Item ${id}`,
      qbrTitle: 'Q2 2026 QBR',
      partnershipId: p.id,
      dueDate,
      open,
      url: `${server.url}/p/northwind-contoso/qbr/q2#${id}`,
      owner: { email: email(owner) },
    })
    const items = [item('a1', 'chris', '2026-09-12'), item('a2', 'chris', '2026-09-01'), item('a3', 'alex', '2026-10-30'), item('a4', 'sam', '2026-09-05', false), item('a5', 'casey', '2026-09-11')]
    await optOut('casey', 'ACTION_ITEM')
    expect(await sendActionItemReminders({ items, withinDays: 3, appUrl: server.url }, now)).toEqual({ reminded: 2, messages: 1 })
    const [m] = await smtp.waitFor(1)
    expect(m.rcpt).toEqual([email('chris')])
    expect(m.mail.subject).toBe('Overdue: Item a1 and 1 more')
    expect(m.mail.text).toMatch(/Item a1[\s\S]*due soon/)
    expect(m.mail.text).toMatch(/Item a2[\s\S]*overdue/)
    expect(await sendActionItemReminders({ items, withinDays: 3 }, now)).toEqual({ reminded: 0, messages: 0 })
    // A day later a1 is still due soon (already sent); a2 is still overdue (already sent): nothing new.
    expect(await sendActionItemReminders({ items, withinDays: 3 }, new Date('2026-09-11T12:00:00Z'))).toEqual({ reminded: 0, messages: 0 })
    // After its due day a1 is overdue: a new state, one more reminder.
    expect(await sendActionItemReminders({ items, withinDays: 3 }, new Date('2026-09-13T12:00:00Z'))).toEqual({ reminded: 1, messages: 1 })
    expect(smtp.received).toHaveLength(2)
  })
})

describe('notification preferences', () => {
  it('are the user’s own; bad kinds are refused with 400 naming the field and nothing is written', async () => {
    const before = ok<Array<{ kind: string; enabled: boolean; chosen: boolean }>>(await query('chris', 'notifications.preferences'))
    expect(before.find((p) => p.kind === 'SLA_BREACH')).toMatchObject({ enabled: false, chosen: false })
    expect(before.find((p) => p.kind === 'INVITATION')).toMatchObject({ enabled: true })
    const bad = await mutate('chris', 'notifications.setPreferences', { enabled: ['SLA_BREACH', 'INVITATION'] })
    expect(bad.status).toBe(400)
    expect(bad.body.error?.data.fieldErrors.map((f) => f.field)).toEqual(['enabled.1'])
    expect(await (await db()).notificationPreference.count()).toBe(0)
    const after = ok<Array<{ kind: string; enabled: boolean; chosen: boolean }>>(await mutate('chris', 'notifications.setPreferences', { enabled: ['SLA_DIGEST'] }))
    expect(after.filter((p) => p.enabled).map((p) => p.kind)).toEqual(['INVITATION', 'SLA_DIGEST', 'PASSWORD_RESET'])
    // Another user's choices are untouched.
    expect(ok<Array<{ chosen: boolean }>>(await query('casey', 'notifications.preferences')).every((p) => !p.chosen)).toBe(true)
  })

  it('the page saves the form through the same schema', async () => {
    const session = await signIn(server.url, email('chris'))
    const form = new URLSearchParams()
    form.append('enabled', 'PACK_READY')
    form.append('enabled', 'SLA_BREACH')
    const saved = await fetch(`${server.url}/account/notifications`, {
      method: 'POST',
      headers: { Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: form,
    })
    expect(saved.status).toBe(200)
    const prefs = ok<Array<{ kind: string; enabled: boolean }>>(await query('chris', 'notifications.preferences'))
    expect(prefs.filter((p) => p.enabled).map((p) => p.kind)).toEqual(['INVITATION', 'PACK_READY', 'SLA_BREACH', 'PASSWORD_RESET'])
    const bad = await fetch(`${server.url}/account/notifications`, {
      method: 'POST',
      headers: { Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: new URLSearchParams({ enabled: 'NOPE' }),
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Choose among')
  })
})
