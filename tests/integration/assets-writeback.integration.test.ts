// Asset lifecycle and write-back to the PSA (issue 16 §2, §3), against the three vendors' msw mocks and the real
// database: configuration items synced with the tickets, the CSV import, the forecast and its roadmap item, and
// tickets sent at most once, refused with the vendor's own words, refreshed on each sync and closed back.
import { Readable } from 'node:stream'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { assetForecast } from '../../server/assets/asset-forecast.server.ts'
import { forecastToRoadmap } from '../../server/assets/forecast-to-roadmap.server.ts'
import { importAssetsCsv } from '../../server/assets/import-assets-csv.server.ts'
import { runSync } from '../../server/connectors/run-sync.server.ts'
import { saveConnection } from '../../server/connectors/save-connection.server.ts'
import { db } from '../../server/db/client.server.ts'
import { closeLinkedItem } from '../../server/writeback/close-linked-item.server.ts'
import { sendToPsa } from '../../server/writeback/send-to-psa.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'
import { AT_CREDENTIALS, AT_DISCOVERY, CW_CREDENTIALS, CW_SITE, HALO_CREDENTIALS, HALO_INSTANCE, atConfigurationItem, createMocks, cwConfiguration, haloAsset, mockServer } from '../mocks/index.ts'

const actor = { userId: null, label: 'test' }
let mocks = createMocks()
const { server } = mockServer(mocks)
const fast = { http: { minDelayMs: 1, maxDelayMs: 4, timeoutMs: 300, sleep: async () => {} } }

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
beforeEach(() => {
  mocks = createMocks()
  server.resetHandlers(...mocks.handlers)
})

const SETUP = {
  connectwise: { baseUrl: CW_SITE, credentials: CW_CREDENTIALS, companies: ['250'], board: '1' },
  autotask: { baseUrl: AT_DISCOVERY, credentials: AT_CREDENTIALS, companies: ['629'], board: '29683354' },
  halopsa: { baseUrl: HALO_INSTANCE, credentials: HALO_CREDENTIALS, companies: ['212'], board: '1' },
}

async function partnership(kind: keyof typeof SETUP, settings: Record<string, unknown> = {}) {
  const { partnership } = await createPartnershipGraph()
  const scope = await unsafeOperatorScope(partnership.slug)
  const { board, ...setup } = SETUP[kind]
  await saveConnection(scope, actor, { slug: partnership.slug, kind, ...setup, settings: { writeBack: { enabled: true, boards: [`${board}:Service Desk`, '999:Gone'] }, ...settings } })
  return { id: partnership.id, slug: partnership.slug, scope, board }
}

const assets = async (partnershipId: string) => (await db()).asset.findMany({ where: { partnershipId }, orderBy: { externalId: 'asc' } })

async function approvedItem(partnershipId: string, title = 'Roll out MFA to every admin account') {
  return (await db()).roadmapItem.create({ data: { partnershipId, title, proposedBy: 'MSP', status: 'APPROVED', description: 'Conditional access for admins.' } })
}

describe('assets from the PSA, synced with the tickets', () => {
  it('ConnectWise: Link-paged configurations become assets with the connection’s costs; a re-sync writes nothing', async () => {
    mocks.connectwise.state.maxPageSize = 2
    mocks.connectwise.state.configurations.push(
      ...Array.from({ length: 5 }, (_, i) => cwConfiguration(i)),
      cwConfiguration(9, { type: { id: 4, name: 'Server' }, warrantyExpirationDate: null }),
      cwConfiguration(10, { activeFlag: false }),
      cwConfiguration(11, {}, 999),
    )
    const p = await partnership('connectwise', { assetCosts: { laptop: 1450.5 }, assetCurrency: 'EUR' })
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'succeeded', assetsFetched: 7, assetsChanged: 7, assetError: null })
    const rows = await assets(p.id)
    expect(rows).toHaveLength(7)
    expect(rows[0]).toMatchObject({ source: 'connectwise', externalId: '5000', name: 'ACME-LT-000', type: 'Laptop', serial: 'SN100000', model: 'Latitude 5440', assignedUser: 'User 0', site: 'Main', replacementCostCents: 145050n, currency: 'EUR', retired: false })
    expect(rows[0].warrantyEnd?.toISOString()).toBe('2027-02-28T00:00:00.000Z')
    expect(rows.find((r) => r.externalId === '5010')?.retired).toBe(true)
    const again = await runSync(p.id, { connector: fast })
    expect(again).toMatchObject({ status: 'succeeded', assetsFetched: 7, assetsChanged: 0 })
  })

  it('Autotask ConfigurationItems (type picklist by label) and Halo assets; an asset failure does not fail the tickets', async () => {
    mocks.autotask.state.configurationItems.push(atConfigurationItem(1), atConfigurationItem(2, { configurationItemType: 3, referenceTitle: 'NW-SRV-01' }))
    const at = await partnership('autotask')
    expect(await runSync(at.id, { connector: fast })).toMatchObject({ status: 'succeeded', assetsFetched: 2, assetsChanged: 2 })
    expect((await assets(at.id)).map((a) => [a.name, a.type, a.warrantyEnd?.toISOString().slice(0, 10)])).toEqual([
      ['NW-LT-001', 'Laptop', '2026-06-14'],
      ['NW-SRV-01', 'Server', '2026-06-14'],
    ])

    mocks.halopsa.state.assets.push(...Array.from({ length: 3 }, (_, i) => haloAsset(i)))
    const halo = await partnership('halopsa')
    expect(await runSync(halo.id, { connector: fast })).toMatchObject({ status: 'succeeded', assetsFetched: 3, assetsChanged: 3 })
    expect((await assets(halo.id))[0]).toMatchObject({ name: 'ACME-PC-000', type: 'Desktop', serial: 'CZC300000', site: 'Head Office', assignedUser: 'user0' })

    server.use(...[(await import('msw')).http.get(`${HALO_INSTANCE}/api/Asset`, () => new Response('{"nope":1}', { headers: { 'content-type': 'application/json' } }))])
    const broken = await runSync(halo.id, { connector: fast })
    expect(broken.status).toBe('succeeded')
    expect(broken.assetError).toMatch(/^MALFORMED_PAGE: HaloPSA assets: expected \{ record_count, assets/)
  })
})

describe('assets from a CSV, the forecast and its roadmap item', () => {
  const csv = (rows: string[]) => Readable.from([['externalId,name,type,model,serial,assignedUser,site,purchaseDate,warrantyEnd,endOfLife,replacementCost,currency', ...rows].join('\n')])
  const now = new Date('2026-12-06T12:00:00Z')

  it('imports idempotently, rejects bad rows by line and field, forecasts by quarter and turns one into a budgeted item', async () => {
    const p = await partnership('connectwise')
    const rows = [
      ...Array.from({ length: 37 }, (_, i) => `L-${i},LT-${i},Laptop,Latitude 5440,SN${i},user${i},Main,2023-04-01,2027-05-${String((i % 28) + 1).padStart(2, '0')},,1200,USD`),
      'S-1,SRV-1,Server,PowerEdge,SN-S1,,DC,2020-01-01,,2026-10-31,"8,500.00",USD',
      'X-1,Bad date,Laptop,,,,,2023-01-01,2027-02-30,,1000,USD',
      'X-2,Bad cost,Laptop,,,,,,2027-01-01,,12.345,USD',
      'L-0,Again,Laptop,,,,,,2027-01-01,,1000,USD',
    ]
    const first = await importAssetsCsv(p.scope, actor, csv(rows))
    expect(first).toMatchObject({ inserted: 38, updated: 0, unchanged: 0, rejected: 3 })
    expect(first.errors).toEqual([
      { line: 40, field: 'warrantyEnd', message: 'Not a calendar date' },
      { line: 41, field: 'replacementCost', message: 'At most two decimals' },
      { line: 42, field: 'externalId', message: '"L-0" repeats line 2' },
    ])
    expect(await importAssetsCsv(p.scope, actor, csv(rows.slice(0, 38)))).toMatchObject({ inserted: 0, updated: 0, unchanged: 38, rejected: 0 })
    await expect(importAssetsCsv(p.scope, actor, Readable.from(['name,serial\nx,y']))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'file: missing required column(s) externalId' })

    const forecast = await assetForecast(p.scope, { slug: p.slug, quarters: 4 }, now)
    expect(forecast.quarters.map((q) => [q.quarter, q.count, q.costs])).toEqual([
      ['2026-Q4', 1, [{ currency: 'USD', cents: 850_000 }]],
      ['2027-Q1', 0, []],
      ['2027-Q2', 37, [{ currency: 'USD', cents: 37 * 120_000 }]],
      ['2027-Q3', 0, []],
    ])
    expect(forecast.quarters[0].groups[0]).toMatchObject({ type: 'Server', overdue: 1, reasons: { warranty: 0, endOfLife: 1 } })

    const item = await forecastToRoadmap(p.scope, actor, { slug: p.slug, quarter: '2027-Q2' }, null, now)
    expect(item).toMatchObject({ title: 'Replace 37 laptops out of warranty by 2027-Q2', status: 'PROPOSED', targetQuarter: '2027-Q2', oneTime: 44_400, currency: 'USD', category: 'Lifecycle' })
    await expect(forecastToRoadmap(p.scope, actor, { slug: p.slug, quarter: '2027-Q3' }, null, now)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'quarter: nothing is due for replacement in 2027-Q3' })
    await expect(forecastToRoadmap(p.scope, actor, { slug: p.slug, quarter: '2031-Q1' }, null, now)).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })
})

describe('write-back: sending items to the PSA as tickets', () => {
  it('ConnectWise: one ticket however often it is sent, a dropped answer reconciled, status back on sync, closed back', async () => {
    const p = await partnership('connectwise')
    const item = await approvedItem(p.id)
    const sent = await sendToPsa(p.scope, actor, { slug: p.slug, itemKind: 'ROADMAP_ITEM', itemId: item.id, board: '1' }, { connector: fast })
    expect(sent).toMatchObject({ created: true, link: { state: 'SENT', ticketNumber: '900000', psaStatus: 'New', psaClosed: false, board: '1:Service Desk' } })
    expect(await sendToPsa(p.scope, actor, { slug: p.slug, itemKind: 'ROADMAP_ITEM', itemId: item.id, board: '1' }, { connector: fast })).toMatchObject({ created: false })
    expect(mocks.connectwise.state.created).toHaveLength(1)
    expect(mocks.connectwise.state.created[0]).toMatchObject({ summary: item.title, externalXRef: expect.any(String) })

    // The answer is lost after the PSA created the ticket: 503, then the retry finds it by its reference.
    const other = await approvedItem(p.id, 'Replace the core switch')
    mocks.connectwise.state.dropNextCreateAnswer = true
    await expect(sendToPsa(p.scope, actor, { slug: p.slug, itemKind: 'ROADMAP_ITEM', itemId: other.id, board: '1' }, { connector: fast })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' })
    const later = () => Date.now() + 120_000
    expect(await sendToPsa(p.scope, actor, { slug: p.slug, itemKind: 'ROADMAP_ITEM', itemId: other.id, board: '1' }, { connector: fast, now: later })).toMatchObject({ created: false, link: { state: 'SENT', ticketNumber: '900001' } })
    expect(mocks.connectwise.state.created).toHaveLength(2)
    const audit = await (await db()).auditEvent.findMany({ where: { partnershipId: p.id, action: { startsWith: 'psa.ticket.' } }, orderBy: { createdAt: 'asc' } })
    expect(audit.map((a) => a.action)).toEqual(['psa.ticket.create', 'psa.ticket.reconcile'])

    // The PSA closes the first ticket: the next sync brings the status, and closing the item is offered.
    Object.assign(mocks.connectwise.state.created[0], { status: { id: 23, name: '>Closed' }, closedFlag: true })
    const run = await runSync(p.id, { connector: fast })
    expect(run).toMatchObject({ status: 'succeeded', linksRefreshed: 2 })
    const link = await (await db()).psaTicketLink.findFirstOrThrow({ where: { partnershipId: p.id, itemId: item.id } })
    expect(link).toMatchObject({ psaStatus: '>Closed', psaClosed: true })
    expect(await closeLinkedItem(p.scope, actor, { slug: p.slug, linkId: link.id, baseVersion: 1 })).toEqual({ itemKind: 'ROADMAP_ITEM', status: 'DONE' })
    const open = await (await db()).psaTicketLink.findFirstOrThrow({ where: { partnershipId: p.id, itemId: other.id } })
    await expect(closeLinkedItem(p.scope, actor, { slug: p.slug, linkId: open.id, baseVersion: 1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('shows each vendor’s refusal as a clear message, creates nothing, and lets a corrected send through', async () => {
    const cw = await partnership('connectwise')
    const item = await approvedItem(cw.id)
    await expect(sendToPsa(cw.scope, actor, { slug: cw.slug, itemKind: 'ROADMAP_ITEM', itemId: item.id, board: '999' }, { connector: fast })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'psa: ConnectWise ticket create: the PSA refused the ticket (HTTP 400): board: The board was not found or is inactive.',
    })
    expect(await (await db()).psaTicketLink.findFirst({ where: { partnershipId: cw.id } })).toMatchObject({ state: 'FAILED' })
    await expect(sendToPsa(cw.scope, actor, { slug: cw.slug, itemKind: 'ROADMAP_ITEM', itemId: item.id, board: '7' }, { connector: fast })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: "board: 7 is not one of this connection's write-back boards" })
    expect(await sendToPsa(cw.scope, actor, { slug: cw.slug, itemKind: 'ROADMAP_ITEM', itemId: item.id, board: '1' }, { connector: fast })).toMatchObject({ created: true, link: { state: 'SENT' } })

    const at = await partnership('autotask')
    const atItem = await approvedItem(at.id)
    await expect(sendToPsa(at.scope, actor, { slug: at.slug, itemKind: 'ROADMAP_ITEM', itemId: atItem.id, board: '999' }, { connector: fast })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'psa: Autotask ticket create: the PSA refused the ticket (HTTP 500): Value 999 does not exist in picklist for field queueID.',
    })
    expect(mocks.autotask.state.created).toHaveLength(0)
    const atSent = await sendToPsa(at.scope, actor, { slug: at.slug, itemKind: 'ROADMAP_ITEM', itemId: atItem.id, board: '29683354' }, { connector: fast })
    expect(atSent.link).toMatchObject({ state: 'SENT', ticketNumber: 'T20261206.0001', psaStatus: 'New' })

    const halo = await partnership('halopsa')
    const haloItem = await approvedItem(halo.id)
    await expect(sendToPsa(halo.scope, actor, { slug: halo.slug, itemKind: 'ROADMAP_ITEM', itemId: haloItem.id, board: '999' }, { connector: fast })).rejects.toMatchObject({
      message: 'psa: HaloPSA ticket create: the PSA refused the ticket (HTTP 400): The team 999 does not exist',
    })
    mocks.halopsa.state.dropNextCreateAnswer = true
    await expect(sendToPsa(halo.scope, actor, { slug: halo.slug, itemKind: 'ROADMAP_ITEM', itemId: haloItem.id, board: '1' }, { connector: fast })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' })
    const reconciled = await sendToPsa(halo.scope, actor, { slug: halo.slug, itemKind: 'ROADMAP_ITEM', itemId: haloItem.id, board: '1' }, { connector: fast, now: () => Date.now() + 120_000 })
    expect(reconciled).toMatchObject({ created: false, link: { state: 'SENT', ticketNumber: '50000' } })
    expect(mocks.halopsa.state.created).toHaveLength(1)
  })

  it('refuses what may not be sent: write-back off, an item not approved', async () => {
    const p = await partnership('connectwise', { writeBack: { enabled: false, boards: [] } })
    const item = await approvedItem(p.id)
    await expect(sendToPsa(p.scope, actor, { slug: p.slug, itemKind: 'ROADMAP_ITEM', itemId: item.id, board: '1' })).rejects.toMatchObject({ code: 'BAD_REQUEST', fieldErrors: [{ field: 'partnership', message: 'Write-back is off' }] })
    const q = await partnership('connectwise')
    const idea = await (await db()).roadmapItem.create({ data: { partnershipId: q.id, title: 'Idea', proposedBy: 'MSP', status: 'IDEA' } })
    await expect(sendToPsa(q.scope, actor, { slug: q.slug, itemKind: 'ROADMAP_ITEM', itemId: idea.id, board: '1' })).rejects.toMatchObject({ code: 'BAD_REQUEST', fieldErrors: [{ field: 'itemId', message: 'Not approved yet' }] })
  })
})
