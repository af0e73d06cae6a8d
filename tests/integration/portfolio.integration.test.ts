// The MSP's portfolio and the client's overview (issue 15 §2, §3): the portfolio's figures are the per-partnership
// reports' own, an MSP sees only its own partnerships (pages, API and CSV), a client gets 403 and its overview,
// and the overview lists each MSP's items, the accountability gaps and the SLA targets side by side.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { requireOrgScope, unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { generateDemoTickets } from '../../server/demo/demo-tickets.ts'
import { listPortfolio } from '../../server/portfolio/list-portfolio.server.ts'
import { portfolioCsv } from '../../server/portfolio/portfolio-table.ts'
import { DEMO_POLICY, type SlaPolicy } from '../../server/sla/policy.ts'
import { slaReport } from '../../server/sla/sla-report.server.ts'
import { slaTicketStats } from '../../server/sla/sla-ticket-stats.server.ts'
import { serviceKpis } from '../../server/sla/kpis/service-kpis.server.ts'
import { upsertTicketBatch } from '../../server/tickets/upsert-tickets.server.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { page, signIn, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
})

// The portfolio reads quarters in UTC; a UTC policy makes the partnership's own report read the same bounds.
const UTC_POLICY: SlaPolicy = { ...DEMO_POLICY, timezone: 'UTC' }
const AS_OF = '2026-08-20T12:00:00.000Z'

async function withTickets(slug: string, seed: string) {
  const prisma = await db()
  const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } })
  await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: 'UTC', definition: UTC_POLICY as object, createdByLabel: 'test' } })
  const tickets = generateDemoTickets({
    seed,
    policy: UTC_POLICY,
    from: Date.parse('2026-04-01T00:00:00Z'),
    to: Date.parse('2026-08-25T00:00:00Z'),
    perDay: 6,
    assignees: ['Ana', 'Ben', 'Cy', 'Dee', 'Eli'],
    vendorVerdicts: false,
  })
  await prisma.$transaction((tx) => upsertTicketBatch(tx, p.id, 'csv', tickets))
  return p
}

describe('portfolio.list', () => {
  it('gives each partnership the service KPIs of its own SLA page (reopen, first contact, incidents per 100 users, proactive), sortable and in the CSV', async () => {
    const a = await withTickets('northwind-contoso', 'k1')
    await withTickets('northwind-fabrikam', 'k2')
    const prisma = await db()
    // Mark some tickets so every rate has a figure: reopened, resolved at first contact, raised by monitoring.
    await prisma.$executeRawUnsafe(`UPDATE "Ticket" SET "reopens" = 1 WHERE "partnershipId" = $1 AND "externalId" LIKE '%1'`, a.id)
    await prisma.$executeRawUnsafe(`UPDATE "Ticket" SET "firstContact" = ("externalId" LIKE '%2' OR "externalId" LIKE '%4'), "origin" = CASE WHEN "externalId" LIKE '%3' THEN 'alert' ELSE 'user' END`)
    await prisma.organization.update({ where: { slug: 'contoso' }, data: { headcount: 250 } })
    const alex = await prisma.user.findUniqueOrThrow({ where: { email: 'alex@northwind.example' } })
    const scope = await requireOrgScope(alex.id, 'northwind', 'portfolio.read')
    const portfolio = await listPortfolio(scope, { org: 'northwind', quarter: '2026-Q3', asOf: AS_OF })
    for (const row of portfolio.rows) {
      const k = await serviceKpis(await unsafeOperatorScope(row.slug), { slug: row.slug, quarter: '2026-Q3', asOf: AS_OF })
      expect({ reopenRate: row.reopenRate, firstContactRate: row.firstContactRate, incidentsPer100Users: row.incidentsPer100Users, proactiveShare: row.proactiveShare }, row.slug).toEqual({
        reopenRate: k.current.reopenRate,
        firstContactRate: k.current.firstContactRate,
        incidentsPer100Users: k.current.incidentsPer100Users,
        proactiveShare: k.current.proactiveShare,
      })
      expect(row.firstContactRate).not.toBeNull()
    }
    const contoso = portfolio.rows.find((r) => r.slug === 'northwind-contoso')!
    expect(contoso.reopenRate).toBeGreaterThan(0)
    expect(contoso.incidentsPer100Users).not.toBeNull()
    expect(portfolio.rows.find((r) => r.slug === 'northwind-fabrikam')!.reopenRate).toBe(0)
    const sorted = await listPortfolio(scope, { org: 'northwind', quarter: '2026-Q3', asOf: AS_OF, sort: 'reopenRate', dir: 'desc' })
    expect(sorted.rows.map((r) => r.slug)).toEqual(['northwind-contoso', 'northwind-fabrikam'])
    const csv = portfolioCsv(sorted.rows).split('\r\n')
    expect(csv[0]).toContain('reopen_rate,first_contact_rate,incidents_per_100_users,proactive_share')
    expect(csv[1]).toContain(`,${contoso.reopenRate!.toFixed(2)},${contoso.firstContactRate!.toFixed(2)},${contoso.incidentsPer100Users!.toFixed(2)},${contoso.proactiveShare!.toFixed(2)},`)
  })

  it('gives each partnership the figures of its own SLA report and ticket stats', async () => {
    await withTickets('northwind-contoso', 'a')
    await withTickets('northwind-fabrikam', 'b')
    const alex = await (await db()).user.findUniqueOrThrow({ where: { email: 'alex@northwind.example' } })
    const portfolio = await listPortfolio(await requireOrgScope(alex.id, 'northwind', 'portfolio.read'), { org: 'northwind', quarter: '2026-Q3', asOf: AS_OF })
    expect(portfolio.rows.map((r) => r.slug)).toEqual(['northwind-contoso', 'northwind-fabrikam'])
    for (const row of portfolio.rows) {
      const scope = await unsafeOperatorScope(row.slug)
      const now = await slaReport(scope, { slug: row.slug, quarter: '2026-Q3', asOf: AS_OF })
      const prev = await slaReport(scope, { slug: row.slug, quarter: '2026-Q2', asOf: AS_OF })
      const stats = await slaTicketStats(scope, { slug: row.slug, quarter: '2026-Q3', asOf: AS_OF })
      expect(row.attainment.now).toEqual({ response: now.totals.response.overall.attainment, resolution: now.totals.resolution.overall.attainment })
      expect(row.attainment.prev).toEqual({ response: prev.totals.response.overall.attainment, resolution: prev.totals.resolution.overall.attainment })
      expect(row.breaches).toBe(now.counts.breaches)
      expect(row.sparkline.slice(3).map((m) => m.resolution)).toEqual(['2026-07', '2026-08', '2026-09'].map((m) => now.totals.resolution.byMonth[m].attainment))
      expect(row.escalationRate).toBeCloseTo(stats.escalationRate!, 9)
      expect(row.csat).toBeCloseTo(stats.csatAverage!, 9)
      expect(row.keyPersonShare).toBeCloseTo(stats.keyPersonDependency.share!, 9)
      expect(row.attainment.now.resolution).not.toBeNull()
    }
    // Filter and sort on the server; the owner filter reads the partnership's account manager.
    const slipping = await listPortfolio(await requireOrgScope(alex.id, 'northwind', 'portfolio.read'), {
      org: 'northwind', quarter: '2026-Q3', asOf: AS_OF, owner: alex.id,
    })
    expect(slipping.rows.map((r) => r.slug)).toEqual(['northwind-contoso'])
    expect(slipping.total).toBe(2)
  })

  it('counts overdue action items, approvals waiting on each side, the last pack and the QBR cadence', async () => {
    const prisma = await db()
    const p = await prisma.partnership.findUniqueOrThrow({ where: { slug: 'northwind-fabrikam' } })
    await prisma.partnership.update({ where: { id: p.id }, data: { createdAt: new Date('2026-01-10T00:00:00Z') } })
    const qbr = await prisma.qbr.create({ data: { partnershipId: p.id, quarter: '2026-Q1', title: 'Q1', status: 'HELD', startsAt: new Date('2026-03-02T15:00:00Z'), icsUid: 'q1@test' } })
    await prisma.qbrActionItem.createMany({
      data: [
        { partnershipId: p.id, qbrId: qbr.id, title: 'Late', owner: 'X', party: 'MSP', dueDate: new Date('2026-05-01T00:00:00Z') },
        { partnershipId: p.id, qbrId: qbr.id, title: 'Done late', owner: 'X', party: 'MSP', dueDate: new Date('2026-05-01T00:00:00Z'), status: 'DONE' },
        { partnershipId: p.id, qbrId: qbr.id, title: 'Not yet due', owner: 'X', party: 'CLIENT', dueDate: new Date('2026-12-01T00:00:00Z') },
      ],
    })
    await prisma.roadmapItem.createMany({
      data: [
        { partnershipId: p.id, title: 'Both to approve', proposedBy: 'MSP', status: 'PROPOSED' },
        { partnershipId: p.id, title: 'Client to approve', proposedBy: 'MSP', status: 'PROPOSED', mspApprovedAt: new Date() },
        { partnershipId: p.id, title: 'An idea', proposedBy: 'MSP', status: 'IDEA' },
      ],
    })
    const token = await tokenFor('ava@northwind.example')
    const result = await trpc(server.url, { token }, 'query', 'portfolio.list', { org: 'northwind', quarter: '2026-Q3', asOf: AS_OF, sort: 'overdueActions', dir: 'desc' })
    expect(result.status).toBe(200)
    const row = (result.body.result!.data as { rows: Array<Record<string, unknown>> }).rows[0]
    expect(row).toMatchObject({
      slug: 'northwind-fabrikam',
      overdueActions: 1,
      awaiting: { msp: 1, client: 2 },
      nextQbr: { date: '2026-06-02T15:00:00.000Z', state: 'overdue', lastHeld: '2026-03-02T15:00:00.000Z' },
      lastPack: null,
    })
  })

  it('refuses a bad filter naming the field, and a client organization with 403', async () => {
    const token = await tokenFor('ava@northwind.example')
    const bad = await trpc(server.url, { token }, 'query', 'portfolio.list', { org: 'northwind', quarter: '2026-Q9' })
    expect(bad.status).toBe(400)
    expect(bad.body.error!.data.fieldErrors).toEqual([expect.objectContaining({ field: 'quarter' })])
    const client = await trpc(server.url, { token: await tokenFor('casey@contoso.example') }, 'query', 'portfolio.list', { org: 'contoso' })
    expect(client.body.error!.data.code).toBe('FORBIDDEN')
  })
})

describe('pages and CSV', () => {
  it('show an MSP only its own partnerships, and send a client to its overview', async () => {
    const tara = await signIn(server.url, 'tara@tailspin.example')
    const html = await (await page(server.url, tara, '/portfolio')).text()
    expect(html).toContain('Contoso Manufacturing')
    expect(html).not.toContain('Fabrikam')
    expect(html).not.toContain('northwind-contoso')
    expect((await page(server.url, tara, '/portfolio?msp=northwind')).status).toBe(404)
    const csv = await page(server.url, tara, '/portfolio.csv?msp=tailspin&quarter=2026-Q3')
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['tailspin-contoso'])
    expect((await page(server.url, tara, '/portfolio.csv?msp=northwind')).status).toBe(404)
    // The packs' progress page with no batch to follow goes back to the portfolio rather than to an error page.
    for (const [path, to] of [['/portfolio/packs', '/portfolio'], ['/portfolio/packs?msp=tailspin', '/portfolio?msp=tailspin']]) {
      const sent = await page(server.url, tara, path)
      expect({ path, status: sent.status, to: sent.headers.get('location') }).toEqual({ path, status: 302, to })
    }

    const casey = await signIn(server.url, 'casey@contoso.example')
    const refused = await page(server.url, casey, '/portfolio')
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('/org/contoso/overview')
  })

  it('the client overview shows one roadmap across both MSPs and the accountability check', async () => {
    const prisma = await db()
    const nw = await prisma.partnership.findUniqueOrThrow({ where: { slug: 'northwind-contoso' } })
    const ts = await prisma.partnership.findUniqueOrThrow({ where: { slug: 'tailspin-contoso' } })
    await prisma.roadmapItem.create({ data: { partnershipId: nw.id, title: 'Move to Intune', proposedBy: 'MSP', status: 'APPROVED', targetQuarter: '2026-Q4', oneTimeCents: 500_000n } })
    await prisma.roadmapItem.create({ data: { partnershipId: ts.id, title: 'SOC onboarding', proposedBy: 'CLIENT', status: 'PROPOSED', targetQuarter: '2026-Q4', oneTimeCents: 250_000n } })
    const fn = { category: 'Security', name: 'Security monitoring', classification: 'TACTICAL' as const }
    await prisma.responsibilityFunction.create({ data: { partnershipId: nw.id, ...fn, mspRaci: 'RA', clientRaci: 'I' } })
    await prisma.responsibilityFunction.create({ data: { partnershipId: ts.id, ...fn, mspRaci: 'RA', clientRaci: 'C' } })
    await prisma.responsibilityFunction.create({ data: { partnershipId: ts.id, category: 'Ops', name: 'Backups', classification: 'TACTICAL', mspRaci: 'R', clientRaci: 'C' } })

    const result = await trpc(server.url, { token: await tokenFor('chris@contoso.example') }, 'query', 'portfolio.clientOverview', { org: 'contoso' })
    const data = result.body.result!.data as {
      roadmap: Array<{ title: string; msp: string }>
      raci: Array<{ name: string; problem: string | null; accountable: string[] }>
    }
    expect(data.roadmap.map((i) => `${i.title} (${i.msp})`).sort()).toEqual(['Move to Intune (Northwind Managed Services)', 'SOC onboarding (Tailspin Security)'])
    expect(data.raci.find((f) => f.name === 'Backups')).toMatchObject({ problem: 'none-accountable' })
    expect(data.raci.find((f) => f.name === 'Security monitoring')).toMatchObject({ problem: 'several-accountable', accountable: ['Northwind Managed Services', 'Tailspin Security'] })

    const casey = await signIn(server.url, 'casey@contoso.example')
    const html = await (await page(server.url, casey, '/org/contoso/overview')).text()
    expect(html).toContain('SOC onboarding')
    expect(html).toContain('Tailspin Security')
    // The MSPs serving Contoso are not its members.
    expect((await page(server.url, await signIn(server.url, 'alex@northwind.example'), '/org/contoso/overview')).status).toBe(404)
  })
})
