import { beforeEach, describe, expect, it } from 'vitest'
import { requirePartnershipScope, unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { fmtNum, fmtPct } from '../../app/charts/pack-format.ts'
import { db } from '../../server/db/client.server.ts'
import { buildPackSnapshot } from '../../server/pack/build-pack-snapshot.server.ts'
import { generatePack, sha256Hex } from '../../server/pack/generate-pack.server.ts'
import { getPackPdf, getPackSnapshot, listPackVersions } from '../../server/pack/list-pack-versions.server.ts'
import { verifyPack } from '../../server/pack/verify-pack.server.ts'
import { slaReport } from '../../server/sla/sla-report.server.ts'
import { slaTicketStats } from '../../server/sla/sla-ticket-stats.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'
import { seedPackData } from '../helpers/pack-data.ts'
import { pdfPages } from '../helpers/pdf-text.ts'

const quarter = '2026-Q3'
const asOf = '2026-10-05T12:00:00.000Z'
const actor = { userId: null, label: 'Alex <alex@msp.example>' }

let graph: Awaited<ReturnType<typeof createPartnershipGraph>>
beforeEach(async () => {
  graph = await createPartnershipGraph({ mspRole: 'ACCOUNT_MANAGER' })
  const prisma = await db()
  await prisma.organization.update({ where: { id: graph.msp.id }, data: { name: 'Łódź Logistics IT Services', primaryColor: '#6e40c9' } })
  await prisma.organization.update({ where: { id: graph.client.id }, data: { name: 'Müller Präzisionsteile GmbH' } })
  await seedPackData(graph.partnership.id)
})

const scope = () => requirePartnershipScope(graph.mspUser.id, graph.partnership.slug, 'pack.generate')

describe('QBR pack', () => {
  it('prints the figures sla.report and sla.ticketStats give for the same as-of', async () => {
    const s = await scope()
    const version = await generatePack(s, actor, { slug: s.slug, quarter, asOf })
    const { pdf } = await getPackPdf(s, { slug: s.slug, quarter, version: version.version })
    const pages = await pdfPages(pdf)
    const text = pages.join('\n')
    const report = await slaReport(s, { slug: s.slug, quarter, asOf, tickets: false })
    const stats = await slaTicketStats(s, { slug: s.slug, quarter, asOf })
    expect(report.counts.breaches).toBeGreaterThan(0)

    const summary = pages[1]
    expect(summary).toContain(`RESPONSE ATTAINMENT\n${fmtPct(report.totals.response.overall.attainment)}`)
    expect(summary).toContain(`RESOLUTION ATTAINMENT\n${fmtPct(report.totals.resolution.overall.attainment)}`)
    expect(summary).toContain(`TICKETS OPENED\n${fmtNum(stats.total)}`)
    expect(summary).toContain(`ESCALATION RATE\n${fmtPct(stats.escalationRate)}`)
    expect(summary).toContain(`CSAT (1–5)\n${fmtNum(stats.csatAverage, 2)}`)
    expect(summary).toContain(`${fmtNum(report.counts.breaches)} tickets breached an SLA`)
    // The per-priority table, row by row: attainment, met, breached, pending for each clock.
    for (const p of ['P1', 'P2', 'P3', 'P4'] as const) {
      const cells = (t: { attainment: number | null; met: number; breached: number; pending: number }) => [fmtPct(t.attainment), fmtNum(t.met), fmtNum(t.breached), fmtNum(t.pending)]
      const row = text.split('\n').find((line) => line.startsWith(`${p} `))!
      expect(row.split(/ +/).slice(-8)).toEqual([...cells(report.totals.response.byPriority[p]), ...cells(report.totals.resolution.byPriority[p])])
    }
    // Every breached ticket is in the appendix (fewer than its 200 rows here).
    for (const b of report.breaches) expect(text).toContain(b.externalId)
    expect(text).toContain('No QBR scheduled')
  })

  it('draws both quarters from one scan with the figures sla.report and sla.ticketStats give each, at an as-of inside the quarter too', async () => {
    const s = await scope()
    // After the quarter: the whole previous quarter. Inside it (14 August is its 45th day): the quarter to date
    // against the previous quarter's first 45 days, never against a whole quarter.
    const cases = [
      { at: asOf, previousPeriod: { quarter: '2026-Q2' }, label: '2026-Q2', toDate: false },
      { at: '2026-08-14T15:30:00.000Z', previousPeriod: { from: '2026-04-01', to: '2026-05-16' }, label: '2026-Q2, first 45 days', toDate: true },
    ]
    for (const { at, previousPeriod, label, toDate } of cases) {
      const snapshot = await buildPackSnapshot(s, { slug: s.slug, quarter, asOf: at })
      expect(snapshot.comparison.label).toBe(label)
      expect(snapshot.period.toDate).toBe(toDate)
      const [current, previous] = await Promise.all([
        slaReport(s, { slug: s.slug, quarter, asOf: at, tickets: false }),
        slaReport(s, { slug: s.slug, ...previousPeriod, asOf: at, tickets: false }),
      ])
      const [stats, previousStats] = await Promise.all([slaTicketStats(s, { slug: s.slug, quarter, asOf: at }), slaTicketStats(s, { slug: s.slug, ...previousPeriod, asOf: at })])
      expect(previous.totals.response.overall.met + previous.totals.response.overall.breached).toBeGreaterThan(50)
      expect(snapshot.kpis).toMatchObject({
        responseAttainment: { current: current.totals.response.overall.attainment, previous: previous.totals.response.overall.attainment },
        resolutionAttainment: { current: current.totals.resolution.overall.attainment, previous: previous.totals.resolution.overall.attainment },
        tickets: { current: stats.total, previous: previousStats.total },
        escalationRate: { current: stats.escalationRate, previous: previousStats.escalationRate },
        csat: { current: stats.csatAverage, previous: previousStats.csatAverage },
      })
      expect(snapshot.sla.byPriority).toEqual(['P1', 'P2', 'P3', 'P4'].map((p) => ({ priority: p, response: current.totals.response.byPriority[p as 'P1'], resolution: current.totals.resolution.byPriority[p as 'P1'] })))
      expect(snapshot.sla.breachCount).toBe(current.counts.breaches)
      expect(snapshot.sla.metricSlas.map((m) => m.results)).toEqual(current.metricSlas.map((m) => m.results.map(({ samples: _, ...r }) => r)))
      expect(snapshot.tickets.medianResolutionMinutes).toBe(stats.medianResolutionMinutes)
      expect(snapshot.keyPerson.topThreeCriticalShare).toBe(stats.keyPersonDependency.share)
    }
  })

  it('gives byte-identical PDFs for the same data and as-of, each stored as a new version', async () => {
    const s = await scope()
    const first = await generatePack(s, actor, { slug: s.slug, quarter, asOf })
    const second = await generatePack(s, actor, { slug: s.slug, quarter, asOf })
    expect([first.version, second.version]).toEqual([1, 2])
    expect(second.sha256).toBe(first.sha256)
    const [a, b] = await Promise.all([getPackPdf(s, { slug: s.slug, quarter, version: 1 }), getPackPdf(s, { slug: s.slug, quarter, version: 2 })])
    expect(Buffer.compare(Buffer.from(a.pdf), Buffer.from(b.pdf))).toBe(0)
    expect(sha256Hex(a.pdf)).toBe(first.sha256)
    expect((await listPackVersions(s, { slug: s.slug })).map((v) => [v.version, v.generatedBy])).toEqual([
      [2, actor.label],
      [1, actor.label],
    ])
  })

  it('keeps a frozen pack as generated when the tickets change afterwards', async () => {
    const s = await scope()
    const frozen = await generatePack(s, actor, { slug: s.slug, quarter, asOf })
    const before = await getPackPdf(s, { slug: s.slug, quarter, version: 1 })
    const prisma = await db()
    // Every ticket of the quarter now escalated and breached: the live figures move.
    await prisma.ticket.updateMany({ where: { partnershipId: graph.partnership.id }, data: { escalated: true, firstResponseAt: null } })
    const regenerated = await generatePack(s, actor, { slug: s.slug, quarter, asOf })
    expect(regenerated.sha256).not.toBe(frozen.sha256)
    const after = await getPackPdf(s, { slug: s.slug, quarter, version: 1 })
    expect(sha256Hex(after.pdf)).toBe(frozen.sha256)
    expect(Buffer.compare(Buffer.from(after.pdf), Buffer.from(before.pdf))).toBe(0)
    const snapshot = await getPackSnapshot(s, { slug: s.slug, quarter, version: 1 })
    expect(snapshot.snapshot.kpis.escalationRate.current).toBeLessThan(100)
    expect((await getPackSnapshot(s, { slug: s.slug, quarter, version: 2 })).snapshot.kpis.escalationRate.current).toBe(100)
  })

  it('renders non-ASCII names, which read back from the PDF', async () => {
    const s = await scope()
    const v = await generatePack(s, actor, { slug: s.slug, quarter, asOf })
    const pages = await pdfPages((await getPackPdf(s, { slug: s.slug, quarter, version: v.version })).pdf)
    expect(pages[0]).toContain('Müller Präzisionsteile GmbH')
    expect(pages[0]).toContain('Łódź Logistics IT Services')
    expect(pages.join('\n')).toContain('Jürgen Öztürk')
    expect(pages.join('\n')).toContain('Łódź site Wi-Fi refresh')
  })

  it('verifies an uploaded file against the stored versions', async () => {
    const s = await scope()
    const v = await generatePack(s, actor, { slug: s.slug, quarter, asOf })
    const { pdf } = await getPackPdf(s, { slug: s.slug, quarter, version: v.version })
    const ok = await verifyPack(s, { slug: s.slug, fileBase64: Buffer.from(pdf).toString('base64') })
    expect(ok.match).toMatchObject({ quarter, version: 1, sha256: v.sha256 })
    const tampered = Buffer.from(pdf)
    tampered[tampered.length - 10] ^= 1
    expect((await verifyPack(s, { slug: s.slug, fileBase64: tampered.toString('base64') })).match).toBeNull()
    // Another partnership's pack is not found through this one.
    const other = await createPartnershipGraph()
    await seedPackData(other.partnership.id, { perDay: 1 })
    const otherScope = await unsafeOperatorScope(other.partnership.slug)
    expect((await verifyPack(otherScope, { slug: other.partnership.slug, sha256: v.sha256 })).match).toBeNull()
  })

  it('names the field of bad input', async () => {
    const s = await scope()
    await expect(generatePack(s, actor, { slug: s.slug, quarter: '2026-Q5' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['quarter'] })] })
    await expect(verifyPack(s, { slug: s.slug })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['fileBase64'] })] })
    expect(await (await db()).packVersion.count()).toBe(0)
  })

  it('reports progress through the stages', async () => {
    const s = await scope()
    const seen: string[] = []
    await generatePack(s, actor, { slug: s.slug, quarter, asOf }, { onProgress: (stage, done, total) => seen.push(`${stage} ${done}/${total}`) })
    expect(seen[0]).toBe('gather 0/8')
    expect(seen).toContain('gather 8/8')
    expect(seen).toContain('render 16/16')
    expect(seen.at(-1)).toBe('store 1/1')
  })
})
