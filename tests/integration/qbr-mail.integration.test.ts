// The QBR's mail, end to end: scheduling, rescheduling and calling off a QBR send the calendar invitation, its
// update (same UID, higher SEQUENCE) and its cancellation to the attendees; the portal's pack generation mails
// "pack ready"; the reminder sweep mails owners of action items due soon, once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { configureMail } from '../../emails/send-email.server.ts'
import { db } from '../../server/db/client.server.ts'
import { appBaseUrl } from '../../server/http/app-url.ts'
import { drainJobs } from '../../server/jobs/jobs.server.ts'
import { remindActionItems } from '../../server/qbr/remind-action-items.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TrpcResult, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'
import { type Received, type SmtpListener, startSmtpListener } from '../helpers/smtp.ts'

let server: TestServer
let smtp: SmtpListener
const as: Record<string, { token: string }> = {}
const slug = 'northwind-contoso'

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await configureMail(null)
  await server.close()
})
beforeEach(async () => {
  await seedDemo()
  for (const email of ['alex@northwind.example', 'casey@contoso.example']) as[email.split('@')[0]] = { token: await tokenFor(email) }
  smtp = await startSmtpListener()
  await configureMail({ smtpUrl: smtp.url, from: 'Accord <accord@test.example>' })
})
afterEach(async () => {
  await configureMail(null)
  await smtp.close()
})

function ok<T>(result: TrpcResult): T {
  if (result.status !== 200) throw new Error(`expected 200, got ${result.status}: ${JSON.stringify(result.body.error)}`)
  return result.body.result!.data as T
}
const mutate = (who: string, path: string, input: unknown) => trpc(server.url, as[who], 'mutation', path, input)
/** The portal's generation: queued by pack.generate, run by the job runner (drained here), read back by pack.job. */
/** A pack of 2026-Q3 as of now: a pack shows the workspace as it stood at its as-of, and these QBRs are made now. */
async function generated() {
  const { job } = ok<{ job: { id: string } }>(await mutate('alex', 'pack.generate', { slug, quarter: '2026-Q3', asOf: new Date().toISOString() }))
  await drainJobs({ log: { warn: () => {} } })
  return ok<{ version: { version: number; sha256: string } }>(await trpc(server.url, as.alex, 'query', 'pack.job', { slug, id: job.id })).version
}
const calendarOf = (r: Received) => r.mail.attachments.find((a) => a.contentType.startsWith('application/ics'))!.content.toString('utf8').replace(/\r\n[ \t]/g, '')
const field = (ics: string, name: string) => ics.match(new RegExp(`^${name}[:;](.*)$`, 'm'))?.[1]
type Qbr = { id: string; version: number; icsSequence?: number }

describe('QBR calendar mail', () => {
  it('invites the attendees when scheduled, updates them on a reschedule with the same UID, and cancels', async () => {
    let qbr = ok<Qbr>(await mutate('alex', 'qbr.create', { slug, quarter: '2027-Q1', startLocal: '2027-02-10T10:00', endLocal: '2027-02-10T12:00', timezone: 'America/New_York' }))
    ok(await mutate('alex', 'qbr.attendees.add', { slug, qbrId: qbr.id, email: 'casey@contoso.example', party: 'CLIENT' }))
    ok(await mutate('alex', 'qbr.attendees.add', { slug, qbrId: qbr.id, email: 'board@outside.example', name: 'Board observer', party: 'CLIENT' }))
    qbr = ok<Qbr>(await trpc(server.url, as.alex, 'query', 'qbr.get', { slug, quarter: '2027-Q1' }))
    expect(smtp.received).toHaveLength(0)

    qbr = ok<Qbr>(await mutate('alex', 'qbr.setStatus', { slug, id: qbr.id, baseVersion: qbr.version, status: 'SCHEDULED' }))
    const invites = await smtp.waitFor(2)
    expect(invites.flatMap((m) => m.rcpt).sort()).toEqual(['board@outside.example', 'casey@contoso.example'])
    const first = calendarOf(invites[0])
    expect(field(first, 'METHOD')).toBe('REQUEST')
    expect(field(first, 'DTSTART')).toBe('20270210T150000Z')
    const uid = field(first, 'UID')
    const sequence = Number(field(first, 'SEQUENCE'))

    const moved = ok<{ item: Qbr }>(await mutate('alex', 'qbr.update', { slug, id: qbr.id, baseVersion: qbr.version, changes: { startLocal: '2027-02-11T10:00', endLocal: '2027-02-11T12:00' } }))
    const updates = (await smtp.waitFor(4)).slice(2)
    const update = calendarOf(updates[0])
    expect(field(update, 'UID')).toBe(uid)
    expect(Number(field(update, 'SEQUENCE'))).toBe(sequence + 1)
    expect(field(update, 'DTSTART')).toBe('20270211T150000Z')

    ok(await mutate('alex', 'qbr.setStatus', { slug, id: qbr.id, baseVersion: moved.item.version, status: 'DRAFT' }))
    const cancels = (await smtp.waitFor(6)).slice(4)
    const cancel = calendarOf(cancels[0])
    expect(field(cancel, 'METHOD')).toBe('CANCEL')
    expect(field(cancel, 'UID')).toBe(uid)
    expect(Number(field(cancel, 'SEQUENCE'))).toBe(sequence + 2)
  })
})

describe('pack ready', () => {
  it('mails both parties when the portal generates a pack', async () => {
    const prisma = await db()
    const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } })
    await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
    const version = await generated()
    const mails = await smtp.waitFor(2)
    const recipients = smtp.received.flatMap((m) => m.rcpt)
    expect(recipients).toContain('casey@contoso.example')
    expect(recipients).toContain('alex@northwind.example')
    expect(mails[0].mail.text).toContain(version.sha256)
    // Sent by the job, outside the request: the link is on the configured public origin (APP_URL).
    expect(mails[0].mail.text).toContain(`${appBaseUrl()}/p/${slug}/packs`)
  })
})

describe('action item reminders', () => {
  it('mails the owner of an item due soon once, and leaves items without a member owner alone', async () => {
    const prisma = await db()
    const casey = await prisma.user.findUniqueOrThrow({ where: { email: 'casey@contoso.example' } })
    const qbr = ok<Qbr>(await mutate('alex', 'qbr.create', { slug, quarter: '2027-Q2' }))
    ok(await mutate('alex', 'qbr.actionItems.create', { slug, qbrId: qbr.id, title: 'Sign the DR runbook', owner: 'Casey Morgan', ownerUserId: casey.id, party: 'CLIENT', dueDate: '2027-05-12' }))
    ok(await mutate('alex', 'qbr.actionItems.create', { slug, qbrId: qbr.id, title: 'Ask the auditor', owner: 'Someone outside', party: 'CLIENT', dueDate: '2027-05-12' }))
    ok(await mutate('alex', 'qbr.actionItems.create', { slug, qbrId: qbr.id, title: 'Far away', owner: 'Casey Morgan', ownerUserId: casey.id, party: 'CLIENT', dueDate: '2027-09-01' }))

    const now = new Date('2027-05-10T12:00:00Z')
    expect(await remindActionItems(now)).toEqual({ reminded: 1, messages: 1 })
    const [mail] = await smtp.waitFor(1)
    expect(mail.rcpt).toEqual(['casey@contoso.example'])
    expect(mail.mail.text).toContain('Sign the DR runbook')
    expect(mail.mail.text).not.toContain('Far away')
    expect(await remindActionItems(now)).toEqual({ reminded: 0, messages: 0 })
  })
})

describe('the pack’s meeting pages', () => {
  it('hold this quarter’s agenda in its order and the action items under review, from the QBR itself', async () => {
    const prisma = await db()
    const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } })
    await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
    const q2 = ok<Qbr>(await mutate('alex', 'qbr.create', { slug, quarter: '2026-Q2' }))
    ok(await mutate('casey', 'qbr.actionItems.create', { slug, qbrId: q2.id, title: 'Replace the edge firewall', owner: 'Sam', party: 'MSP', dueDate: '2026-08-15' }))
    ok(await mutate('alex', 'qbr.create', { slug, quarter: '2026-Q3' }))
    const q3 = ok<Qbr & { agenda: Array<{ id: string; title: string }> }>(await trpc(server.url, as.alex, 'query', 'qbr.get', { slug, quarter: '2026-Q3' }))
    const snapshotOf = async () => {
      const v = await generated()
      return ok<{ snapshot: { qbr: { agenda: Array<{ title: string }>; previousActionItems: Array<{ title: string; status: string }> } } }>(
        await trpc(server.url, as.casey, 'query', 'pack.snapshot', { slug, quarter: '2026-Q3', version: v.version }),
      ).snapshot.qbr
    }
    const before = await snapshotOf()
    expect(before.agenda.map((a) => a.title)).toEqual(q3.agenda.map((a) => a.title))
    expect(before.previousActionItems).toEqual([expect.objectContaining({ title: 'Replace the edge firewall', status: 'OPEN' })])

    const reversed = [...q3.agenda].reverse().map((a) => a.id)
    ok(await mutate('alex', 'qbr.agenda.reorder', { slug, id: q3.id, baseVersion: q3.version, order: reversed }))
    const after = await snapshotOf()
    expect(after.agenda.map((a) => a.title)).toEqual([...q3.agenda].reverse().map((a) => a.title))
  })
})
