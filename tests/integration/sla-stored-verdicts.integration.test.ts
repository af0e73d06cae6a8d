// Stored verdicts (ADR 022): the aggregate path must give exactly the figures of the reference path (the scan and
// the engine) for every report field, on demo tickets and on random ones, as of instants inside and after the
// quarter; every write path stores them; a policy change re-evaluates in a job, reports keeping the old figures
// until it ends.
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { generateDemoTickets } from '../../server/demo/demo-tickets.ts'
import { type Overrides, agreedAttainment, overrideKey } from '../../server/disputes/agreed-attainment.ts'
import { drainJobs } from '../../server/jobs/jobs.server.ts'
import { registerJobHandlers } from '../../server/jobs/register-jobs.server.ts'
import { calendarFor } from '../../server/sla/calendar.ts'
import { evaluateColumns } from '../../server/sla/engine.ts'
import { periodFigures } from '../../server/sla/period-report.ts'
import { MonthIndex, periodBounds } from '../../server/sla/periods.ts'
import { DEMO_POLICY, type SlaPolicy } from '../../server/sla/policy.ts'
import { setSlaPolicy } from '../../server/sla/sla-policies.server.ts'
import { slaReport } from '../../server/sla/sla-report.server.ts'
import { slaReportList } from '../../server/sla/sla-report-list.server.ts'
import type { ReportTicket } from '../../server/sla/period-report.ts'
import { type PageAt, REPORT_PAGE, decodeCursor, encodeCursor } from '../../server/sla/report-lists.ts'
import { evaluateRest, storedListPage } from '../../server/sla/stored/stored-report-lists.server.ts'
import { storedPeriodFigures } from '../../server/sla/stored/stored-period-figures.server.ts'
import { verdictPolicyAt } from '../../server/sla/stored/verdict-policy.server.ts'
import { importTicketsCsv } from '../../server/tickets/import-tickets-csv.server.ts'
import { pushTickets } from '../../server/tickets/push-tickets.server.ts'
import { scanTickets } from '../../server/tickets/scan-tickets.server.ts'
import { upsertTicketBatch } from '../../server/tickets/upsert-tickets.server.ts'
import { Readable } from 'node:stream'
import { createPartnershipGraph } from '../helpers/factories.ts'
import { pushedTimes } from '../helpers/random-tickets.ts'

const actor = { userId: null, label: 'test' }
const Q = '2026-Q3'
const { start, end } = periodBounds(DEMO_POLICY.timezone, { quarter: Q })
const months = new MonthIndex(DEMO_POLICY.timezone, start, end - 1)
const HOUR = 3_600_000
const DAY = 24 * HOUR

let scope: Awaited<ReturnType<typeof unsafeOperatorScope>>
beforeEach(async () => {
  const { partnership } = await createPartnershipGraph()
  scope = await unsafeOperatorScope(partnership.slug)
})

async function reference(policy: SlaPolicy, asOf: number, overrides: Overrides) {
  const window = { createdBefore: Math.min(end, asOf + 1), openAt: start }
  const rows = await scanTickets(scope.id, window)
  const table = evaluateColumns(calendarFor(policy), policy, rows, asOf)
  const f = periodFigures(rows, table, { start, end, months, listTickets: false, listPending: true })
  // Pending tickets soonest due first (the earliest due of a pending clock; none last), ties in the scan's order: as the SLA page sorted them.
  const due = (t: ReportTicket) => Math.min(...[t.response, t.resolution].filter((m) => m.verdict === 'pending').map((m) => (m.dueAt ? Date.parse(m.dueAt) : Number.POSITIVE_INFINITY)))
  const pending = f.pending.map((t, i) => [t, i] as const).sort(([a, i], [b, j]) => (due(a) === due(b) ? i - j : due(a) - due(b))).map(([t]) => t)
  return {
    totals: f.totals,
    agreedTotals: agreedAttainment(rows, table, overrides, { start, end, months }, f.totals),
    breaches: f.breaches,
    disagreements: f.disagreements,
    pending,
    considered: rows.length,
    completionUnknown: f.completionUnknown,
  }
}

type Page = { items: unknown[]; next: string | null; prev: string | null }

/**
 * Every item of a list: the first page, then the pages after each cursor; and each later page's `prev`, read back
 * as `before`, must give the `size` items before that page.
 */
async function walk(first: unknown[], next: string | null, size: number, page: (at: PageAt) => Promise<Page>) {
  const pages: Page[] = [{ items: first, next, prev: null }]
  for (let cursor = next, n = 0; cursor !== null; n++) {
    const p = await page({ key: decodeCursor(cursor)!, dir: 'after' })
    expect(p.items.length).toBeGreaterThan(0)
    expect(p.prev).not.toBeNull()
    pages.push(p)
    cursor = p.next
    expect(n).toBeLessThan(10_000)
  }
  const all = pages.flatMap((p) => p.items)
  for (let i = 1, from = first.length; i < pages.length; from += pages[i].items.length, i++) {
    const back = await page({ key: decodeCursor(pages[i].prev!)!, dir: 'before' })
    expect(back.items).toEqual(all.slice(Math.max(0, from - size), from))
    expect(back.prev === null).toBe(from <= size)
  }
  return all
}

async function compare(version: number, policy: SlaPolicy, asOf: number, overrides: Overrides = new Map()) {
  const vp = (await verdictPolicyAt(await db(), scope.id, version))!
  const window = { createdBefore: Math.min(end, asOf + 1), openAt: start }
  const { evaluated, pending: _, next: none, listCounts, ...stored } = await storedPeriodFigures(scope.id, vp, { start, end, months, window, asOf, overrides })
  const { pending, ...ref } = await reference(policy, asOf, overrides)
  expect(stored).toEqual(ref)
  expect(none).toEqual({ breaches: null, disagreements: null, pending: null })
  const counts = { breaches: ref.breaches.length, disagreements: ref.disagreements.length, pending: pending.length }
  expect(listCounts).toEqual(counts)
  // The pack's call: every breach and no disagreement, the rest as before.
  const { evaluated: _e, pending: _p, next: _n, ...breachesOnly } = await storedPeriodFigures(scope.id, vp, { start, end, months, window, asOf, overrides, breachesOnly: true })
  expect(breachesOnly).toEqual({ ...ref, disagreements: [], listCounts: counts })
  // The pack's appendix: of the settled rows only the first two breaches by priority, creation and external id (and
  // any tied with the second), the engine's all; every breach still counted.
  const first = await storedPeriodFigures(scope.id, vp, { start, end, months, window, asOf, overrides, breachesOnly: true, breachesFirst: 2 })
  const byKey = (a: ReportTicket, b: ReportTicket) => (a.priority < b.priority ? -1 : a.priority > b.priority ? 1 : a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0)
  expect(first.listCounts).toEqual(counts)
  expect([...first.breaches].sort(byKey).slice(0, 2)).toEqual([...ref.breaches].sort(byKey).slice(0, 2))
  expect(ref.breaches).toEqual(expect.arrayContaining(first.breaches))
  const engineBreaches = (await evaluateRest(scope.id, vp, { start, end, months, window, asOf })).figures.breaches.length
  expect(first.breaches.length).toBeLessThanOrEqual(Math.min(ref.breaches.length, engineBreaches + 2 + ref.breaches.filter((t) => byKey(t, [...ref.breaches].sort(byKey)[1] ?? t) === 0).length))
  if (ref.breaches.length > engineBreaches + 4) expect(first.breaches.length).toBeLessThan(ref.breaches.length)
  // Paged (ADR 030): the first page and every page after it, a few at a time, are the whole lists in their order.
  for (const size of [1, 3]) {
    const paged = await storedPeriodFigures(scope.id, vp, { start, end, months, window, asOf, overrides, firstPage: size })
    expect({ totals: paged.totals, agreedTotals: paged.agreedTotals, considered: paged.considered, listCounts: paged.listCounts }).toEqual({ totals: ref.totals, agreedTotals: ref.agreedTotals, considered: ref.considered, listCounts: counts })
    const bounds = { start, end, months, window, asOf }
    for (const [list, whole] of [['breaches', ref.breaches], ['disagreements', ref.disagreements], ['pending', pending]] as const) {
      expect(paged[list].length).toBe(Math.min(size, whole.length))
      expect(await walk(paged[list], paged.next[list], size, (at) => storedListPage(scope.id, vp, bounds, list, at, size)), list).toEqual(whole)
    }
  }
  return evaluated
}

const AS_OFS = [start + 40 * DAY + 5 * HOUR + 123, start + 80 * DAY, end + 3 * DAY]

describe('stored verdicts', () => {
  it('give the engine’s figures on the demo tickets, as of instants inside and after the quarter', async () => {
    await setSlaPolicy(scope, actor, { slug: scope.slug, policy: DEMO_POLICY }, { replace: true })
    const tickets = generateDemoTickets({ seed: 'stored', policy: DEMO_POLICY, from: start - 20 * DAY, to: end, perDay: 2, assignees: ['A', 'B'], vendorVerdicts: true })
    await (await db()).$transaction((tx) => upsertTicketBatch(tx, scope.id, 'psa', tickets))
    const ids = tickets.slice(0, 40).map((t) => t.externalId)
    const overrides: Overrides = new Map(ids.flatMap((id, i) => [[overrideKey(i % 2 ? 'response' : 'resolution', id), (i % 3 ? 1 : 2) as 1 | 2]]))
    for (const asOf of AS_OFS) {
      const evaluated = await compare(1, DEMO_POLICY, asOf, overrides)
      if (asOf > end) expect(evaluated).toBeLessThan(tickets.length / 10)
    }
    // And through sla.report: the aggregate report against the per-ticket (reference) one.
    const asOf = new Date(end + DAY).toISOString()
    const aggregate = await slaReport(scope, { slug: scope.slug, quarter: Q, asOf, tickets: false })
    const listed = await slaReport(scope, { slug: scope.slug, quarter: Q, asOf, tickets: true })
    expect({ ...aggregate, tickets: [], counts: { ...aggregate.counts, listed: 0 } }).toEqual({ ...listed, tickets: [], counts: { ...listed.counts, listed: 0 } })
    expect(aggregate.verdicts).toMatchObject({ version: 1, currentVersion: 1, reevaluating: false })
    expect(aggregate.breaches.length).toBe(Math.min(REPORT_PAGE, aggregate.counts.breaches))
    // Pages of 2 below: several of each list.
    expect(Math.min(aggregate.counts.breaches, aggregate.counts.disagreements, aggregate.counts.pending)).toBeGreaterThan(4)
    // sla.reportList's pages after the report's first: the whole lists of the reference path.
    const ref = await reference(DEMO_POLICY, end + DAY, new Map())
    for (const list of ['breaches', 'disagreements', 'pending'] as const) {
      const all = await walk(aggregate[list], aggregate.next[list], 2, (at) => slaReportList(scope, { slug: scope.slug, quarter: Q, asOf, list, [at.dir === 'after' ? 'cursor' : 'before']: encodeCursor(at.key), limit: 2 }))
      expect(all, list).toEqual(ref[list])
      expect(all.length).toBe(aggregate.counts[list])
    }
    await expect(slaReportList(scope, { slug: scope.slug, quarter: Q, asOf, list: 'breaches', cursor: 'not-a-cursor' })).rejects.toMatchObject({ name: 'ZodError', issues: [{ path: ['cursor'] }] })
    const c = encodeCursor({ due: 0, at: start, id: 'T', source: 'psa', order: 0 })
    await expect(slaReportList(scope, { slug: scope.slug, quarter: Q, asOf, list: 'breaches', before: 'x' })).rejects.toMatchObject({ name: 'ZodError', issues: [{ path: ['before'] }] })
    await expect(slaReportList(scope, { slug: scope.slug, quarter: Q, asOf, list: 'breaches', cursor: c, before: c })).rejects.toMatchObject({ name: 'ZodError', issues: [{ path: ['before'] }] })
  })

  it('give the engine’s figures on random tickets', async () => {
    await setSlaPolicy(scope, actor, { slug: scope.slug, policy: DEMO_POLICY }, { replace: true })
    const instant = fc.integer({ min: start - 15 * DAY, max: end + 10 * DAY })
    const after = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null })
    const ticket = fc.record({
      priority: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
      created: instant,
      response: after(3 * DAY),
      resolution: after(25 * DAY),
      pauses: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 * DAY }), fc.option(fc.integer({ min: 1, max: 5 * DAY }), { nil: null })), { maxLength: 3 }),
      lifecycle: fc.constantFrom(null, 'open', 'waiting', 'resolved', 'closed'),
      vendorResponseMet: fc.constantFrom(null, true, false),
      vendorResolutionMet: fc.constantFrom(null, true, false),
      dispute: fc.constantFrom(null, 'response:1', 'response:2', 'resolution:1', 'resolution:2'),
    })
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(ticket, { maxLength: 20 }), instant, async (list, asOf) => {
        run++
        await (await db()).ticket.deleteMany({ where: { partnershipId: scope.id } })
        const tickets = list.map((t, i) => ({
          ...pushedTimes(t, `R${run}-${i}`),
          vendorResponseMet: t.vendorResponseMet,
          vendorResolutionMet: t.vendorResolutionMet,
        }))
        if (tickets.length) await pushTickets(scope, { slug: scope.slug, source: 'api', tickets })
        const overrides: Overrides = new Map(
          list.flatMap((t, i) => (t.dispute ? [[overrideKey(t.dispute.split(':')[0] as 'response', `R${run}-${i}`), Number(t.dispute.split(':')[1]) as 1 | 2] as const] : [])),
        )
        for (const at of [asOf, end + 2 * DAY]) await compare(1, DEMO_POLICY, at, overrides)
      }),
      { numRuns: 12, seed: 22 },
    )
  })

  it('are stored by the push API and the CSV import', async () => {
    await setSlaPolicy(scope, actor, { slug: scope.slug, policy: DEMO_POLICY }, { replace: true })
    await pushTickets(scope, { slug: scope.slug, source: 'api', tickets: [{ externalId: 'P', priority: 'P1', createdAt: '2026-07-13T09:00:00Z', firstResponseAt: '2026-07-13T10:00:00Z', resolvedAt: '2026-07-13T11:00:00Z' }] })
    const csv = 'externalId,priority,createdAt,firstResponseAt,resolvedAt\nC,P1,2026-07-13T09:00:00Z,2026-07-13T09:10:00Z,\n'
    await importTicketsCsv(scope, Readable.from([csv]))
    const rows = await (await db()).ticket.findMany({ where: { partnershipId: scope.id }, orderBy: { externalId: 'asc' } })
    expect(rows.map((r) => [r.externalId, r.slaVersion, r.slaSettledMs, r.responseVerdict, r.responseDecidedMs, r.responseMonth, r.responseQuarter, r.resolutionVerdict])).toEqual([
      // Still open: not settled, its due instants kept, verdicts left to the engine.
      ['C', 1, null, null, null, null, null, null],
      // 60 min to respond against 30: breached at the due instant; resolved in 2 h against 4 h: met.
      ['P', 1, Date.parse('2026-07-13T11:00:00Z'), 2, Date.parse('2026-07-13T09:30:00Z'), '2026-07', '2026-Q3', 1],
    ])
    expect(rows[0].responseDueMs).toBe(Date.parse('2026-07-13T09:30:00Z'))
  })

  it('are re-evaluated in a job after a policy change; until it ends, reports show the old version’s figures and say so', async () => {
    registerJobHandlers()
    await setSlaPolicy(scope, actor, { slug: scope.slug, policy: DEMO_POLICY }, { replace: true })
    const tickets = generateDemoTickets({ seed: 'reeval', policy: DEMO_POLICY, from: start, to: end, perDay: 3, assignees: ['A'], vendorVerdicts: false })
    await (await db()).$transaction((tx) => upsertTicketBatch(tx, scope.id, 'psa', tickets))
    const strict: SlaPolicy = { ...DEMO_POLICY, targets: { ...DEMO_POLICY.targets, P3: { responseMinutes: 30, resolutionMinutes: 120, clock: 'business' } } }
    await setSlaPolicy(scope, actor, { slug: scope.slug, policy: strict }, { replace: true })
    const asOf = new Date(end + DAY).toISOString()
    const during = await slaReport(scope, { slug: scope.slug, quarter: Q, asOf, tickets: false })
    expect(during.policy.version).toBe(1)
    expect(during.verdicts).toEqual({ version: 1, currentVersion: 2, reevaluating: true, progress: { done: 0, total: 0 } })
    await compare(1, DEMO_POLICY, end + DAY)

    expect(await drainJobs()).toBe(1)
    const job = await (await db()).job.findFirstOrThrow({ where: { partnershipId: scope.id, kind: 'sla.reevaluate' } })
    expect(job.status).toBe('succeeded')
    expect(job.progress).toEqual({ done: tickets.length, total: tickets.length, version: 2 })
    const afterJob = await slaReport(scope, { slug: scope.slug, quarter: Q, asOf, tickets: false })
    expect(afterJob.verdicts).toEqual({ version: 2, currentVersion: 2, reevaluating: false, progress: null })
    expect(afterJob.totals.resolution.byPriority.P3.breached).toBeGreaterThan(during.totals.resolution.byPriority.P3.breached)
    expect(await compare(2, strict, end + DAY)).toBeLessThan(tickets.length / 10)
  })
})

describe('attainmentByPartnership', () => {
  it('gives sla.report’s overall figures for every partnership and period in one call', async () => {
    const { partnership: other } = await createPartnershipGraph()
    const second = await unsafeOperatorScope(other.slug)
    for (const [s, seed] of [[scope, 'a'], [second, 'b']] as const) {
      await setSlaPolicy(s, actor, { slug: s.slug, policy: DEMO_POLICY }, { replace: true })
      const tickets = generateDemoTickets({ seed, policy: DEMO_POLICY, from: start - 30 * DAY, to: end, perDay: 2, assignees: ['A'], vendorVerdicts: false })
      await (await db()).$transaction((tx) => upsertTicketBatch(tx, s.id, 'psa', tickets))
    }
    const { attainmentByPartnership } = await import('../../server/sla/stored/attainment-by-partnership.server.ts')
    const august = periodBounds(DEMO_POLICY.timezone, { from: '2026-08-01', to: '2026-09-01' })
    const periods = [
      { key: Q, from: new Date(start), to: new Date(end) },
      { key: '2026-08', from: new Date(august.start), to: new Date(august.end) },
    ]
    for (const asOf of [start + 50 * DAY, end + 5 * DAY]) {
      const got = await attainmentByPartnership([scope.id, second.id], periods, new Date(asOf))
      for (const s of [scope, second]) {
        for (const [key, input] of [[Q, { quarter: Q }], ['2026-08', { from: '2026-08-01', to: '2026-09-01' }]] as const) {
          const r = await slaReport(s, { slug: s.slug, ...input, asOf: new Date(asOf).toISOString(), tickets: true })
          expect(got.get(s.id)!.get(key)).toEqual({ response: r.totals.response.overall, resolution: r.totals.resolution.overall, breaches: r.counts.breaches })
        }
      }
    }
  })
})

describe('as-of thresholds (ADR 022 addendum): the portfolio’s SQL path against the engine', () => {
  it('give sla.report’s figures and findAtRiskClocks’s at-risk tickets for random tickets, policies, pauses and as-of instants', async () => {
    const { attainmentByPartnership } = await import('../../server/sla/stored/attainment-by-partnership.server.ts')
    const { atRiskCounts } = await import('../../server/portfolio/at-risk-counts.server.ts')
    const { findAtRiskClocks } = await import('../../server/sla/find-at-risk-clocks.server.ts')
    const { asOfThresholds } = await import('../../server/sla/stored/as-of-thresholds.ts')
    const august = periodBounds(DEMO_POLICY.timezone, { from: '2026-08-01', to: '2026-09-01' })
    const periods = [
      { key: Q, from: new Date(start), to: new Date(end) },
      { key: '2026-08', from: new Date(august.start), to: new Date(august.end) },
    ]
    // Whole and fractional minutes, some a whole business window (600 = 08:00–18:00), both clocks, any share.
    const minutes = fc.constantFrom(1, 30, 60, 90.5, 100 / 3, 240, 480, 600, 1200, 0.7)
    const target = fc
      .record({ responseMinutes: minutes, resolutionMinutes: minutes, clock: fc.constantFrom('24x7' as const, 'business' as const) })
      .map((t) => ({ ...t, resolutionMinutes: Math.max(t.responseMinutes, t.resolutionMinutes) }))
    const policy = fc
      .record({ P1: target, P2: target, P3: target, P4: target, share: fc.constantFrom(0.75, 0.5, 0.9, 0.05, 0.99, 0.6180339887) })
      .map(({ share, ...targets }): SlaPolicy => ({ ...DEMO_POLICY, targets, atRiskShare: share }))
    // Created on the hour in business days half the time, so that budgets of whole windows end at a window's end.
    const created = fc.oneof(fc.integer({ min: start - 15 * DAY, max: end + 5 * DAY }), fc.integer({ min: -15 * 24, max: 97 * 24 }).map((h) => start + h * HOUR))
    const after = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null })
    const ticket = fc.record({
      priority: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
      created,
      response: after(3 * DAY),
      resolution: after(25 * DAY),
      pauses: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 * DAY }), fc.option(fc.integer({ min: 1, max: 5 * DAY }), { nil: null })), { maxLength: 3 }),
      lifecycle: fc.constantFrom(null, 'open', 'waiting', 'resolved', 'closed'),
    })
    const iso = (ms: number) => new Date(ms).toISOString()
    let run = 0
    await fc.assert(
      fc.asyncProperty(policy, fc.array(ticket, { minLength: 1, maxLength: 15 }), fc.integer({ min: start - 5 * DAY, max: end + 10 * DAY }), async (p, list, asOf) => {
        run++
        const prisma = await db()
        await prisma.ticket.deleteMany({ where: { partnershipId: scope.id } })
        await prisma.slaPolicy.deleteMany({ where: { partnershipId: scope.id } })
        await prisma.partnership.update({ where: { id: scope.id }, data: { slaVerdictsVersion: null } })
        await setSlaPolicy(scope, actor, { slug: scope.slug, policy: p }, { replace: true })
        const tickets = list.map((t, i) => ({
          ...pushedTimes(t, `T${run}-${i}`),
        }))
        await pushTickets(scope, { slug: scope.slug, source: 'api', tickets })
        const stored = await prisma.ticket.findMany({ where: { partnershipId: scope.id }, select: { responseBreachFromMs: true, resolutionAtRiskFromMs: true } })
        expect(stored.every((r) => r.responseBreachFromMs !== null && r.resolutionAtRiskFromMs !== null)).toBe(true)
        const vp = (await verdictPolicyAt(prisma, scope.id, (await prisma.slaPolicy.findFirstOrThrow({ where: { partnershipId: scope.id } })).version))!
        // As-of instants: the random one, after the quarter, and either side of each ticket's thresholds.
        const near = list.slice(0, 1).flatMap((t, i) => {
          const x = { priority: t.priority as 'P1', createdAt: t.created, firstResponseAt: null, resolvedAt: null, pauses: [] }
          const th = asOfThresholds(vp.calendar, vp.policy, { ...x, pauses: tickets[i].pauses.map((q) => [Date.parse(q.start), q.end === null ? null : Date.parse(q.end)] as const) })
          return [th.response.breachFrom, th.response.atRiskFrom, th.resolution.breachFrom, th.resolution.atRiskFrom].filter(Number.isFinite).flatMap((n) => [n - 1, n])
        })
        for (const at of [asOf, end + 2 * DAY, ...near]) {
          const got = await attainmentByPartnership([scope.id], periods, new Date(at))
          for (const [key, input] of [[Q, { quarter: Q }], ['2026-08', { from: '2026-08-01', to: '2026-09-01' }]] as const) {
            const r = await slaReport(scope, { slug: scope.slug, ...input, asOf: iso(at), tickets: true })
            expect(got.get(scope.id)!.get(key)).toEqual({ response: r.totals.response.overall, resolution: r.totals.resolution.overall, breaches: r.breaches.length })
          }
          const counts = await atRiskCounts(new Map([[scope.id, { policy: vp.policy, version: vp.version }]]), new Date(at))
          const engine = new Set((await findAtRiskClocks(scope.id, vp.policy, at)).map((c) => c.ticket.id))
          expect(counts.get(scope.id)).toBe(engine.size)
        }
      }),
      { numRuns: 12, seed: 15 },
    )
  }, 300_000)
})

describe('as-of thresholds: recomputed by the re-evaluation job', () => {
  it('fills rows written before them, and follows a policy change (its at-risk share)', async () => {
    registerJobHandlers()
    const { requestReevaluation } = await import('../../server/sla/stored/reevaluate-verdicts.server.ts')
    const { NEVER_MS } = await import('../../server/sla/stored/stored-verdicts.ts')
    await setSlaPolicy(scope, actor, { slug: scope.slug, policy: DEMO_POLICY }, { replace: true })
    const created = Date.parse('2026-07-13T13:00:00Z')
    await pushTickets(scope, { slug: scope.slug, source: 'api', tickets: [{ externalId: 'O', priority: 'P1', createdAt: new Date(created).toISOString() }] })
    const prisma = await db()
    const read = () => prisma.ticket.findFirstOrThrow({ where: { partnershipId: scope.id, externalId: 'O' }, select: { responseBreachFromMs: true, responseBreachMs: true, responseAtRiskFromMs: true, resolutionAtRiskFromMs: true } })
    // P1: 30 min response, 240 min resolution, 24x7; at-risk share 0.75.
    const expected = (share: number) => ({ responseBreachFromMs: created + 30 * 60_000 + 1, responseBreachMs: created + 30 * 60_000, responseAtRiskFromMs: created + share * 30 * 60_000, resolutionAtRiskFromMs: created + share * 240 * 60_000 })
    expect(await read()).toEqual(expected(0.75))
    // A row from before the migration: the job counts it stale and fills it.
    await prisma.ticket.updateMany({ where: { partnershipId: scope.id }, data: { responseBreachFromMs: null, responseBreachMs: null, responseAtRiskFromMs: null, resolutionAtRiskFromMs: null } })
    expect(await requestReevaluation(scope.id)).toEqual({ queued: true })
    expect(await drainJobs()).toBe(1)
    expect(await read()).toEqual(expected(0.75))
    await setSlaPolicy(scope, actor, { slug: scope.slug, policy: { ...DEMO_POLICY, atRiskShare: 0.5 } }, { replace: true })
    await drainJobs()
    expect(await read()).toEqual(expected(0.5))
    // Finished at an unknown instant: its resolution is never breached nor at risk.
    await pushTickets(scope, { slug: scope.slug, source: 'api', tickets: [{ externalId: 'U', priority: 'P1', createdAt: new Date(created).toISOString(), lifecycle: 'closed' }] })
    const u = await prisma.ticket.findFirstOrThrow({ where: { partnershipId: scope.id, externalId: 'U' }, select: { resolutionBreachFromMs: true, resolutionBreachMs: true, resolutionAtRiskFromMs: true } })
    expect(u).toEqual({ resolutionBreachFromMs: NEVER_MS, resolutionBreachMs: null, resolutionAtRiskFromMs: NEVER_MS })
  })
})

describe('the portfolio’s engine share: rows without thresholds under the version', () => {
  it('give sla.report’s figures and findAtRiskClocks’s at-risk tickets with rows of no version, of older and newer versions and without thresholds', async () => {
    const { attainmentByPartnership } = await import('../../server/sla/stored/attainment-by-partnership.server.ts')
    const { atRiskCounts } = await import('../../server/portfolio/at-risk-counts.server.ts')
    const { findAtRiskClocks } = await import('../../server/sla/find-at-risk-clocks.server.ts')
    const periods = [{ key: Q, from: new Date(start), to: new Date(end) }]
    const ticket = fc.record({
      priority: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
      created: fc.integer({ min: start - 15 * DAY, max: end + 5 * DAY }),
      response: fc.option(fc.integer({ min: 0, max: 3 * DAY }), { nil: null }),
      resolution: fc.option(fc.integer({ min: 0, max: 25 * DAY }), { nil: null }),
      pauses: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 * DAY }), fc.option(fc.integer({ min: 1, max: 5 * DAY }), { nil: null })), { maxLength: 2 }),
      lifecycle: fc.constantFrom(null, 'open', 'resolved'),
      // Kept as written, or its thresholds cleared (a row from before they existed).
      cleared: fc.boolean(),
    })
    const batch = fc.array(ticket, { minLength: 1, maxLength: 6 })
    let run = 0
    await fc.assert(
      fc.asyncProperty(batch, batch, batch, fc.integer({ min: start - 5 * DAY, max: end + 10 * DAY }), async (unversioned, older, newer, asOf) => {
        run++
        const prisma = await db()
        await prisma.ticket.deleteMany({ where: { partnershipId: scope.id } })
        await prisma.slaPolicy.deleteMany({ where: { partnershipId: scope.id } })
        await prisma.partnership.update({ where: { id: scope.id }, data: { slaVerdictsVersion: null } })
        const push = (list: typeof unversioned, tag: string) => pushTickets(scope, { slug: scope.slug, source: 'api', tickets: list.map((t, i) => pushedTimes(t, `${tag}${run}-${i}`)) })
        const clear = (list: typeof unversioned, tag: string) =>
          prisma.ticket.updateMany({
            where: { partnershipId: scope.id, externalId: { in: list.flatMap((t, i) => (t.cleared ? [`${tag}${run}-${i}`] : [])) } },
            data: { responseBreachFromMs: null, responseBreachMs: null, responseAtRiskFromMs: null, resolutionBreachFromMs: null, resolutionBreachMs: null, resolutionAtRiskFromMs: null },
          })
        // No policy yet: stored with no version. Then a policy, its re-evaluation left queued; then a newer one.
        await push(unversioned, 'N')
        await setSlaPolicy(scope, actor, { slug: scope.slug, policy: DEMO_POLICY }, { replace: true })
        await push(older, 'O')
        await clear(older, 'O')
        const newest = { ...DEMO_POLICY, atRiskShare: 0.5, targets: { ...DEMO_POLICY.targets, P3: { ...DEMO_POLICY.targets.P3, responseMinutes: 45 } } }
        await setSlaPolicy(scope, actor, { slug: scope.slug, policy: newest }, { replace: true })
        await push(newer, 'W')
        await clear(newer, 'W')
        const version = (await prisma.slaPolicy.findFirstOrThrow({ where: { partnershipId: scope.id }, orderBy: { version: 'desc' } })).version
        for (const at of [asOf, end + 2 * DAY]) {
          const got = await attainmentByPartnership([scope.id], periods, new Date(at))
          const r = await slaReport(scope, { slug: scope.slug, quarter: Q, asOf: new Date(at).toISOString(), tickets: true })
          expect(got.get(scope.id)!.get(Q)).toEqual({ response: r.totals.response.overall, resolution: r.totals.resolution.overall, breaches: r.breaches.length })
          const counts = await atRiskCounts(new Map([[scope.id, { policy: newest, version }]]), new Date(at))
          const engine = new Set((await findAtRiskClocks(scope.id, newest, at)).map((c) => c.ticket.id))
          expect(counts.get(scope.id) ?? 0).toBe(engine.size)
        }
      }),
      { numRuns: 10, seed: 22 },
    )
  }, 300_000)
})
