import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TrpcResult, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

// Co-editing of every field of every co-edited entity through the API: the MSP's account manager and the client's
// executive both start from the same version and change the same field; the second save is a 409 that names the
// field as the form does, in words, with both values as the form shows them, and writes nothing. Then approvals
// (issue 13 D7, D18): never merged onto a version the approver did not see, cleared on decline and re-proposal.

let server: TestServer
const as: Record<string, { token: string }> = {}
const slug = 'northwind-contoso'

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  for (const email of ['alex@northwind.example', 'casey@contoso.example', 'chris@contoso.example']) as[email.split('@')[0]] = { token: await tokenFor(email) }
})

type Versioned = { id: string; version: number } & Record<string, unknown>
const call = (who: { token: string }, kind: 'query' | 'mutation', path: string, input: unknown) => trpc(server.url, who, kind, path, input)
const data = <T>(r: TrpcResult) => {
  if (r.body.error) throw new Error(`${r.status} ${r.body.error.message}`)
  return r.body.result?.data as T
}
type Conflict = { field: string; label: string; yours: unknown; theirs: unknown; by: string; at: string }
const details = <T>(r: TrpcResult) => (r.body.error?.data as unknown as { details: T }).details

// A field of two values (a roadmap item's recurring period, an action item's party) cannot conflict: the second
// person either leaves it as it was or agrees with the first. The Chromium tests cover those through the forms.

/** One field: the MSP's value (saved first) and the client's (refused); `field` is the name the 409 must use. */
type Case = { change: string; alex: unknown; casey: unknown; field?: string; alexShown?: unknown; caseyShown?: unknown }

async function conflictsFieldByField(entity: Versioned, update: string, cases: Case[], extra: (c: Case, v: unknown) => Record<string, unknown> = (c, v) => ({ [c.change]: v })) {
  let version = entity.version
  for (const c of cases) {
    const first = await call(as.alex, 'mutation', update, { slug, id: entity.id, baseVersion: version, changes: extra(c, c.alex) })
    const saved = data<{ item: Versioned }>(first).item
    expect(saved.version, c.change).toBe(version + 1)
    const second = await call(as.casey, 'mutation', update, { slug, id: entity.id, baseVersion: version, changes: extra(c, c.casey) })
    expect(second.status, `${update} ${c.change}`).toBe(409)
    const d = details<{ currentVersion: number; conflicts: Conflict[]; current: Record<string, unknown> }>(second)
    const field = c.field ?? c.change
    expect(d.conflicts, `${update} ${c.change}`).toEqual([
      { field, label: expect.any(String), yours: c.caseyShown ?? c.casey, theirs: c.alexShown ?? c.alex, by: expect.stringContaining('Alex Rivera'), at: expect.any(String) },
    ])
    // The label is words, never the API's or the database's name of the field.
    expect(d.conflicts[0].label).not.toBe(field)
    expect(d.conflicts[0].label).toMatch(/^[A-Z]/)
    expect(d.conflicts[0].label).not.toMatch(/[a-z][A-Z]|Cents|Id$/)
    expect(d.current[field], c.change).toEqual(c.alexShown ?? c.alex)
    expect(second.body.error?.message).toContain(d.conflicts[0].label)
    version = saved.version
  }
  return version
}

describe('a conflict on any field is named as the form names it', () => {
  it('roadmap item: every field, the costs as amounts (not cents)', async () => {
    const [r1, r2] = await Promise.all(
      ['Backup', 'Patching'].map(async (name) => data<Versioned>(await call(as.alex, 'mutation', 'responsibility.create', { slug, category: 'Ops', name, classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I' }))),
    )
    const [c1, c2] = await Promise.all(['Faster P1', 'Fewer escalations'].map(async (opportunity) => data<Versioned>(await call(as.alex, 'mutation', 'csi.create', { slug, opportunity, size: 'SMALL' }))))
    const item = data<Versioned>(await call(as.alex, 'mutation', 'roadmap.create', { slug, title: 'SD-WAN', status: 'PROPOSED', oneTime: 65000, recurring: 3100, targetQuarter: '2027-Q1' }))
    await conflictsFieldByField(item, 'roadmap.update', [
      { change: 'oneTime', alex: 80000, casey: 70000 },
      { change: 'recurring', alex: 3300.5, casey: 2900 },
      { change: 'title', alex: 'SD-WAN for all plants', casey: 'SD-WAN pilot' },
      { change: 'description', alex: 'All sites.', casey: 'Two sites.' },
      { change: 'businessOutcome', alex: 'Lower WAN cost', casey: 'Faster branch links' },
      { change: 'category', alex: 'Network', casey: 'Infrastructure' },
      { change: 'mspOwner', alex: 'Alex Rivera', casey: 'Sam Okafor' },
      { change: 'clientOwner', alex: 'Chris Patel', casey: 'Casey Morgan' },
      { change: 'status', alex: 'IDEA', casey: 'DECLINED' },
      { change: 'targetQuarter', alex: '2027-Q2', casey: '2027-Q3' },
      { change: 'priority', alex: 'HIGH', casey: 'LOW' },
      { change: 'currency', alex: 'EUR', casey: 'GBP' },
      { change: 'responsibilityIds', alex: [r1.id], casey: [r2.id] },
      { change: 'csiEntryIds', alex: [c1.id], casey: [c2.id] },
    ])
  })

  it('responsibility: every field', async () => {
    const row = data<Versioned>(await call(as.alex, 'mutation', 'responsibility.create', { slug, category: 'Ops', name: 'Backup', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I' }))
    await conflictsFieldByField(row, 'responsibility.update', [
      { change: 'name', alex: 'Backup and restore', casey: 'Backups' },
      { change: 'category', alex: 'Operations', casey: 'Security' },
      { change: 'classification', alex: 'STRATEGIC', casey: 'SHARED' },
      { change: 'mspRaci', alex: 'A', casey: 'AC' },
      { change: 'clientRaci', alex: 'RC', casey: 'R' },
      { change: 'mspOwner', alex: 'Alex Rivera', casey: 'Sam Okafor' },
      { change: 'clientOwner', alex: 'Chris Patel', casey: 'Casey Morgan' },
      { change: 'notes', alex: 'Nightly.', casey: 'Weekly.' },
      { change: 'slaPriorities', alex: ['P1'], casey: ['P2', 'P3'] },
      { change: 'queues', alex: ['Service desk'], casey: ['Projects'] },
      { change: 'sortOrder', alex: 5, casey: 9 },
    ])
  })

  it('CSI entry: every field, dates as days', async () => {
    const entry = data<Versioned>(await call(as.alex, 'mutation', 'csi.create', { slug, opportunity: 'Faster P1', size: 'SMALL' }))
    const stages = data<string[]>(await call(as.alex, 'query', 'csi.stages', { slug }))
    await conflictsFieldByField(entry, 'csi.update', [
      { change: 'kpiTargetDate', alex: '2027-06-30', casey: '2027-09-30' },
      { change: 'startDate', alex: '2027-01-04', casey: '2027-02-01' },
      { change: 'dueDate', alex: '2027-12-31', casey: '2027-11-30' },
      { change: 'opportunity', alex: 'Faster P1 fixes', casey: 'Faster P1 response' },
      { change: 'size', alex: 'LARGE', casey: 'MEDIUM' },
      { change: 'priority', alex: 'HIGH', casey: 'LOW' },
      { change: 'justification', alex: 'Outages cost.', casey: 'Board asks.' },
      { change: 'kpiMetric', alex: 'sla.resolution.P1', casey: 'uptime' },
      { change: 'kpiBaseline', alex: 70, casey: 65.5 },
      { change: 'kpiTarget', alex: 95, casey: 90 },
      { change: 'owner', alex: 'Alex Rivera', casey: 'Chris Patel' },
      { change: 'milestones', alex: [{ title: 'Pilot', due: '2027-03-31', done: false }], casey: [{ title: 'Rollout', due: null, done: true }] },
      { change: 'stage', alex: stages[1], casey: stages[2] },
      { change: 'status', alex: 'IN_PROGRESS', casey: 'ON_HOLD' },
    ])
  })

  it('QBR, agenda item, decision and action item: every field', async () => {
    const qbr = data<Versioned & { agenda: Versioned[] }>(
      await call(as.alex, 'mutation', 'qbr.create', { slug, quarter: '2027-Q1', startLocal: '2027-01-12T10:00', endLocal: '2027-01-12T12:00', timezone: 'Europe/Berlin' }),
    )
    await conflictsFieldByField(qbr, 'qbr.update', [
      { change: 'title', alex: 'Q1 review', casey: 'Q1 business review' },
      { change: 'startLocal', alex: '2027-01-12T09:00', casey: '2027-01-12T09:30' },
      { change: 'endLocal', alex: '2027-01-12T12:30', casey: '2027-01-12T13:00' },
      { change: 'timezone', alex: 'America/New_York', casey: 'Europe/London' },
      { change: 'location', alex: 'Room 4', casey: 'Head office' },
      { change: 'videoUrl', alex: 'https://meet.example/a', casey: 'https://meet.example/b' },
    ])
    const agenda = qbr.agenda[0]
    await conflictsFieldByField(agenda, 'qbr.agenda.update', [
      { change: 'title', alex: 'Welcome', casey: 'Introductions' },
      { change: 'timeboxMinutes', alex: 15, casey: 20 },
      { change: 'presenter', alex: 'Alex Rivera', casey: 'Casey Morgan' },
      { change: 'minutes', alex: 'Agreed.', casey: 'Deferred.' },
      { change: 'link', field: 'linkRef', alex: 'by-priority', casey: 'breaches' },
    ], (c, v) => (c.change === 'link' ? { linkType: 'SLA_SECTION', linkRef: v } : { [c.change]: v }))

    const decision = data<Versioned>(await call(as.alex, 'mutation', 'qbr.decisions.add', { slug, qbrId: qbr.id, text: 'Move to SD-WAN' }))
    await conflictsFieldByField(decision, 'qbr.decisions.update', [
      { change: 'text', alex: 'Move to SD-WAN in 2027', casey: 'Pilot SD-WAN first' },
      { change: 'decidedBy', alex: 'Both parties', casey: 'The client' },
      { change: 'agendaItemId', alex: qbr.agenda[1].id, casey: qbr.agenda[2].id },
    ])

    const users = await (await db()).user.findMany({ where: { email: { in: ['alex@northwind.example', 'casey@contoso.example'] } }, orderBy: { email: 'asc' } })
    const action = data<Versioned>(await call(as.alex, 'mutation', 'qbr.actionItems.create', { slug, qbrId: qbr.id, title: 'Order routers', owner: 'Alex Rivera', party: 'MSP' }))
    await conflictsFieldByField(action, 'qbr.actionItems.update', [
      { change: 'dueDate', alex: '2027-02-15', casey: '2027-03-01' },
      { change: 'title', alex: 'Order 12 routers', casey: 'Order 10 routers' },
      { change: 'owner', alex: 'Sam Okafor', casey: 'Chris Patel' },
      { change: 'ownerUserId', alex: users[0].id, casey: users[1].id },
      { change: 'status', alex: 'IN_PROGRESS', casey: 'DONE' },
      { change: 'notes', alex: 'Quote in.', casey: 'Waiting for budget.' },
      { change: 'agendaItemId', alex: qbr.agenda[1].id, casey: qbr.agenda[2].id },
      { change: 'link', field: 'linkRef', alex: 'monthly', casey: 'trends' },
    ], (c, v) => (c.change === 'link' ? { linkType: 'SLA_SECTION', linkRef: v } : { [c.change]: v }))
  })

  it('a cost conflict is named "One-time cost" with both amounts, and the refused save writes nothing, not even its other fields', async () => {
    const item = data<Versioned>(await call(as.alex, 'mutation', 'roadmap.create', { slug, title: 'SD-WAN', oneTime: 65000 }))
    data(await call(as.alex, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: 1, changes: { oneTime: 80000 } }))
    const refused = await call(as.casey, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: 1, changes: { oneTime: 70000, category: 'Network' } })
    expect(refused.status).toBe(409)
    const d = details<{ currentVersion: number; conflicts: Conflict[] }>(refused)
    expect(d.conflicts).toEqual([{ field: 'oneTime', label: 'One-time cost', yours: 70000, theirs: 80000, by: expect.stringContaining('Alex Rivera'), at: expect.any(String) }])
    expect(refused.body.error?.message).toMatch(/since you opened it: One-time cost$/)
    const row = await (await db()).roadmapItem.findUniqueOrThrow({ where: { id: item.id } })
    expect({ version: row.version, oneTimeCents: row.oneTimeCents, category: row.category }).toEqual({ version: 2, oneTimeCents: 8_000_000n, category: '' })
  })
})

type Item = { id: string; version: number; status: string; mspApproval: unknown; clientApproval: unknown; approvalResetReason: string | null; oneTime: number }

describe('approvals', () => {
  const create = async () => data<Item>(await call(as.alex, 'mutation', 'roadmap.create', { slug, title: 'SD-WAN', status: 'PROPOSED', oneTime: 65000, targetQuarter: '2027-Q1' }))
  const approve = (who: { token: string }, item: { id: string; version: number }) => call(who, 'mutation', 'roadmap.approve', { slug, id: item.id, baseVersion: item.version })
  const update = (who: { token: string }, item: { id: string; version: number }, changes: Record<string, unknown>) => call(who, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: item.version, changes })

  it('refuses an approval sent on an older version with 409 showing what changed since, and records nothing (D7)', async () => {
    const item = await create()
    const edited = data<{ item: Item }>(await update(as.chris, item, { oneTime: 80000, title: 'SD-WAN for all plants' })).item
    const stale = await approve(as.alex, item)
    expect(stale.status).toBe(409)
    const d = details<{ baseVersion: number; currentVersion: number; changes: Array<{ field: string; label: string; before: string; after: string; by: string }> }>(stale)
    expect(d).toMatchObject({ baseVersion: 1, currentVersion: 2 })
    expect(d.changes).toEqual(
      expect.arrayContaining([
        { field: 'oneTime', label: 'One-time cost', before: '65,000', after: '80,000', by: expect.stringContaining('Chris Patel'), at: expect.any(String) },
        { field: 'title', label: 'Title', before: 'SD-WAN', after: 'SD-WAN for all plants', by: expect.stringContaining('Chris Patel'), at: expect.any(String) },
      ]),
    )
    expect(stale.body.error?.message).toContain('One-time cost 65,000 → 80,000')
    const row = await (await db()).roadmapItem.findUniqueOrThrow({ where: { id: item.id } })
    expect({ version: row.version, mspApprovedAt: row.mspApprovedAt }).toEqual({ version: 2, mspApprovedAt: null })
    // On the version they now see, the approval goes through.
    expect(data<Item>(await approve(as.alex, edited)).mspApproval).toMatchObject({ by: expect.stringContaining('Alex Rivera') })
  })

  it('clears both approvals when an approved item is declined, and it can be proposed and approved again (D18)', async () => {
    const item = await create()
    const msp = data<Item>(await approve(as.alex, item))
    const approved = data<Item>(await approve(as.casey, msp))
    expect(approved.status).toBe('APPROVED')
    const declined = data<{ item: Item }>(await update(as.casey, approved, { status: 'DECLINED' })).item
    expect(declined).toMatchObject({ status: 'DECLINED', mspApproval: null, clientApproval: null })
    expect(declined.approvalResetReason).toMatch(/^Approval reset: Status Approved → Declined \(by Casey Morgan/)
    const reproposed = data<{ item: Item }>(await update(as.alex, declined, { status: 'PROPOSED' })).item
    expect(reproposed).toMatchObject({ status: 'PROPOSED', mspApproval: null, clientApproval: null })
    const again = data<Item>(await approve(as.casey, data<Item>(await approve(as.alex, reproposed))))
    expect(again.status).toBe('APPROVED')
  })

  it('clears approvals still held by a declined item when it is proposed again (D18)', async () => {
    const item = await create()
    // A declined item that kept its approvals (as every item declined before this rule did).
    await (await db()).roadmapItem.update({
      where: { id: item.id },
      data: { status: 'DECLINED', mspApprovedAt: new Date(), mspApprovedBy: 'Alex Rivera', clientApprovedAt: new Date(), clientApprovedBy: 'Casey Morgan' },
    })
    const reproposed = data<{ item: Item }>(await update(as.alex, item, { status: 'PROPOSED' })).item
    expect(reproposed).toMatchObject({ status: 'PROPOSED', mspApproval: null, clientApproval: null })
    expect(reproposed.approvalResetReason).toMatch(/Status Declined → Proposed/)
    expect(data<Item>(await approve(as.casey, data<Item>(await approve(as.alex, reproposed)))).status).toBe('APPROVED')
  })
})
