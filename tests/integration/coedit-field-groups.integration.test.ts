import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TrpcResult, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

// Fields that mean something only together conflict as one (ADR 004, addendum on field groups): the MSP's account
// manager and the client's executive both start from the same version; one changes a field of a group, the other a
// different field of the same group. The second save is the 409 a same-field edit gets, naming the fields of both,
// and writes nothing. Edits outside each other's groups still merge.

let server: TestServer
const as: Record<string, { token: string }> = {}
const slug = 'northwind-contoso'

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  for (const email of ['alex@northwind.example', 'casey@contoso.example']) as[email.split('@')[0]] = { token: await tokenFor(email) }
})

type Versioned = { id: string; version: number } & Record<string, unknown>
type Conflict = { field: string; label: string; yours: unknown; theirs: unknown; by: string; at: string; goesWith?: string[] }
const call = (who: { token: string }, kind: 'query' | 'mutation', path: string, input: unknown) => trpc(server.url, who, kind, path, input)
const data = <T>(r: TrpcResult) => {
  if (r.body.error) throw new Error(`${r.status} ${r.body.error.message}`)
  return r.body.result?.data as T
}
const details = (r: TrpcResult) => (r.body.error?.data as unknown as { details: { currentVersion: number; conflicts: Conflict[] } }).details
const update = (who: 'alex' | 'casey', path: string, id: string, baseVersion: number, changes: Record<string, unknown>) => call(as[who], 'mutation', path, { slug, id, baseVersion, changes })
const historyAt = async (entityId: string, version: number) => (await db()).fieldChange.count({ where: { entityId, version } })
const alex = expect.stringContaining('Alex Rivera')
const casey = expect.stringContaining('Casey')

const newItem = async () => data<Versioned>(await call(as.alex, 'mutation', 'roadmap.create', { slug, title: 'SD-WAN', oneTime: 1000, currency: 'USD' }))
const costs = async (id: string) => {
  const r = await (await db()).roadmapItem.findUniqueOrThrow({ where: { id } })
  return { version: r.version, oneTimeCents: r.oneTimeCents, recurringCents: r.recurringCents, recurringPeriod: r.recurringPeriod, currency: r.currency, title: r.title }
}

describe('a roadmap item’s costs are one unit', () => {
  it('an amount typed in USD is not re-denominated by a concurrent currency change: the second writer gets 409 and writes nothing', async () => {
    const item = await newItem()
    expect(item.version).toBe(1)
    data(await update('alex', 'roadmap.update', item.id, 1, { oneTime: 250000 }))
    const refused = await update('casey', 'roadmap.update', item.id, 1, { currency: 'JPY' })
    expect(refused.status).toBe(409)
    expect(refused.body.error?.data?.code).toBe('CONFLICT')
    const d = details(refused)
    expect(d.currentVersion).toBe(2)
    expect(d.conflicts).toEqual([
      { field: 'currency', label: 'Currency', yours: 'JPY', theirs: 'USD', by: alex, at: expect.any(String), goesWith: ['oneTime'] },
      { field: 'oneTime', label: 'One-time cost', yours: 1000, theirs: 250000, by: alex, at: expect.any(String) },
    ])
    expect(refused.body.error?.message).toMatch(/since you opened it: Currency, One-time cost$/)
    expect(await costs(item.id)).toMatchObject({ version: 2, oneTimeCents: 25_000_000n, currency: 'USD' })
    expect(await historyAt(item.id, 3)).toBe(0)
  })

  it('the reverse order: a currency changed first refuses an amount changed on the old currency', async () => {
    const item = await newItem()
    data(await update('casey', 'roadmap.update', item.id, 1, { currency: 'JPY' }))
    const refused = await update('alex', 'roadmap.update', item.id, 1, { oneTime: 250000 })
    expect(refused.status).toBe(409)
    expect(refused.body.error?.data?.code).toBe('CONFLICT')
    expect(details(refused).conflicts).toEqual([
      { field: 'oneTime', label: 'One-time cost', yours: 250000, theirs: 1000, by: casey, at: expect.any(String), goesWith: ['currency'] },
      { field: 'currency', label: 'Currency', yours: 'USD', theirs: 'JPY', by: casey, at: expect.any(String) },
    ])
    expect(await costs(item.id)).toMatchObject({ version: 2, oneTimeCents: 100_000n, currency: 'JPY' })
    expect(await historyAt(item.id, 3)).toBe(0)
  })

  it('sent at the same moment, one save wins whole and the other gets 409: never 250,000 JPY', async () => {
    const item = await newItem()
    const [a, c] = await Promise.all([update('alex', 'roadmap.update', item.id, 1, { oneTime: 250000 }), update('casey', 'roadmap.update', item.id, 1, { currency: 'JPY' })])
    expect([a.status, c.status].sort()).toEqual([200, 409])
    const row = await costs(item.id)
    expect(row.version).toBe(2)
    expect([
      { oneTimeCents: 25_000_000n, currency: 'USD' },
      { oneTimeCents: 100_000n, currency: 'JPY' },
    ]).toContainEqual({ oneTimeCents: row.oneTimeCents, currency: row.currency })
  })

  it('a recurring amount and its period are of the same unit; the refused save writes none of its other fields', async () => {
    const item = await newItem()
    data(await update('alex', 'roadmap.update', item.id, 1, { recurring: 300 }))
    const refused = await update('casey', 'roadmap.update', item.id, 1, { recurringPeriod: 'YEAR', category: 'Network' })
    expect(refused.status).toBe(409)
    expect(details(refused).conflicts.map((c) => c.field)).toEqual(['recurringPeriod', 'recurring'])
    expect(await costs(item.id)).toMatchObject({ version: 2, recurringCents: 30_000n, recurringPeriod: 'MONTH' })
    expect((await (await db()).roadmapItem.findUniqueOrThrow({ where: { id: item.id } })).category).toBe('')
  })

  it('edits outside each other’s groups still merge: a title by one, the currency by the other', async () => {
    const item = await newItem()
    data(await update('alex', 'roadmap.update', item.id, 1, { title: 'SD-WAN for all plants' }))
    const merged = data<{ item: Versioned; merged: boolean }>(await update('casey', 'roadmap.update', item.id, 1, { currency: 'JPY' }))
    expect(merged.merged).toBe(true)
    expect(await costs(item.id)).toMatchObject({ version: 3, title: 'SD-WAN for all plants', oneTimeCents: 100_000n, currency: 'JPY' })
  })

  it('sending the value the other party saved agrees with it: the rest of the group goes through', async () => {
    const item = await newItem()
    data(await update('alex', 'roadmap.update', item.id, 1, { oneTime: 250000, currency: 'JPY' }))
    const merged = data<{ item: Versioned; merged: boolean }>(await update('casey', 'roadmap.update', item.id, 1, { title: 'SD-WAN pilot', currency: 'JPY' }))
    expect(merged.merged).toBe(true)
    expect(await costs(item.id)).toMatchObject({ version: 3, title: 'SD-WAN pilot', oneTimeCents: 25_000_000n, currency: 'JPY' })
  })
})

describe('the other co-edited entities’ units', () => {
  it('CSI entry: the KPI’s metric, baseline, target and date conflict as one; its owner still merges', async () => {
    const entry = data<Versioned>(
      await call(as.alex, 'mutation', 'csi.create', { slug, opportunity: 'Faster P1', size: 'SMALL', kpiMetric: 'sla.resolution.P1', kpiBaseline: 70, kpiTarget: 95, kpiTargetDate: '2027-06-30' }),
    )
    data(await update('alex', 'csi.update', entry.id, 1, { kpiMetric: 'escalation_rate' }))
    const refused = await update('casey', 'csi.update', entry.id, 1, { kpiTarget: 90 })
    expect(refused.status).toBe(409)
    expect(refused.body.error?.data?.code).toBe('CONFLICT')
    expect(details(refused).conflicts).toEqual([
      { field: 'kpiTarget', label: 'KPI target', yours: 90, theirs: 95, by: alex, at: expect.any(String), goesWith: ['kpiMetric'] },
      { field: 'kpiMetric', label: 'KPI (live metric)', yours: 'sla.resolution.P1', theirs: 'escalation_rate', by: alex, at: expect.any(String) },
    ])
    const prisma = await db()
    expect(await prisma.csiEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ version: 2, kpiMetric: 'escalation_rate', kpiTarget: 95 })
    expect(await historyAt(entry.id, 3)).toBe(0)

    // The date is of the KPI too, and the 409 shows the date the refused writer had, as a day, even once cleared.
    data(await update('alex', 'csi.update', entry.id, 2, { kpiTargetDate: null }))
    const dated = await update('casey', 'csi.update', entry.id, 2, { kpiBaseline: 65 })
    expect(dated.status).toBe(409)
    expect(details(dated).conflicts).toEqual([
      { field: 'kpiBaseline', label: 'KPI baseline', yours: 65, theirs: 70, by: alex, at: expect.any(String), goesWith: ['kpiTargetDate'] },
      { field: 'kpiTargetDate', label: 'KPI target date', yours: '2027-06-30', theirs: null, by: alex, at: expect.any(String) },
    ])

    const owned = data<{ item: Versioned; merged: boolean }>(await update('casey', 'csi.update', entry.id, 2, { owner: 'Chris Patel' }))
    expect(owned.merged).toBe(true)
    expect(await prisma.csiEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ version: 4, owner: 'Chris Patel', kpiMetric: 'escalation_rate', kpiTargetDate: null })
  })

  it('responsibility: the two parties’ RACI letters are one split of the work', async () => {
    const row = data<Versioned>(await call(as.alex, 'mutation', 'responsibility.create', { slug, category: 'Ops', name: 'Backup', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'RC' }))
    // Each drops R, counting on the other to keep it: merged, nobody would be Responsible.
    data(await update('alex', 'responsibility.update', row.id, 1, { mspRaci: 'A' }))
    const refused = await update('casey', 'responsibility.update', row.id, 1, { clientRaci: 'C' })
    expect(refused.status).toBe(409)
    expect(details(refused).conflicts.map((c) => [c.field, c.yours, c.theirs])).toEqual([
      ['clientRaci', 'C', 'RC'],
      ['mspRaci', 'RA', 'A'],
    ])
    expect(await (await db()).responsibilityFunction.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ version: 2, mspRaci: 'A', clientRaci: 'RC' })
    data(await update('casey', 'responsibility.update', row.id, 1, { notes: 'Nightly.' }))
  })

  it('QBR: the wall-clock times are times in the zone; an action item’s owner and party are one person', async () => {
    const qbr = data<Versioned>(await call(as.alex, 'mutation', 'qbr.create', { slug, quarter: '2027-Q1', startLocal: '2027-01-12T10:00', endLocal: '2027-01-12T12:00', timezone: 'Europe/Berlin' }))
    data(await update('alex', 'qbr.update', qbr.id, qbr.version, { timezone: 'America/New_York' }))
    const refused = await update('casey', 'qbr.update', qbr.id, qbr.version, { startLocal: '2027-01-12T09:00' })
    expect(refused.status).toBe(409)
    expect(details(refused).conflicts.map((c) => c.field)).toEqual(['startLocal', 'timezone'])
    expect(await (await db()).qbr.findUniqueOrThrow({ where: { id: qbr.id } })).toMatchObject({ startLocal: '2027-01-12T10:00', timezone: 'America/New_York' })

    const action = data<Versioned>(await call(as.alex, 'mutation', 'qbr.actionItems.create', { slug, qbrId: qbr.id, title: 'Order routers', owner: 'Alex Rivera', party: 'MSP' }))
    data(await update('alex', 'qbr.actionItems.update', action.id, 1, { owner: 'Sam Okafor' }))
    const moved = await update('casey', 'qbr.actionItems.update', action.id, 1, { party: 'CLIENT' })
    expect(moved.status).toBe(409)
    expect(details(moved).conflicts.map((c) => c.field)).toEqual(['party', 'owner'])
    data(await update('casey', 'qbr.actionItems.update', action.id, 1, { notes: 'Quote in.' }))
  })
})
