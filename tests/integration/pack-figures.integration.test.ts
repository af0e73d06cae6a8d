import { beforeEach, describe, expect, it } from 'vitest'
import { fmtNum } from '../../app/charts/pack-format.ts'
import { requirePartnershipScope } from '../../server/access/policy.server.ts'
import { getCsiEntry } from '../../server/csi/csi-entries.server.ts'
import { kpiFigures } from '../../server/csi/kpi.server.ts'
import { db } from '../../server/db/client.server.ts'
import { generatePack } from '../../server/pack/generate-pack.server.ts'
import { getPackPdf, getPackSnapshot } from '../../server/pack/list-pack-versions.server.ts'
import { roadmapBudget } from '../../server/roadmap/roadmap-budget.server.ts'
import { slaTicketStats } from '../../server/sla/sla-ticket-stats.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'
import { seedPackData } from '../helpers/pack-data.ts'
import { pdfPages } from '../helpers/pdf-text.ts'

// The figures a CIO reads in the pack, read back from the PDF, against the same figures elsewhere.

const actor = { userId: null, label: 'Alex <alex@msp.example>' }
/** The 45th day of 2026-Q3 in the demo policy's zone. */
const midQuarter = '2026-08-14T15:30:00.000Z'

let graph: Awaited<ReturnType<typeof createPartnershipGraph>>
beforeEach(async () => {
  graph = await createPartnershipGraph({ mspRole: 'ACCOUNT_MANAGER' })
  await seedPackData(graph.partnership.id)
})
const scope = () => requirePartnershipScope(graph.mspUser.id, graph.partnership.slug, 'pack.generate')

async function packText(quarter: string, asOf: string) {
  const s = await scope()
  const v = await generatePack(s, actor, { slug: s.slug, quarter, asOf })
  const [{ pdf }, { snapshot }] = await Promise.all([getPackPdf(s, { slug: s.slug, quarter, version: v.version }), getPackSnapshot(s, { slug: s.slug, quarter, version: v.version })])
  return { pages: await pdfPages(pdf), snapshot }
}

describe('a quarter in progress', () => {
  it('is compared with the same days of the previous quarter, and says so', async () => {
    const s = await scope()
    const { pages, snapshot } = await packText('2026-Q3', midQuarter)
    const previous = await slaTicketStats(s, { slug: s.slug, from: '2026-04-01', to: '2026-05-16', asOf: midQuarter })
    const current = await slaTicketStats(s, { slug: s.slug, quarter: '2026-Q3', asOf: midQuarter })
    expect(snapshot.kpis.tickets).toEqual({ current: current.total, previous: previous.total })
    // Like with like: about as many tickets in the first 45 days of each quarter, not half a quarter against a whole one.
    expect(Math.abs(current.total - previous.total)).toBeLessThan(current.total / 4)
    expect(pages[0]).toContain('2026-Q3 to date, compared with 2026-Q2, first 45 days')
    const delta = current.total - previous.total
    expect(pages[1]).toContain(`TICKETS OPENED\n${fmtNum(current.total)}`)
    expect(pages[1]).toContain(`${delta > 0 ? '+' : delta < 0 ? '−' : ''}${fmtNum(Math.abs(delta))}`)
    expect(pages[1]).toContain('vs 2026-Q2, first 45 days')
    expect(pages.join('\n')).not.toContain('vs 2026-Q2\n')
  })

  it('after the quarter, is compared with the whole previous quarter', async () => {
    const { pages, snapshot } = await packText('2026-Q3', '2026-10-05T12:00:00.000Z')
    expect(snapshot.period.toDate).toBe(false)
    expect(snapshot.comparison.label).toBe('2026-Q2')
    expect(pages[0]).toContain('Compared with 2026-Q2')
    expect(pages[1]).toContain('vs 2026-Q2')
  })
})

describe('CSI KPIs', () => {
  it('name their period in the pack and on the page, which agree on the quarter and show the trailing 90 days beside it', async () => {
    const s = await scope()
    const prisma = await db()
    const createdAt = new Date('2026-04-01T00:00:00Z')
    await prisma.csiEntry.createMany({
      data: [
        { partnershipId: s.id, opportunity: 'P2 fixes on time', size: 'LARGE', stage: 'Check', kpiMetric: 'sla.resolution.P2', kpiBaseline: 85, kpiTarget: 95, createdAt: new Date(createdAt.getTime() + 1) },
        { partnershipId: s.id, opportunity: 'Uptime', size: 'SMALL', stage: 'Act', kpiMetric: 'uptime', kpiBaseline: 99.8, kpiTarget: 99.95, createdAt: new Date(createdAt.getTime() + 2) },
      ],
    })
    const { pages, snapshot } = await packText('2026-Q3', midQuarter)
    const entries = await prisma.csiEntry.findMany({ where: { partnershipId: s.id }, orderBy: { createdAt: 'asc' } })
    const page = await kpiFigures(s, entries, new Date(midQuarter))
    expect(page.period).toBe('2026-Q3 to date')
    expect(snapshot.csi.map((c) => c.period)).toEqual(['2026-Q3 to date', '2026-Q3 to date', '2026-Q3 to date'])
    entries.forEach((e, i) => {
      const { quarter, trailing } = page.values[e.id]
      expect(quarter).not.toBeNull()
      expect(trailing).not.toBeNull()
      expect(snapshot.csi[i].current).toBe(Math.round(quarter! * 100) / 100)
    })
    const csiPage = pages.find((p) => p.startsWith('Continual service improvement'))!
    expect(csiPage).toContain('KPI values over 2026-Q3 to date')
    expect(csiPage).toContain('2026-Q3 to')
    for (const c of snapshot.csi) expect(csiPage).toContain(`${fmtNum(c.baseline, 1)} ${fmtNum(c.target, 1)} ${fmtNum(c.current, 1)}`)

    // The entry as the page reads it today names its quarter and carries the trailing figure beside it.
    const dto = await getCsiEntry(s, entries[0].id)
    expect(dto.kpiPeriod).toMatch(/^\d{4}-Q[1-4]( to date)?$/)
    expect(dto).toHaveProperty('kpiTrailing90')
  })
})

describe('budget year rows', () => {
  it('sum every quarter of the year: the same in two packs with different horizons and on the roadmap page', async () => {
    const s = await scope()
    const prisma = await db()
    const createdAt = new Date('2026-04-01T00:00:00Z')
    // Started before any horizon below: its recurring cost runs through 2027 all the same.
    await prisma.roadmapItem.createMany({
      data: [
        { partnershipId: s.id, title: 'Managed SOC', proposedBy: 'MSP', status: 'IN_PROGRESS', targetQuarter: '2026-Q2', recurringCents: 100_000n, createdAt },
        { partnershipId: s.id, title: 'Laptop refresh', proposedBy: 'CLIENT', status: 'APPROVED', targetQuarter: '2027-Q4', oneTimeCents: 3_000_000n, createdAt },
      ],
    })
    const q3 = await packText('2026-Q3', '2026-10-05T12:00:00.000Z') // horizon 2026-Q4 … 2027-Q3
    const q4 = await packText('2026-Q4', '2026-10-05T12:00:00.000Z') // horizon 2027-Q1 … 2027-Q4
    const year = (snap: typeof q3.snapshot) => snap.roadmap.budget[0].years.find((y) => y.period === '2027')!
    const page = await roadmapBudget(s, { from: '2027-Q1', to: '2027-Q2' })
    const pageYear = page.rollups[0].years.find((y) => y.period === '2027')!
    expect(year(q3.snapshot)).toEqual(year(q4.snapshot))
    expect(year(q3.snapshot)).toEqual(pageYear)
    // Committed 2027: zero-trust's one-time 12,000 (2026-Q4 is 2026) is not in it; the laptop refresh's 30,000 is;
    // recurring: zero-trust 800 + SOC 1,000 a month, 12 months.
    expect(year(q3.snapshot).committed).toEqual({ oneTime: 30_000, recurring: 21_600, total: 51_600 })
    for (const { pages } of [q3, q4]) {
      const roadmapPage = pages.filter((p) => p.startsWith('Roadmap and budget')).join('\n')
      expect(roadmapPage).toContain(`2027 ${fmtNum(30_000)} ${fmtNum(21_600)} ${fmtNum(51_600)}`)
    }
  })
})
