// A ticket the PSA closed without a resolution time, in each vendor's closed vocabulary (ADR 011 addendum), and a
// changed status map applied to stored tickets from their kept histories (ADR 006 addendum): msw mocks of the three
// PSAs at the network edge, the real ticket store, the real SLA engine.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { getConnectorStatus } from '../../server/connectors/connector-status.server.ts'
import { runSync } from '../../server/connectors/run-sync.server.ts'
import { saveConnection } from '../../server/connectors/save-connection.server.ts'
import { db } from '../../server/db/client.server.ts'
import { explainTicket } from '../../server/sla/explain-ticket.server.ts'
import { findAtRiskClocks } from '../../server/sla/find-at-risk-clocks.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { setSlaPolicy } from '../../server/sla/sla-policies.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'
import {
  AT_CREDENTIALS,
  AT_DISCOVERY,
  CW_CREDENTIALS,
  CW_SITE,
  HALO_CREDENTIALS,
  HALO_INSTANCE,
  atStatusHistory,
  atTicket,
  createMocks,
  cwStatusAudit,
  cwTicket,
  haloStatusActions,
  haloTicket,
  mockServer,
} from '../mocks/index.ts'

const actor = { userId: null, label: 'test' }
let mocks = createMocks()
const { server } = mockServer(mocks)
const fast = { http: { minDelayMs: 1, maxDelayMs: 8, timeoutMs: 2000, sleep: async () => {} } }

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())
beforeEach(() => {
  mocks = createMocks()
  server.resetHandlers(...mocks.handlers)
})

const SETUP = {
  connectwise: { baseUrl: CW_SITE, credentials: CW_CREDENTIALS, companies: ['250'] },
  autotask: { baseUrl: AT_DISCOVERY, credentials: AT_CREDENTIALS, companies: ['629'] },
  halopsa: { baseUrl: HALO_INSTANCE, credentials: HALO_CREDENTIALS, companies: ['212'] },
}

async function partnership(kind: keyof typeof SETUP, extra: Record<string, unknown> = {}) {
  const { partnership } = await createPartnershipGraph()
  const scope = await unsafeOperatorScope(partnership.slug)
  await saveConnection(scope, actor, { slug: partnership.slug, kind, ...SETUP[kind], ...extra })
  await setSlaPolicy(scope, actor, { slug: partnership.slug, policy: DEMO_POLICY }, { replace: true })
  return { id: partnership.id, slug: partnership.slug, scope }
}

const byId = async (partnershipId: string) => new Map((await (await db()).ticket.findMany({ where: { partnershipId } })).map((t) => [t.externalId, t]))
// Ticket i of the mocks is created at 2026-06-01T08:00Z + i hours.
const at = (i: number, hours: number) => new Date(Date.parse('2026-06-01T08:00:00Z') + (i + hours) * 3_600_000).toISOString().replace('.000Z', 'Z')
const stored = (iso: string) => new Date(iso)
// A year after the tickets: an open clock would long be past due.
const LATER = '2027-06-01T00:00:00Z'

/** The resolution clock of a stored ticket a year later, as the ticket page and the at-risk sweep see it. */
async function resolutionLater(p: { slug: string; scope: Awaited<ReturnType<typeof unsafeOperatorScope>> }, externalId: string) {
  return (await explainTicket(p.scope, { slug: p.slug, externalId, asOf: LATER })).resolution
}

describe('closed in the PSA without a resolution time', () => {
  it('ConnectWise ">Closed": completed when its audit trail entered the closed status; without one, completion unknown, never past due', async () => {
    const cw = mocks.connectwise.state
    cw.tickets.push(
      cwTicket(1, { status: { id: 23, name: '>Closed' }, closedFlag: true, dateResolved: null, closedDate: null }),
      cwTicket(2, { status: { id: 24, name: 'Closed (resolved)' }, closedFlag: true, dateResolved: null, closedDate: null }),
    )
    cw.audits.set(100_001, cwStatusAudit([
      { at: at(1, 1), from: 'New', to: 'In Progress' },
      { at: at(1, 3), from: 'In Progress', to: '>Closed' },
    ]))
    const p = await partnership('connectwise')
    expect(await runSync(p.id, { connector: fast })).toMatchObject({ status: 'succeeded', inserted: 2 })
    const rows = await byId(p.id)
    expect(rows.get('100001')).toMatchObject({ lifecycle: 'closed', resolvedAt: stored(at(1, 3)) })
    expect(rows.get('100002')).toMatchObject({ lifecycle: 'closed', resolvedAt: null })
    expect(await resolutionLater(p, '100001')).toMatchObject({ verdict: 'met', completionUnknown: false })
    expect(await resolutionLater(p, '100002')).toMatchObject({ verdict: 'pending', completionUnknown: true, decidedAt: null })
    expect((await findAtRiskClocks(p.id, DEMO_POLICY, Date.parse(LATER))).filter((c) => c.metric === 'resolution')).toEqual([])
  })

  it('Autotask 5 "Complete": completed when its TicketHistory entered Complete; without one, completion unknown', async () => {
    const state = mocks.autotask.state
    state.tickets.push(atTicket(1, { status: 5, resolvedDateTime: null }), atTicket(2, { status: 5, resolvedDateTime: null }))
    state.histories.set(29_001, atStatusHistory(29_001, [
      { at: at(1, 2), from: 'New', to: 'In Progress' },
      { at: at(1, 4), from: 'In Progress', to: 'Complete' },
    ]))
    const p = await partnership('autotask')
    expect(await runSync(p.id, { connector: fast })).toMatchObject({ status: 'succeeded', inserted: 2 })
    const rows = await byId(p.id)
    expect(rows.get('29001')).toMatchObject({ status: 'Complete', lifecycle: 'closed', resolvedAt: stored(at(1, 4)) })
    expect(rows.get('29002')).toMatchObject({ status: 'Complete', lifecycle: 'closed', resolvedAt: null })
    expect(await resolutionLater(p, '29001')).toMatchObject({ verdict: 'met' })
    expect(await resolutionLater(p, '29002')).toMatchObject({ verdict: 'pending', completionUnknown: true })
  })

  it('HaloPSA 9 "Closed" and a mapped "Closed - No Response": completed when the actions closed it; without, completion unknown', async () => {
    const state = mocks.halopsa.state
    state.tickets.push(
      haloTicket(1, { status_id: 9, dateclosed: '1900-01-01T00:00:00' }),
      haloTicket(2, { status_id: 21, hasbeenclosed: false, dateclosed: '1900-01-01T00:00:00' }),
    )
    // Closed, reopened, closed again: it finished when it was last closed.
    state.actions.set(10_001, haloStatusActions(10_001, [
      { at: at(1, 1), from: 1, to: 9 },
      { at: at(1, 2), from: 9, to: 2 },
      { at: at(1, 5), from: 2, to: 9 },
    ]))
    const p = await partnership('halopsa', { statusMap: { closed: ['Closed', 'Closed - No Response'] } })
    expect(await runSync(p.id, { connector: fast })).toMatchObject({ status: 'succeeded', inserted: 2 })
    const rows = await byId(p.id)
    expect(rows.get('10001')).toMatchObject({ status: 'Closed', lifecycle: 'closed', resolvedAt: stored(at(1, 5)) })
    expect(rows.get('10002')).toMatchObject({ status: 'Closed - No Response', lifecycle: 'closed', resolvedAt: null })
    expect(await resolutionLater(p, '10002')).toMatchObject({ verdict: 'pending', completionUnknown: true })
  })
})

describe('a changed status map', () => {
  it('is applied to stored tickets from their kept histories at the next sync, without calling the PSA for them', async () => {
    const cw = mocks.connectwise.state
    cw.tickets.push(cwTicket(3, { status: { id: 16, name: 'In Progress' } }), cwTicket(4))
    cw.audits.set(100_003, cwStatusAudit([
      { at: at(3, 1), from: 'New', to: 'Scheduled' },
      { at: at(3, 4), from: 'Scheduled', to: 'In Progress' },
    ]))
    const p = await partnership('connectwise')
    await runSync(p.id, { connector: fast })
    expect((await byId(p.id)).get('100003')).toMatchObject({ pauses: [] })
    const cursor = (await (await db()).psaConnection.findUniqueOrThrow({ where: { partnershipId: p.id } })).cursorUpdatedAt

    await saveConnection(p.scope, actor, { slug: p.slug, kind: 'connectwise', ...SETUP.connectwise, credentials: undefined, statusMap: { waiting: ['Scheduled', 'Waiting Customer'] } })
    const connection = await (await db()).psaConnection.findUniqueOrThrow({ where: { partnershipId: p.id } })
    expect(connection.cursorUpdatedAt).toEqual(cursor)
    expect(connection.statusMapChangedAt).not.toBeNull()
    expect((await getConnectorStatus(p.scope)).pending).toEqual({ kind: 'recompute', tickets: 2 })

    const auditCalls = cw.auditRequests
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'succeeded', histories: 0 })
    expect(cw.auditRequests).toBe(auditCalls)
    expect((await byId(p.id)).get('100003')).toMatchObject({ lifecycle: 'open', pauses: [[stored(at(3, 1)).toISOString(), stored(at(3, 4)).toISOString(), 'Scheduled']] })
    expect((await getConnectorStatus(p.scope)).pending).toBeNull()
    // Recomputed rows hash as a sync would write them: the next full sync finds nothing to change.
    expect(await runSync(p.id, { connector: fast, full: true })).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 2 })
  })

  it('reads every stored ticket again when some were stored without a kept history, and the page says so', async () => {
    mocks.connectwise.state.tickets.push(cwTicket(3), cwTicket(4))
    const p = await partnership('connectwise')
    await runSync(p.id, { connector: fast })
    await (await db()).$executeRawUnsafe(`UPDATE "Ticket" SET "statusSource" = NULL WHERE "partnershipId" = $1 AND "externalId" = '100003'`, p.id)
    await saveConnection(p.scope, actor, { slug: p.slug, kind: 'connectwise', ...SETUP.connectwise, credentials: undefined, statusMap: { waiting: ['Scheduled'] } })
    expect(await (await db()).psaConnection.findUniqueOrThrow({ where: { partnershipId: p.id } })).toMatchObject({ cursorUpdatedAt: null, statusMapChangedAt: null })
    expect((await getConnectorStatus(p.scope)).pending).toEqual({ kind: 'reread', tickets: 2 })
    expect(await runSync(p.id, { connector: fast })).toMatchObject({ status: 'succeeded', histories: 2 })
    expect((await getConnectorStatus(p.scope)).pending).toBeNull()
  })
})
