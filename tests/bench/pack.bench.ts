// The QBR pack on PostgreSQL: one pack for a partnership with a 10,000-ticket quarter and every section filled
// (service KPIs, lifecycle, alignment, disputes, the QBR's meeting pages…), queries included, against the same
// content printed to PDF by a warm headless Chromium from the presentation view, in the same run; a long table's
// cost per page; and a batch of 100 partnerships' packs with peak RSS. The pack's p50 is that of a process that has
// been generating packs (warm); the p50 of the first packs after start is printed beside it.
// Targets: pack p50 ≤ 65 ms end to end with its snapshot queries (with the MSP logo), and ≥ 5× faster than Chromium
// given the snapshot for free (end to end) as well as on the same snapshot; long tables ≤ 4 ms per page;
// batch < 30 s; the PPTX deck of the same snapshot < 500 ms (the PDF of it timed beside it).
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { PackDocument } from '../../app/components/pack-presentation.tsx'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { closeDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { generateDemoTickets } from '../../server/demo/demo-tickets.ts'
import { seedDemoAssessments } from '../../server/demo/seed-assessments.server.ts'
import { seedDemoAssets } from '../../server/demo/seed-assets.server.ts'
import { seedDemoQbrs } from '../../server/demo/seed-qbrs.server.ts'
import { seedStarterStandards } from '../../server/standards/seed-starter-standards.server.ts'
import { buildPackSnapshot } from '../../server/pack/build-pack-snapshot.server.ts'
import { generatePacksForMsp } from '../../server/pack/generate-pack-batch.server.ts'
import { countPages } from '../../server/pack/generate-pack.server.ts'
import { renderBreachTable, renderPack } from '../../server/pack/render-pack.ts'
import type { PackSnapshot } from '../../server/pack/snapshot.ts'
import { renderPackPptx } from '../../server/pack/pptx/render-pptx.ts'
import { logoPng } from '../fixtures/logo.ts'
import { periodBounds } from '../../server/sla/periods.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { upsertTicketBatch } from '../../server/tickets/upsert-tickets.server.ts'
import { buildPackSnapshot as buildFixtureSnapshot } from '../fixtures/pack-snapshot.ts'
import { launchChromium } from '../helpers/browser.ts'
import { benchDatabase, skipped, median, report, runIfMain } from './lib.ts'

const QUARTER = '2026-Q3'
const AS_OF = '2026-10-05T12:00:00.000Z'
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

type Prisma = Awaited<ReturnType<typeof openDatabase>>['prisma']

/** A partnership with `perQuarter` tickets in the quarter and in the one before, uptime, a matrix, a roadmap and a CSI register. */
async function seedPartnership(prisma: Prisma, mspId: string, slug: string, clientName: string, perQuarter: number, sampleEveryMs = 3_600_000) {
  const client = await prisma.organization.create({ data: { kind: 'CLIENT', slug: `${slug}-client`, name: clientName } })
  const p = await prisma.partnership.create({ data: { slug, mspOrgId: mspId, clientOrgId: client.id } })
  await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: 'Standard', definition: DEMO_POLICY as object, createdByLabel: 'bench' } })
  const from = periodBounds(DEMO_POLICY.timezone, { quarter: '2026-Q2' }).start
  const to = periodBounds(DEMO_POLICY.timezone, { quarter: QUARTER }).end
  // About perQuarter tickets in each quarter (weekends are quiet: ~70 working-day equivalents a quarter).
  const tickets = generateDemoTickets({ seed: slug, policy: DEMO_POLICY, from, to, perDay: Math.ceil(perQuarter / 66), assignees: ['Ava Ng', 'Jürgen Öztürk', 'Sam Lee', 'Chris Park', 'Dana Cruz', 'Eli Moss'], vendorVerdicts: false })
  for (let i = 0; i < tickets.length; i += 2000) await prisma.$transaction((tx) => upsertTicketBatch(tx, p.id, 'psa', tickets.slice(i, i + 2000)))
  const samples = []
  for (let t = from; t < to; t += sampleEveryMs) samples.push({ partnershipId: p.id, source: 'bench', metric: 'uptime', at: new Date(t), value: 99.9 + ((t / 3_600_000) % 10) / 100 })
  await prisma.metricSample.createMany({ data: samples })
  // The workspace exists from the previous quarter on: the pack reads it as it stood at AS_OF.
  const createdAt = new Date(from)
  await prisma.responsibilityFunction.createMany({
    data: Array.from({ length: 40 }, (_, i) => ({ partnershipId: p.id, category: `Area ${Math.floor(i / 8)}`, name: `Function ${i + 1}`, classification: 'TACTICAL' as const, mspRaci: 'RA', clientRaci: 'CI', sortOrder: i, createdAt })),
  })
  await prisma.roadmapItem.createMany({
    data: ['2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3'].flatMap((q, i) =>
      [0, 1, 2].map((j) => ({ partnershipId: p.id, title: `Initiative ${i}.${j}`, proposedBy: 'MSP' as const, status: j ? ('PROPOSED' as const) : ('APPROVED' as const), targetQuarter: q, oneTimeCents: BigInt(100_000 * (j + 1)), recurringCents: 20_000n, createdAt })),
    ),
  })
  await prisma.csiEntry.createMany({
    data: [
      { partnershipId: p.id, opportunity: 'Fewer escalations', size: 'MEDIUM' as const, stage: 'Plan', kpiMetric: 'escalation_rate', kpiBaseline: 12, kpiTarget: 8, createdAt },
      { partnershipId: p.id, opportunity: 'Happier users', size: 'SMALL' as const, stage: 'Do', kpiMetric: 'csat_average', kpiBaseline: 4, kpiTarget: 4.5, createdAt },
      { partnershipId: p.id, opportunity: 'P2 fixes on time', size: 'LARGE' as const, stage: 'Check', kpiMetric: 'sla.resolution.P2', kpiBaseline: 85, kpiTarget: 95, createdAt },
      { partnershipId: p.id, opportunity: 'Uptime', size: 'SMALL' as const, stage: 'Act', kpiMetric: 'uptime', kpiBaseline: 99.8, kpiTarget: 99.95, createdAt },
    ],
  })
  return tickets.length
}

/**
 * The sections beyond tickets and the workspace, as the demo fills them: the QBRs of the quarter and the one before
 * (agenda, minutes, action items), assets for the lifecycle forecast, two reviewed assessments, and disputes of
 * breached verdicts (some accepted). Dated as of the pack's instant.
 */
async function seedEverySection(prisma: Prisma, slug: string) {
  const scope = await unsafeOperatorScope(slug)
  const asOf = new Date(AS_OF)
  const people = await Promise.all(
    [
      { orgId: scope.mspOrgId, role: 'ACCOUNT_MANAGER' as const, name: 'Alex Account', email: `alex@${slug}.example` },
      { orgId: scope.clientOrgId, role: 'CLIENT_EXECUTIVE' as const, name: 'Casey Exec', email: `casey@${slug}.example` },
    ].map(async (m) => {
      const user = await prisma.user.create({ data: { email: m.email, name: m.name } })
      await prisma.membership.create({ data: { organizationId: m.orgId, userId: user.id, role: m.role } })
      return { userId: user.id, label: `${m.name} <${m.email}>` }
    }),
  )
  // The meeting pages: seeded a month before the as-of, so that the reviewed quarter's QBR exists by then.
  await seedDemoQbrs(scope, slug, people[0], new Date(asOf.getTime() - 30 * 86_400_000))
  await seedDemoAssets(scope.id, slug, asOf, new Date(periodBounds(DEMO_POLICY.timezone, { quarter: '2026-Q2' }).start))
  await seedStarterStandards(prisma, scope.mspOrgId)
  await seedDemoAssessments(scope, slug, people[0].label, people[0].label, asOf)
  const cur = periodBounds(DEMO_POLICY.timezone, { quarter: QUARTER })
  const breached = await prisma.ticket.findMany({ where: { partnershipId: scope.id, responseVerdict: 2, responseDecidedMs: { gte: cur.start, lt: cur.end } }, orderBy: { externalId: 'asc' }, take: 12 })
  await prisma.slaDispute.createMany({
    data: breached.map((t, i) => ({
      partnershipId: scope.id,
      ticketId: t.id,
      metric: 'response',
      liveKey: `${t.id}:response`,
      status: i % 3 === 0 ? ('ACCEPTED' as const) : ('OPEN' as const),
      agreedVerdict: i % 3 === 0 ? 'met' : null,
      answeredAt: i % 3 === 0 ? new Date(cur.end - 86_400_000) : null,
      answeredByLabel: i % 3 === 0 ? people[0].label : null,
      computedVerdict: 'breached',
      decidedAt: new Date(t.responseDecidedMs!),
      elapsedMinutes: t.responseElapsedMinutes!,
      targetMinutes: DEMO_POLICY.targets[t.priority].responseMinutes,
      reason: 'Answered by phone before the PSA logged it.',
      raisedByLabel: people[1].label,
      createdAt: new Date(cur.end - 2 * 86_400_000),
    })),
  })
}

/** The presentation view's print layout (every section), as a self-contained page. */
function presentationHtml(snapshot: PackSnapshot): string {
  const css = fs.readFileSync('app/styles/app.css', 'utf8')
  const body = renderToStaticMarkup(createElement(PackDocument, { snapshot }))
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>${css}</style></head><body>${body}</body></html>`
}

export async function benchPack(): Promise<boolean> {
  const url = await benchDatabase('accord_pack_bench')
  if (!url) return skipped('QBR pack', 'no PostgreSQL server (set BENCH_DATABASE_URL)')
  const database = await openDatabase({ kind: 'postgres', url })
  setDatabase(database)
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-pack-bench-'))
  const browser = await launchChromium()
  try {
    await applyMigrations(database)
    const prisma = database.prisma
    // With a logo, as an MSP's packs are drawn (cover and every page header; ADR 027).
    const logo = logoPng()
    const msp = await prisma.organization.create({ data: { kind: 'MSP', slug: 'bench-msp', name: 'Northwind Managed Services', primaryColor: '#6e40c9', logoPng: new Uint8Array(logo.png), logoWidth: logo.width, logoHeight: logo.height } })
    const tickets = await seedPartnership(prisma, msp.id, 'bench', 'Müller Präzisionsteile GmbH', 10_000)
    await seedEverySection(prisma, 'bench')
    // What autovacuum does to a table after bulk inserts (PostgreSQL 13+: autovacuum_vacuum_insert_threshold; the
    // test server runs without it), as the portfolio bench does: the visibility map set, so the pack's scans of the
    // tickets read their index alone (ADR 008 addendum of 2026-12-07, "index-only"), and the statistics.
    await prisma.$executeRawUnsafe('VACUUM (ANALYZE)')
    const scope = await unsafeOperatorScope('bench')
    const input = { slug: 'bench', quarter: QUARTER, asOf: AS_OF }

    // One pack, queries included: snapshot from the database, then the PDF.
    let pdf: Buffer = Buffer.alloc(0)
    let snapshot: PackSnapshot | null = null
    const pack = async () => {
      snapshot = await buildPackSnapshot(scope, input)
      pdf = await renderPack(snapshot)
    }
    const page = await browser.newPage()
    let chromePdf: Buffer = Buffer.alloc(0)
    const chromium = async () => {
      await page.setContent(presentationHtml(snapshot!), { waitUntil: 'load' })
      chromePdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } })
    }
    const time = async (fn: () => Promise<void>) => {
      const start = performance.now()
      await fn()
      return performance.now() - start
    }
    // Warm both sides.
    for (let i = 0; i < 3; i++) {
      await pack()
      await chromium()
    }
    // One pack after another, as a queue of generations runs them: first as the process starts (the 21 after the
    // three warm-up packs above), then as a server that has been generating packs does (after 40 more, which V8
    // needs to compile the hot paths and the pool's connections to fill their caches: the first 21 measured ~60%
    // slower than the ones after 100 on the same data). The target is the second; both are printed.
    const machineBusyMs = () => {
      const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number)
      return ((ticks.reduce((a, b) => a + b, 0) - ticks[3] - ticks[4]) * 1000) / 100
    }
    const inARow = async () => {
      const packs: number[] = []
      const snapshots: number[] = []
      // CPU beside the wall times: this process's (its pool threads included) and the whole machine's busy time
      // (/proc/stat, all cores: the database server's and anyone else's too), per pack and snapshot of this loop.
      const cpuFrom = process.cpuUsage()
      const machineFrom = machineBusyMs()
      const loadFrom = os.loadavg()[0]
      for (let i = 0; i < 21; i++) {
        packs.push(await time(pack))
        snapshots.push(await time(async () => void (await buildPackSnapshot(scope, input))))
      }
      const cpuUsed = process.cpuUsage(cpuFrom)
      return { packs, snapshots, cpu: { process: (cpuUsed.user + cpuUsed.system) / 1000 / 21, machine: (machineBusyMs() - machineFrom) / 21, load: `${loadFrom.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}` } }
    }
    const starting = await inARow()
    for (let i = 0; i < 40; i++) await pack()
    const { packs: packTimes, snapshots: snapshotTimes, cpu: loopCpu } = await inARow()
    // The ratios from interleaved triples, so that both engines see the same machine (other load comes and goes).
    // Like for like (the target): both turn the same snapshot into a PDF. End to end (for the reader): the pack
    // with its queries against Chromium given the snapshot for free.
    const interleavedPackTimes: number[] = []
    const renderTimes: number[] = []
    const chromeTimes: number[] = []
    const ratios: number[] = []
    const endToEndRatios: number[] = []
    for (let i = 0; i < 15; i++) {
      const a = await time(pack)
      const r = await time(async () => void (await renderPack(snapshot!)))
      const b = await time(chromium)
      interleavedPackTimes.push(a)
      renderTimes.push(r)
      chromeTimes.push(b)
      ratios.push(b / r)
      endToEndRatios.push(b / a)
    }
    const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y)
    const packP50 = median(sorted(packTimes))
    const chromeP50 = median(sorted(chromeTimes))
    const ratio = median(sorted(ratios))
    const endToEnd = median(sorted(endToEndRatios))
    const s = snapshot as unknown as PackSnapshot

    // The PPTX deck of the same snapshot (what the download route does), beside the PDF of it in the same run.
    const version = { version: 1, sha256: 'a'.repeat(64) }
    let deck: Buffer = Buffer.alloc(0)
    for (let i = 0; i < 3; i++) deck = await renderPackPptx(s, version)
    const pptxTimes: number[] = []
    const pdfTimes: number[] = []
    for (let i = 0; i < 15; i++) {
      pptxTimes.push(await time(async () => void (deck = await renderPackPptx(s, version))))
      pdfTimes.push(await time(async () => void (await renderPack(s))))
    }
    const pptxP50 = median(sorted(pptxTimes))

    // A long table alone: 2,000 breach rows against 20, per page of difference.
    const longRows = buildFixtureSnapshot({ breaches: 2000 })
    const shortRows = buildFixtureSnapshot({ breaches: 20 })
    let longPages = 0
    let shortPages = 0
    for (let i = 0; i < 3; i++) {
      longPages = countPages(await renderBreachTable(longRows))
      shortPages = countPages(await renderBreachTable(shortRows))
    }
    const longTimes: number[] = []
    const shortTimes: number[] = []
    for (let i = 0; i < 9; i++) {
      longTimes.push(await time(async () => void (await renderBreachTable(longRows))))
      shortTimes.push(await time(async () => void (await renderBreachTable(shortRows))))
    }
    const perPage = (median(sorted(longTimes)) - median(sorted(shortTimes))) / (longPages - shortPages)

    // The batch: 100 partnerships of one MSP (1,000 tickets a quarter each), frozen and written one after another.
    const batchMsp = await prisma.organization.create({ data: { kind: 'MSP', slug: 'batch-msp', name: 'Tailspin Security' } })
    let batchTickets = 0
    const batchSize = Number(process.env.PACK_BENCH_BATCH ?? 100)
    for (let i = 0; i < batchSize; i++) batchTickets += await seedPartnership(prisma, batchMsp.id, `batch-${String(i).padStart(3, '0')}`, `Client ${i} Łódź`, 1_000, 86_400_000)
    await prisma.$executeRawUnsafe('VACUUM (ANALYZE)')
    const rssBefore = process.memoryUsage().rss
    let peak = rssBefore
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    const batchStart = performance.now()
    const results = await generatePacksForMsp({ userId: null, label: 'bench' }, { msp: 'batch-msp', quarter: QUARTER, asOf: AS_OF, outDir })
    const batchMs = performance.now() - batchStart
    clearInterval(timer)
    const written = results.filter((r) => r.version).length

    const ok = {
      p50: packP50 <= 65,
      ratio: ratio >= 5,
      endToEnd: endToEnd >= 5,
      table: perPage <= 4,
      batch: batchMs < 30_000 && written === batchSize,
      pptx: pptxP50 < 500,
    }
    return report(
      `QBR pack on PostgreSQL: ${tickets.toLocaleString('en-US')} tickets over ${QUARTER} and the quarter before, ${s.tickets.total.toLocaleString('en-US')} opened in ${QUARTER}`,
      [
        ['pack: snapshot + PDF (queries incl.)', `p50 ${packP50.toFixed(1)} ms of 21 in a row after 64 (range ${Math.min(...packTimes).toFixed(1)}–${Math.max(...packTimes).toFixed(1)}; p50 ${median(sorted(interleavedPackTimes)).toFixed(1)} ms between Chromium prints), ${countPages(pdf)} pages, ${(pdf.length / 1024).toFixed(0)} KB`],
        ['  as the process starts', `p50 ${median(sorted(starting.packs)).toFixed(1)} ms of the 21 after 3 (range ${Math.min(...starting.packs).toFixed(1)}–${Math.max(...starting.packs).toFixed(1)}); snapshot p50 ${median(sorted(starting.snapshots)).toFixed(1)} ms; CPU this process ${starting.cpu.process.toFixed(1)} ms, machine ${starting.cpu.machine.toFixed(1)} ms per pack + snapshot`],
        ['SHA-256 snapshot JSON / PDF', `${createHash('sha256').update(JSON.stringify(s)).digest('hex')} / ${createHash('sha256').update(pdf).digest('hex')}`],
        ['sections filled', `QBR agenda ${s.qbr?.agenda.length ?? 0} items, ${s.qbr?.previousActionItems.length ?? 0} action items; lifecycle ${s.lifecycle?.assets ?? 0} assets; alignment ${s.alignment ? 'yes' : 'no'}; disputes ${s.disputes?.disputes.length ?? 0}; service KPIs ${s.serviceKpis ? 'yes' : 'no'}; CSI ${s.csi.length}; roadmap ${s.roadmap.items.length}; matrix ${s.responsibilities.rows.length}`],
        ['  CPU per pack + snapshot (loop above)', `this process ${loopCpu.process.toFixed(1)} ms, machine (all cores) ${loopCpu.machine.toFixed(1)} ms; load average ${loopCpu.load}`],
        ['  of which the snapshot (queries)', `p50 ${median(sorted(snapshotTimes)).toFixed(1)} ms`],
        ['  of which the PDF (renderPack)', `p50 ${median(sorted(renderTimes)).toFixed(1)} ms; breach appendix ${s.sla.breaches.length} of ${s.sla.breachCount} rows`],
        ['baseline: warm Chromium page.pdf', `p50 ${chromeP50.toFixed(1)} ms, ${countPages(chromePdf)} pages, ${(chromePdf.length / 1024).toFixed(0)} KB (presentation view, snapshot given)`],
        ['ratio Chromium / pack, same snapshot', `median of 15 interleaved pairs ${ratio.toFixed(1)}× (Chromium page.pdf ÷ renderPack)`],
        ['  end to end', `${endToEnd.toFixed(1)}× (Chromium given the snapshot ÷ the pack with its queries)`],
        ['PPTX deck of the same snapshot', `p50 ${pptxP50.toFixed(1)} ms of 15 (max ${Math.max(...pptxTimes).toFixed(1)}), ${(deck.length / 1024).toFixed(0)} KB; the PDF of it p50 ${median(sorted(pdfTimes)).toFixed(1)} ms interleaved`],
        ['long table', `${longPages} pages in ${median(sorted(longTimes)).toFixed(1)} ms vs ${shortPages} in ${median(sorted(shortTimes)).toFixed(1)} ms → ${perPage.toFixed(2)} ms per page`],
        [`batch: ${batchSize} partnerships`, `${(batchMs / 1000).toFixed(1)} s, ${written} written (${batchTickets.toLocaleString('en-US')} tickets), ${(batchMs / batchSize).toFixed(0)} ms each`],
        ['batch RSS before → peak', `${mb(rssBefore)} → ${mb(peak)} (process max RSS ${mb(process.resourceUsage().maxRSS * 1024)})`],
      ],
      {
        ok: Object.values(ok).every(Boolean),
        text: `p50 ≤ 65 ms ${ok.p50 ? 'met' : 'MISSED'}; ≥ 5× Chromium end to end ${ok.endToEnd ? 'met' : 'MISSED'}; ≥ 5× Chromium on the same snapshot ${ok.ratio ? 'met' : 'MISSED'}; ≤ 4 ms/page ${ok.table ? 'met' : 'MISSED'}; batch < 30 s ${ok.batch ? 'met' : 'MISSED'}; PPTX < 500 ms ${ok.pptx ? 'met' : 'MISSED'}`,
      },
    )
  } finally {
    await browser.close()
    fs.rmSync(outDir, { recursive: true, force: true })
    await closeDatabase()
  }
}

await runIfMain(import.meta.url, benchPack)
