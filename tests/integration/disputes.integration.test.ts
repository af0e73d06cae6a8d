// SLA verdict disputes through the API (issue 11 §5): the client raises, the MSP accepts or rejects; each step is
// audited, versioned and mailed to the other party, and sla.report shows attainment computed and agreed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { configureMail } from '../../emails/send-email.server.ts'
import { db } from '../../server/db/client.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TrpcResult, trpc, savePolicy } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
const tokens = new Map<string, string>()
const PEOPLE = ['ava@northwind.example', 'alex@northwind.example', 'sam@northwind.example', 'tara@tailspin.example', 'casey@contoso.example', 'chris@contoso.example', 'fiona@fabrikam.example']
beforeAll(async () => {
  server = await startTestServer()
  await configureMail({ smtpUrl: undefined })
})
afterAll(async () => {
  await configureMail(null)
  await server.close()
})

const slug = 'northwind-contoso'
// P2: business clock, response 60 min, America/New_York, Mon–Fri 08:00–18:00.
const tickets = [
  { externalId: 'A', priority: 'P2', createdAt: '2026-07-13T09:00:00-04:00', firstResponseAt: '2026-07-13T09:30:00-04:00', resolvedAt: '2026-07-13T13:00:00-04:00' },
  // Response breached: 90 minutes against 60.
  { externalId: 'B', priority: 'P2', createdAt: '2026-07-13T14:00:00-04:00', firstResponseAt: '2026-07-13T15:30:00-04:00', resolvedAt: '2026-07-13T17:00:00-04:00' },
  { externalId: 'C', priority: 'P2', createdAt: '2026-08-03T09:00:00-04:00', firstResponseAt: '2026-08-03T09:20:00-04:00', resolvedAt: '2026-08-03T11:00:00-04:00' },
]

const as = (who: string) => ({ token: tokens.get(`${who}@${PEOPLE.find((p) => p.startsWith(`${who}@`))!.split('@')[1]}`)! })
const call = (who: string, kind: 'query' | 'mutation', path: string, input: unknown) => trpc(server.url, as(who), kind, path, input)
function ok<T = Record<string, any>>(r: TrpcResult): T {
  if (r.status !== 200) throw new Error(`${r.status}: ${JSON.stringify(r.body.error)}`)
  return r.body.result!.data as T
}
const raise = (who: string, input: Record<string, unknown> = {}) =>
  call(who, 'mutation', 'disputes.raise', { slug, externalId: 'B', metric: 'response', reason: 'The engineer phoned us at 14:20; the PSA logged it late.', ...input })
const outbox = async () => (await (await db()).outboxMessage.findMany({ where: { kind: 'SLA_DISPUTE' }, orderBy: { to: 'asc' } })).map((m) => ({ to: m.to, subject: m.subject }))
const clearOutbox = async () => (await db()).outboxMessage.deleteMany({})
const disputeRows = async () => (await db()).slaDispute.findMany({ select: { id: true, status: true, version: true, agreedVerdict: true, answer: true }, orderBy: { createdAt: 'asc' } })

beforeEach(async () => {
  await seedDemo()
  for (const email of PEOPLE) tokens.set(email, await tokenFor(email))
  ok(await savePolicy(server.url, as('alex'), slug, DEMO_POLICY))
  ok(await call('alex', 'mutation', 'tickets.upsert', { slug, tickets }))
})

describe('a dispute from raising to acceptance', () => {
  it('is raised by the client, mailed to the MSP, accepted by the account manager, mailed back, and moves only the agreed figures', async () => {
    const raised = ok(await raise('casey'))
    expect(raised).toMatchObject({
      ticket: { externalId: 'B', priority: 'P2' },
      metric: 'response',
      status: 'OPEN',
      computedVerdict: 'breached',
      agreedVerdict: null,
      elapsedMinutes: 90,
      targetMinutes: 60,
      decidedAt: '2026-07-13T19:00:00.000Z',
      raisedBy: 'Casey Morgan',
      version: 1,
      events: [{ kind: 'RAISED', party: 'CLIENT', by: 'Casey Morgan', version: 1 }],
    })
    // To the MSP's people who may answer (admin, account manager), not to its engineer or the client.
    expect(await outbox()).toEqual([
      { to: 'alex@northwind.example', subject: 'SLA verdict disputed: ticket B (Northwind Managed Services × Contoso Manufacturing)' },
      { to: 'ava@northwind.example', subject: 'SLA verdict disputed: ticket B (Northwind Managed Services × Contoso Manufacturing)' },
    ])
    await clearOutbox()

    const accepted = ok(await call('alex', 'mutation', 'disputes.accept', { slug, id: raised.id, baseVersion: 1, reason: 'Call log confirms a response at 14:20.' }))
    expect(accepted).toMatchObject({ status: 'ACCEPTED', agreedVerdict: 'met', answer: 'Call log confirms a response at 14:20.', answeredBy: 'Alex Rivera', version: 2 })
    expect(accepted.events.map((e: { kind: string; party: string }) => `${e.kind}/${e.party}`)).toEqual(['RAISED/CLIENT', 'ACCEPTED/MSP'])
    expect((await outbox()).map((m) => m.to)).toEqual(['casey@contoso.example', 'chris@contoso.example'])
    const mail = await (await db()).outboxMessage.findFirstOrThrow({ where: { to: 'casey@contoso.example' } })
    expect(mail.text).toContain('the agreed figures count it as met')
    expect(mail.text).toContain(`/p/${slug}/sla/tickets/B#dispute-${raised.id}`)

    const audit = await (await db()).auditEvent.findMany({ where: { entityType: 'SlaDispute' }, orderBy: { createdAt: 'asc' }, select: { action: true, actorLabel: true, changes: true } })
    expect(audit.map((a) => a.action)).toEqual(['slaDispute.raise', 'slaDispute.accept'])
    expect(audit[1].changes).toMatchObject({ status: { before: 'OPEN', after: 'ACCEPTED' }, agreedVerdict: { before: null, after: 'met' } })

    const report = ok(await call('casey', 'query', 'sla.report', { slug, quarter: '2026-Q3' }))
    expect(report.totals.response.overall).toEqual({ met: 2, breached: 1, pending: 0, attainment: (100 * 2) / 3 })
    expect(report.agreedTotals.response.overall).toEqual({ met: 3, breached: 0, pending: 0, attainment: 100 })
    expect(report.agreedTotals.response.byMonth['2026-07']).toEqual({ met: 2, breached: 0, pending: 0, attainment: 100 })
    expect(report.agreedTotals.resolution).toEqual(report.totals.resolution)
    expect(report.disputes).toEqual([
      expect.objectContaining({ id: raised.id, externalId: 'B', metric: 'response', status: 'ACCEPTED', computedVerdict: 'breached', agreedVerdict: 'met', raisedBy: 'Casey Morgan', answeredBy: 'Alex Rivera' }),
    ])
    // Another quarter lists none of this quarter's disputes, and its agreed figures are its computed ones.
    const q4 = ok(await call('casey', 'query', 'sla.report', { slug, quarter: '2026-Q4' }))
    expect(q4.disputes).toEqual([])
    expect(q4.agreedTotals).toEqual(q4.totals)
    // As of an instant before anyone disputed: the quarter as it stood then.
    const then = ok(await call('casey', 'query', 'sla.report', { slug, quarter: '2026-Q3', asOf: '2026-10-01T12:00:00Z' }))
    expect(then.disputes).toEqual([])
    expect(then.agreedTotals).toEqual(then.totals)

    const listed = ok<Array<{ id: string }>>(await call('sam', 'query', 'disputes.list', { slug, quarter: '2026-Q3' }))
    expect(listed.map((d) => d.id)).toEqual([raised.id])
    expect(ok<Array<unknown>>(await call('sam', 'query', 'disputes.list', { slug, quarter: '2026-Q4' }))).toEqual([])
    expect(ok<Array<unknown>>(await call('sam', 'query', 'disputes.list', { slug, externalId: 'A' }))).toEqual([])
    expect(ok(await call('chris', 'query', 'disputes.get', { slug, id: raised.id })).status).toBe('ACCEPTED')
  })

  it('a rejection keeps the verdict in both columns, mails the client and lets the client raise it again', async () => {
    const raised = ok(await raise('chris'))
    const rejected = ok(await call('ava', 'mutation', 'disputes.reject', { slug, id: raised.id, baseVersion: 1, answer: 'The call at 14:20 was about another ticket.' }))
    expect(rejected).toMatchObject({ status: 'REJECTED', agreedVerdict: null, answer: 'The call at 14:20 was about another ticket.', version: 2 })
    const report = ok(await call('casey', 'query', 'sla.report', { slug, quarter: '2026-Q3' }))
    expect(report.agreedTotals).toEqual(report.totals)
    expect(report.disputes.map((d: { status: string }) => d.status)).toEqual(['REJECTED'])
    expect((await (await db()).outboxMessage.findMany({ where: { kind: 'SLA_DISPUTE', subject: { startsWith: 'SLA dispute rejected' } } })).map((m) => m.to).sort()).toEqual([
      'casey@contoso.example',
      'chris@contoso.example',
    ])
    const again = ok(await raise('casey', { reason: 'Here is the phone log showing the call at 14:20 about B.' }))
    expect(again.id).not.toBe(raised.id)
    expect(ok<Array<{ status: string }>>(await call('casey', 'query', 'disputes.list', { slug, externalId: 'B' })).map((d) => d.status)).toEqual(['OPEN', 'REJECTED'])
  })

  it('an MSP answer can agree on a verdict other than the opposite one, e.g. confirming a met verdict', async () => {
    const raised = ok(await raise('casey', { externalId: 'A', reason: 'We were told the first response came by e-mail, not phone.' }))
    expect(raised.computedVerdict).toBe('met')
    const accepted = ok(await call('alex', 'mutation', 'disputes.accept', { slug, id: raised.id, baseVersion: 1, agreedVerdict: 'breached', reason: 'Agreed: the phone call did not count.' }))
    expect(accepted.agreedVerdict).toBe('breached')
    const report = ok(await call('casey', 'query', 'sla.report', { slug, quarter: '2026-Q3' }))
    expect(report.agreedTotals.response.overall).toMatchObject({ met: 1, breached: 2 })
  })

  it('respects the notification preference of each recipient', async () => {
    ok(await call('alex', 'mutation', 'notifications.setPreferences', { enabled: ['SLA_BREACH'] }))
    ok(await raise('casey'))
    expect((await outbox()).map((m) => m.to)).toEqual(['ava@northwind.example'])
  })
})

describe('versions: concurrent answers never silently overwrite', () => {
  it('a second answer at the same version gets 409 and changes nothing', async () => {
    const raised = ok(await raise('casey'))
    ok(await call('ava', 'mutation', 'disputes.accept', { slug, id: raised.id, baseVersion: 1, reason: 'Confirmed by the call log.' }))
    const before = await disputeRows()
    const late = await call('alex', 'mutation', 'disputes.reject', { slug, id: raised.id, baseVersion: 1, answer: 'I think it was late after all.' })
    expect(late.status).toBe(409)
    expect(late.body.error?.data.code).toBe('CONFLICT')
    expect(late.body.error?.message).toBe('Already accepted by Ava Northcott')
    expect(await disputeRows()).toEqual(before)
    expect(await (await db()).slaDisputeEvent.count()).toBe(2)
  })

  it('two answers sent at once: exactly one wins, the other is told', async () => {
    const raised = ok(await raise('casey'))
    const results = await Promise.all([
      call('ava', 'mutation', 'disputes.accept', { slug, id: raised.id, baseVersion: 1, reason: 'Confirmed by the call log.' }),
      call('alex', 'mutation', 'disputes.reject', { slug, id: raised.id, baseVersion: 1, answer: 'The PSA timestamp stands.' }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const [row] = await disputeRows()
    expect(row.version).toBe(2)
    expect(await (await db()).slaDisputeEvent.count()).toBe(2)
    expect(await (await db()).auditEvent.count({ where: { entityType: 'SlaDispute' } })).toBe(2)
  })

  it('two raises of the same verdict at once: one dispute, the other gets 409 naming the metric', async () => {
    const results = await Promise.all([raise('casey'), raise('chris')])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const refused = results.find((r) => r.status === 409)!
    expect(refused.body.error?.data.fieldErrors).toEqual([{ field: 'metric', message: 'Already disputed' }])
    expect(await (await db()).slaDispute.count()).toBe(1)
  })

  it('a baseVersion newer than the dispute is a 400 naming it', async () => {
    const raised = ok(await raise('casey'))
    const r = await call('alex', 'mutation', 'disputes.accept', { slug, id: raised.id, baseVersion: 7, reason: 'Confirmed by the call log.' })
    expect(r.status).toBe(400)
    expect(r.body.error?.data.fieldErrors.map((f) => f.field)).toEqual(['baseVersion'])
  })
})

describe('roles and tenants', () => {
  it('only the client raises and only the MSP answers; other tenants see nothing', async () => {
    const codes = async (who: string, path: string, input: unknown) => {
      const r = await call(who, path === 'disputes.list' || path === 'disputes.get' ? 'query' : 'mutation', path, input)
      return r.body.error?.data.code ?? 'OK'
    }
    // The MSP cannot raise, an engineer cannot accept, a client cannot accept or reject.
    for (const who of ['ava', 'alex', 'sam']) expect(await codes(who, 'disputes.raise', { slug, externalId: 'B', metric: 'response', reason: 'We think this is wrong, really.' }), who).toBe('FORBIDDEN')
    const raised = ok(await raise('casey'))
    const answer = { slug, id: raised.id, baseVersion: 1, reason: 'Confirmed by the call log.', answer: 'The PSA timestamp stands.' }
    for (const who of ['sam', 'casey', 'chris']) {
      expect(await codes(who, 'disputes.accept', answer), who).toBe('FORBIDDEN')
      expect(await codes(who, 'disputes.reject', answer), who).toBe('FORBIDDEN')
    }
    // Another MSP and another client: not found, for reads and writes alike.
    for (const who of ['tara', 'fiona']) {
      for (const path of ['disputes.list', 'disputes.get', 'disputes.raise', 'disputes.accept', 'disputes.reject']) {
        expect(await codes(who, path, { ...answer, externalId: 'B', metric: 'response' }), `${who} ${path}`).toBe('NOT_FOUND')
      }
    }
    // Casey is a party of tailspin-contoso too, but this dispute is not there.
    expect(await codes('casey', 'disputes.get', { slug: 'tailspin-contoso', id: raised.id })).toBe('NOT_FOUND')
    expect(ok<unknown[]>(await call('casey', 'query', 'disputes.list', { slug: 'tailspin-contoso' }))).toEqual([])
    expect(await codes('tara', 'disputes.accept', { ...answer, slug: 'tailspin-contoso' })).toBe('NOT_FOUND')
    expect((await disputeRows()).map((d) => [d.status, d.version])).toEqual([['OPEN', 1]])
  })
})

describe('validation', () => {
  it('names the field of each bad input with a 4xx and writes nothing', async () => {
    const field = async (who: string, path: string, input: unknown) => {
      const r = await call(who, 'mutation', path, input)
      return [r.status, r.body.error?.data.fieldErrors.map((f) => f.field).join(',') ?? '']
    }
    expect(await field('casey', 'disputes.raise', { slug, externalId: 'B', metric: 'response', reason: 'too short' })).toEqual([400, 'reason'])
    expect(await field('casey', 'disputes.raise', { slug, externalId: 'B', metric: 'response', reason: 'x'.repeat(2001) })).toEqual([400, 'reason'])
    expect(await field('casey', 'disputes.raise', { slug, externalId: 'B', metric: 'uptime', reason: 'The call came at 14:20.' })).toEqual([400, 'metric'])
    expect(await field('casey', 'disputes.raise', { slug, externalId: '', metric: 'response', reason: 'The call came at 14:20.' })).toEqual([400, 'externalId'])
    expect(await field('casey', 'disputes.raise', { slug, externalId: 'NOPE', metric: 'response', reason: 'The call came at 14:20.' })).toEqual([404, ''])
    // A verdict not decided yet has nothing to dispute.
    ok(await call('alex', 'mutation', 'tickets.upsert', { slug, tickets: [{ externalId: 'OPEN-1', priority: 'P4', createdAt: new Date().toISOString() }] }))
    expect(await field('casey', 'disputes.raise', { slug, externalId: 'OPEN-1', metric: 'resolution', reason: 'The call came at 14:20.' })).toEqual([400, 'metric'])
    const raised = ok(await raise('casey'))
    expect(await field('alex', 'disputes.accept', { slug, id: raised.id, baseVersion: 1, reason: '' })).toEqual([400, 'reason'])
    expect(await field('alex', 'disputes.accept', { slug, id: raised.id, baseVersion: 1, reason: 'Confirmed by the call log.', agreedVerdict: 'pending' })).toEqual([400, 'agreedVerdict'])
    expect(await field('alex', 'disputes.reject', { slug, id: raised.id, baseVersion: 1, answer: 'no' })).toEqual([400, 'answer'])
    expect(await field('alex', 'disputes.reject', { slug, id: 'not-an-id', baseVersion: 1, answer: 'The PSA timestamp stands.' })).toEqual([400, 'id'])
    expect(await field('alex', 'disputes.reject', { slug, id: raised.id, answer: 'The PSA timestamp stands.' })).toEqual([400, 'baseVersion'])
    expect((await disputeRows()).map((d) => [d.status, d.version])).toEqual([['OPEN', 1]])
    expect(await (await db()).slaDisputeEvent.count()).toBe(1)
  })
})
