import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { seedDemoQbrs } from '../../server/demo/seed-qbrs.server.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TrpcResult, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
const as: Record<string, { token: string }> = {}
const slug = 'northwind-contoso'

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  for (const email of ['alex@northwind.example', 'casey@contoso.example', 'chris@contoso.example', 'sam@northwind.example']) {
    as[email.split('@')[0]] = { token: await tokenFor(email) }
  }
})

type Action = { id: string; version: number; status: string; title: string; originQuarter: string; carriedInto: string[]; carriedOver?: boolean }
type Agenda = { id: string; version: number; title: string; minutes: string; templateKey: string | null; timeboxMinutes: number }
type Qbr = {
  id: string
  version: number
  quarter: string
  status: string
  icsUid: string
  icsSequence: number
  startsAt: string | null
  previousQuarter: string | null
  agenda: Agenda[]
  actionItems: Action[]
  decisions: Array<{ id: string; text: string }>
  attendees: Array<{ email: string; party: string }>
  nextStatuses: string[]
}
const data = <T>(r: TrpcResult) => {
  if (r.body.error) throw new Error(`${r.status} ${r.body.error.message}`)
  return r.body.result?.data as T
}
const error = (r: TrpcResult) => ({ status: r.status, code: r.body.error?.data.code, fields: r.body.error?.data.fieldErrors.map((f) => f.field) })

const call = (who: { token: string }, kind: 'query' | 'mutation', path: string, input: unknown) => trpc(server.url, who, kind, path, input)
const create = async (quarter: string) => data<Qbr>(await call(as.alex, 'mutation', 'qbr.create', { slug, quarter }))
const get = async (quarter: string, who = as.casey) => data<Qbr>(await call(who, 'query', 'qbr.get', { slug, quarter }))
const move = (q: { id: string; version: number }, status: string) => call(as.alex, 'mutation', 'qbr.setStatus', { slug, id: q.id, baseVersion: q.version, status })

async function schedule(q: Qbr) {
  const u = data<{ item: Qbr }>(
    await call(as.alex, 'mutation', 'qbr.update', { slug, id: q.id, baseVersion: q.version, changes: { startLocal: '2026-06-16T10:00', endLocal: '2026-06-16T12:00', timezone: 'Europe/Berlin' } }),
  ).item
  return data<Qbr>(await move(u, 'SCHEDULED'))
}

/** Through DRAFT → SCHEDULED → HELD → CLOSED. */
async function close(q: Qbr) {
  const held = data<Qbr>(await move(await schedule(q), 'HELD'))
  return data<Qbr>(await move(held, 'CLOSED'))
}

describe('a new QBR', () => {
  it('gets the standard agenda in order, a calendar UID, and no second QBR for the same quarter', async () => {
    const q = await create('2026-Q3')
    expect(q).toMatchObject({ quarter: '2026-Q3', status: 'DRAFT', icsSequence: 0, nextStatuses: ['SCHEDULED'] })
    expect(q.icsUid).toMatch(/@accord$/)
    expect(q.agenda.map((a) => a.title)).toEqual([
      'Service performance and SLAs',
      'Incidents and escalations',
      'Responsibility changes',
      'Roadmap and joint innovation',
      'CSI progress',
      'Budget',
      'Action items review',
      'Next steps',
    ])
    const again = await call(as.alex, 'mutation', 'qbr.create', { slug, quarter: '2026-Q3' })
    expect(error(again)).toEqual({ status: 409, code: 'CONFLICT', fields: ['quarter'] })
  })

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = await (await db()).qbr.count()
    expect(error(await call(as.alex, 'mutation', 'qbr.create', { slug, quarter: 'Q3 2026' }))).toMatchObject({ status: 400, fields: ['quarter'] })
    expect(error(await call(as.alex, 'mutation', 'qbr.create', { slug, quarter: '2026-Q4', timezone: 'Mars/Olympus' }))).toMatchObject({ status: 400, fields: ['timezone'] })
    expect(error(await call(as.alex, 'mutation', 'qbr.create', { slug, quarter: '2026-Q4', startLocal: '2026-10-01T10:00', endLocal: '2026-10-01T09:00' }))).toMatchObject({
      status: 400,
      fields: ['endLocal'],
    })
    expect(await (await db()).qbr.count()).toBe(before)
    const q = await create('2026-Q4')
    const item = q.agenda[0]
    expect(error(await call(as.casey, 'mutation', 'qbr.agenda.update', { slug, id: item.id, baseVersion: 1, changes: { timeboxMinutes: 0 } }))).toMatchObject({
      status: 400,
      fields: ['changes.timeboxMinutes'],
    })
    expect(error(await call(as.casey, 'mutation', 'qbr.agenda.add', { slug, qbrId: q.id, title: 'Linked', linkType: 'ROADMAP_ITEM', linkRef: crypto.randomUUID() }))).toMatchObject({
      status: 400,
      fields: ['linkRef'],
    })
    expect(error(await call(as.casey, 'mutation', 'qbr.actionItems.create', { slug, qbrId: q.id, title: 'x', owner: 'Casey', party: 'CLIENT', dueDate: '2026-02-30' }))).toMatchObject({
      status: 400,
      fields: ['dueDate'],
    })
    expect(error(await call(as.casey, 'mutation', 'qbr.attendees.add', { slug, qbrId: q.id, email: 'not-an-email', party: 'CLIENT' }))).toMatchObject({ status: 400, fields: ['email'] })
  })
})

describe('the closed loop', () => {
  it('carries the previous QBR’s open action items into the new action items review, as the same rows', async () => {
    const q2 = await create('2026-Q2')
    const mk = (title: string) => call(as.casey, 'mutation', 'qbr.actionItems.create', { slug, qbrId: q2.id, title, owner: 'Casey Morgan', party: 'CLIENT', dueDate: '2026-07-31' })
    const open = data<Action>(await mk('Share the plant shutdown calendar'))
    const inProgress = data<Action>(await mk('Review the P1 escalation path'))
    const done = data<Action>(await mk('Sign the DPA'))
    await call(as.alex, 'mutation', 'qbr.actionItems.update', { slug, id: inProgress.id, baseVersion: 1, changes: { status: 'IN_PROGRESS' } })
    await call(as.alex, 'mutation', 'qbr.actionItems.update', { slug, id: done.id, baseVersion: 1, changes: { status: 'DONE' } })
    await close(await get('2026-Q2'))

    const q3 = await create('2026-Q3')
    expect(q3.previousQuarter).toBe('2026-Q2')
    const carried = q3.actionItems.filter((a) => a.carriedOver)
    expect(carried.map((a) => a.title).sort()).toEqual(['Review the P1 escalation path', 'Share the plant shutdown calendar'])
    expect(carried.every((a) => a.originQuarter === '2026-Q2')).toBe(true)
    const rows = await (await db()).qbrActionCarry.findMany({ where: { qbrId: q3.id } })
    const review = q3.agenda.find((a) => a.templateKey === 'ACTION_REVIEW')!
    expect(rows.every((r) => r.agendaItemId === review.id)).toBe(true)

    // Closing it in the new QBR closes it in the old one too: one row.
    const r = data<{ item: Action }>(await call(as.casey, 'mutation', 'qbr.actionItems.update', { slug, id: open.id, baseVersion: 1, changes: { status: 'DONE' } }))
    expect(r.item.carriedInto).toEqual(['2026-Q3'])
    const inOld = (await get('2026-Q2')).actionItems.find((a) => a.id === open.id)!
    expect(inOld.status).toBe('DONE')
    expect(await (await db()).qbrActionItem.count({ where: { title: 'Share the plant shutdown calendar' } })).toBe(1)
  })

  it('hands items on when the earlier QBR closes after the next one exists, and carries an item through several quarters', async () => {
    const q1 = await create('2026-Q1')
    const item = data<Action>(await call(as.casey, 'mutation', 'qbr.actionItems.create', { slug, qbrId: q1.id, title: 'Decommission the old file server', owner: 'Sam', party: 'MSP' }))
    const q2 = await create('2026-Q2')
    expect(q2.actionItems.map((a) => a.id)).toEqual([item.id])
    const late = data<Action>(await call(as.casey, 'mutation', 'qbr.actionItems.create', { slug, qbrId: q1.id, title: 'Raised after Q2 was planned', owner: 'Casey', party: 'CLIENT' }))
    await close(await get('2026-Q1'))
    expect((await get('2026-Q2')).actionItems.map((a) => a.id).sort()).toEqual([item.id, late.id].sort())
    await close(await get('2026-Q2'))
    const q3 = await create('2026-Q3')
    expect(q3.actionItems.map((a) => a.id).sort()).toEqual([item.id, late.id].sort())
    const again = data<Action[]>(await call(as.casey, 'query', 'qbr.actionItems.list', { slug }))
    expect(again.find((a) => a.id === item.id)!.carriedInto).toEqual(['2026-Q2', '2026-Q3'])
  })
})

describe('status', () => {
  it('moves only along DRAFT → SCHEDULED → HELD → CLOSED, needs a time to schedule, and bumps SEQUENCE on calendar changes', async () => {
    const q = await create('2026-Q3')
    expect(error(await move(q, 'HELD'))).toEqual({ status: 400, code: 'BAD_REQUEST', fields: ['status'] })
    expect(error(await move(q, 'SCHEDULED'))).toEqual({ status: 400, code: 'BAD_REQUEST', fields: ['startLocal'] })
    const scheduled = await schedule(q)
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', icsSequence: 0, startsAt: '2026-06-16T08:00:00.000Z' })

    const moved = data<{ item: Qbr }>(await call(as.alex, 'mutation', 'qbr.update', { slug, id: q.id, baseVersion: scheduled.version, changes: { startLocal: '2026-06-17T10:00', endLocal: '2026-06-17T12:00' } })).item
    expect(moved).toMatchObject({ icsSequence: 1, icsUid: q.icsUid, startsAt: '2026-06-17T08:00:00.000Z' })
    const cancelled = data<Qbr>(await move(moved, 'DRAFT'))
    expect(cancelled).toMatchObject({ status: 'DRAFT', icsSequence: 2 })
    const audit = await (await db()).auditEvent.findMany({ where: { entityId: q.id, action: { startsWith: 'qbr.calendar.' } }, orderBy: { createdAt: 'asc' } })
    expect(audit.map((a) => a.action)).toEqual(['qbr.calendar.scheduled', 'qbr.calendar.rescheduled', 'qbr.calendar.cancelled'])

    const closed = await close(await get('2026-Q3'))
    expect(closed.status).toBe('CLOSED')
    expect(error(await move(closed, 'HELD'))).toMatchObject({ status: 400, fields: ['status'] })
  })

  it('is changed only by roles that manage QBRs', async () => {
    const q = await create('2026-Q3')
    expect(error(await call(as.chris, 'mutation', 'qbr.setStatus', { slug, id: q.id, baseVersion: q.version, status: 'SCHEDULED' })).code).toBe('FORBIDDEN')
    expect(error(await call(as.sam, 'mutation', 'qbr.create', { slug, quarter: '2027-Q1' })).code).toBe('FORBIDDEN')
  })
})

describe('after CLOSED', () => {
  it('agenda, minutes, decisions and attendees are read-only (409 naming the status); action items can still be followed up', async () => {
    const q = await create('2026-Q3')
    const item = q.agenda[0]
    const minuted = data<{ item: Agenda }>(await call(as.casey, 'mutation', 'qbr.minutes', { slug, id: item.id, baseVersion: 1, minutes: 'Attainment 97%.' })).item
    const action = data<Action>(await call(as.casey, 'mutation', 'qbr.actionItems.create', { slug, qbrId: q.id, title: 'Follow up', owner: 'Alex', party: 'MSP' }))
    await close(await get('2026-Q3'))

    const refused = [
      await call(as.casey, 'mutation', 'qbr.minutes', { slug, id: item.id, baseVersion: minuted.version, minutes: 'Rewritten' }),
      await call(as.casey, 'mutation', 'qbr.agenda.update', { slug, id: item.id, baseVersion: minuted.version, changes: { title: 'x' } }),
      await call(as.casey, 'mutation', 'qbr.agenda.add', { slug, qbrId: q.id, title: 'Late item' }),
      await call(as.casey, 'mutation', 'qbr.agenda.delete', { slug, id: item.id, baseVersion: minuted.version }),
      await call(as.casey, 'mutation', 'qbr.agenda.reorder', { slug, id: q.id, baseVersion: 1, order: [...q.agenda.map((a) => a.id)].reverse() }),
      await call(as.casey, 'mutation', 'qbr.decisions.add', { slug, qbrId: q.id, text: 'Late decision' }),
      await call(as.casey, 'mutation', 'qbr.attendees.add', { slug, qbrId: q.id, email: 'late@example.com', party: 'CLIENT' }),
      await call(as.casey, 'mutation', 'qbr.actionItems.create', { slug, qbrId: q.id, title: 'Too late', owner: 'Alex', party: 'MSP' }),
      await call(as.alex, 'mutation', 'qbr.update', { slug, id: q.id, baseVersion: (await get('2026-Q3')).version, changes: { title: 'Renamed' } }),
    ]
    expect(refused.map(error)).toEqual(refused.map(() => ({ status: 409, code: 'CONFLICT', fields: ['status'] })))
    expect((await get('2026-Q3')).agenda[0].minutes).toBe('Attainment 97%.')

    const followed = await call(as.alex, 'mutation', 'qbr.actionItems.update', { slug, id: action.id, baseVersion: 1, changes: { status: 'DONE' } })
    expect(data<{ item: Action }>(followed).item.status).toBe('DONE')
  })
})

describe('co-editing agenda and minutes', () => {
  it('merges different fields, and answers 409 with both values and who wrote first for the same one', async () => {
    const q = await create('2026-Q3')
    const item = q.agenda[2]
    const first = await call(as.alex, 'mutation', 'qbr.minutes', { slug, id: item.id, baseVersion: 1, minutes: 'Patch management moves to shared.' })
    expect(data<{ item: Agenda }>(first).item.version).toBe(2)
    const other = await call(as.casey, 'mutation', 'qbr.agenda.update', { slug, id: item.id, baseVersion: 1, changes: { timeboxMinutes: 25, presenter: 'Casey Morgan' } })
    expect(data<{ item: Agenda; merged: boolean }>(other)).toMatchObject({ merged: true, item: { version: 3, minutes: 'Patch management moves to shared.', timeboxMinutes: 25 } })

    const fieldChanges = await (await db()).fieldChange.count()
    const same = await call(as.casey, 'mutation', 'qbr.minutes', { slug, id: item.id, baseVersion: 1, minutes: 'Backups stay with the MSP.' })
    expect(same.status).toBe(409)
    const details = (same.body.error?.data as unknown as { details: { currentVersion: number; current: Record<string, unknown>; conflicts: unknown[] } }).details
    expect(details.currentVersion).toBe(3)
    expect(details.current.minutes).toBe('Patch management moves to shared.')
    expect(details.conflicts).toEqual([{ field: 'minutes', label: 'Minutes', yours: 'Backups stay with the MSP.', theirs: 'Patch management moves to shared.', by: expect.stringContaining('Alex Rivera'), at: expect.any(String) }])
    expect(await (await db()).fieldChange.count()).toBe(fieldChanges)

    const history = data<Array<{ field: string; by: string }>>(await call(as.casey, 'query', 'qbr.history', { slug, entityType: 'QbrAgendaItem', id: item.id }))
    expect(history.map((h) => h.field)).toEqual(expect.arrayContaining(['minutes', 'timeboxMinutes', 'presenter']))
  })

  it('reorders the agenda on the version seen, refuses a stale reorder with the current order, and keeps added items', async () => {
    const q = await create('2026-Q3')
    const ids = q.agenda.map((a) => a.id)
    const reversed = [...ids].reverse()
    const r = data<{ item: { version: number } }>(await call(as.alex, 'mutation', 'qbr.agenda.reorder', { slug, id: q.id, baseVersion: q.version, order: reversed }))
    expect((await get('2026-Q3')).agenda.map((a) => a.id)).toEqual(reversed)

    const stale = await call(as.casey, 'mutation', 'qbr.agenda.reorder', { slug, id: q.id, baseVersion: q.version, order: [ids[1], ids[0], ...ids.slice(2)] })
    expect(stale.status).toBe(409)
    expect((stale.body.error?.data as unknown as { details: { current: { agendaOrder: string[] } } }).details.current.agendaOrder).toEqual(reversed)

    const added = data<Agenda>(await call(as.casey, 'mutation', 'qbr.agenda.add', { slug, qbrId: q.id, title: 'Security review', timeboxMinutes: 15, presenter: 'Chris Patel' }))
    const after = await get('2026-Q3')
    expect(after.agenda.map((a) => a.id)).toEqual([...reversed, added.id])
    expect(error(await call(as.casey, 'mutation', 'qbr.agenda.reorder', { slug, id: q.id, baseVersion: after.version, order: reversed }))).toMatchObject({ status: 400, fields: ['order'] })

    // A title edit based on the version before the reorder merges: the reorder touched another field.
    const renamed = await call(as.alex, 'mutation', 'qbr.update', { slug, id: q.id, baseVersion: r.item.version - 1, changes: { title: 'Q3 review with Contoso' } })
    expect(data<{ merged: boolean }>(renamed).merged).toBe(true)

    const del = data<Agenda & { deletedAt: string }>(await call(as.casey, 'mutation', 'qbr.agenda.delete', { slug, id: added.id, baseVersion: added.version }))
    expect(del.deletedAt).not.toBeNull()
    expect((await get('2026-Q3')).agenda.map((a) => a.id)).toEqual(reversed)
    await call(as.casey, 'mutation', 'qbr.agenda.restore', { slug, id: added.id, baseVersion: del.version })
    expect((await get('2026-Q3')).agenda.map((a) => a.id)).toEqual([...reversed, added.id])
  })
})

describe('concurrent agenda changes', () => {
  it('serialise on the QBR: 12 items added at once by both parties all land in the order, each once', async () => {
    const q = await create('2026-Q3')
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call(i % 2 ? as.casey : as.alex, 'mutation', 'qbr.agenda.add', { slug, qbrId: q.id, title: `Topic ${i}` })),
    )
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200))
    const after = await get('2026-Q3')
    expect(after.agenda.length).toBe(8 + 12)
    expect(new Set(after.agenda.map((a) => a.id)).size).toBe(20)
    expect(after.version).toBe(1 + 12)
  })
})

describe('attendees and decisions', () => {
  it('takes members with their party and external addresses, once each', async () => {
    const q = await create('2026-Q3')
    const chris = await (await db()).user.findUniqueOrThrow({ where: { email: 'chris@contoso.example' } })
    const tara = await (await db()).user.findUniqueOrThrow({ where: { email: 'tara@tailspin.example' } })
    expect(data<{ party: string }>(await call(as.alex, 'mutation', 'qbr.attendees.add', { slug, qbrId: q.id, userId: chris.id })).party).toBe('CLIENT')
    expect(error(await call(as.alex, 'mutation', 'qbr.attendees.add', { slug, qbrId: q.id, userId: tara.id }))).toMatchObject({ status: 400, fields: ['userId'] })
    await call(as.alex, 'mutation', 'qbr.attendees.add', { slug, qbrId: q.id, email: 'Auditor@Example.com', name: 'External auditor', party: 'CLIENT' })
    expect(error(await call(as.alex, 'mutation', 'qbr.attendees.add', { slug, qbrId: q.id, email: 'auditor@example.com', party: 'CLIENT' }))).toMatchObject({ status: 409, fields: ['email'] })
    expect((await get('2026-Q3')).attendees.map((a) => `${a.party} ${a.email}`)).toEqual(['CLIENT chris@contoso.example', 'CLIENT auditor@example.com'])

    const decision = data<{ id: string; version: number }>(await call(as.casey, 'mutation', 'qbr.decisions.add', { slug, qbrId: q.id, text: 'Pilot SD-WAN at one plant', agendaItemId: q.agenda[3].id }))
    expect((await get('2026-Q3')).decisions.map((d) => d.text)).toEqual(['Pilot SD-WAN at one plant'])
    const removed = data<{ version: number }>(await call(as.casey, 'mutation', 'qbr.decisions.delete', { slug, id: decision.id, baseVersion: decision.version }))
    expect((await get('2026-Q3')).decisions).toEqual([])
    await call(as.alex, 'mutation', 'qbr.decisions.restore', { slug, id: decision.id, baseVersion: removed.version })
    expect((await get('2026-Q3')).decisions.map((d) => d.text)).toEqual(['Pilot SD-WAN at one plant'])
  })
})

describe('the demo seed', () => {
  it('leaves last quarter’s QBR closed with minutes and this quarter’s scheduled with the open items carried, idempotently', async () => {
    const now = new Date('2026-08-01T12:00:00Z')
    const scope = await unsafeOperatorScope(slug)
    await seedDemoQbrs(scope, slug, { userId: null, label: 'demo seed' }, now)
    await seedDemoQbrs(scope, slug, { userId: null, label: 'demo seed' }, now)
    const list = data<Array<{ quarter: string; status: string }>>(await call(as.casey, 'query', 'qbr.list', { slug }))
    expect(list.map((q) => `${q.quarter} ${q.status}`)).toEqual(['2026-Q3 SCHEDULED', '2026-Q2 CLOSED'])
    const prev = await get('2026-Q2')
    expect(prev.agenda.filter((a) => a.minutes).length).toBeGreaterThan(2)
    expect(prev.decisions.length).toBe(2)
    const open = prev.actionItems.filter((a) => ['OPEN', 'IN_PROGRESS'].includes(a.status)).map((a) => a.id).sort()
    expect(open.length).toBe(3)
    const cur = await get('2026-Q3')
    expect(cur.actionItems.filter((a) => a.carriedOver).map((a) => a.id).sort()).toEqual(open)
    expect(cur.attendees.map((a) => a.email).sort()).toEqual(['alex@northwind.example', 'casey@contoso.example', 'chris@contoso.example'])
    expect(cur.icsSequence).toBe(0)
  })
})
