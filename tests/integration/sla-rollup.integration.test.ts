// The roll-ups the triggers keep on Ticket (ADR 023, "Roll-ups") must give exactly what the GROUP BY over the
// tickets gives, whatever wrote the tickets (push, update of the same tickets, delete, re-evaluation after a policy
// change), as of instants inside and after the quarter; and the portfolio's SLA figures read through them must be
// sla.report's.
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db, queryArrays } from '../../server/db/client.server.ts'
import { generateDemoTickets } from '../../server/demo/demo-tickets.ts'
import { drainJobs } from '../../server/jobs/jobs.server.ts'
import { registerJobHandlers } from '../../server/jobs/register-jobs.server.ts'
import { portfolioPeriods } from '../../server/portfolio/quarters.ts'
import { rateCountsFromRollup, rateCountsFromTickets } from '../../server/portfolio/service-kpi-rates.server.ts'
import { type KpiSums, kpiSumsFromRollups, kpiSumsFromTickets } from '../../server/portfolio/service-kpis.server.ts'
import type { KpiCounts } from '../../server/sla/kpis/kpi-math.ts'
import { DEMO_POLICY, type SlaPolicy } from '../../server/sla/policy.ts'
import { setSlaPolicy } from '../../server/sla/sla-policies.server.ts'
import { slaReport } from '../../server/sla/sla-report.server.ts'
import { attainmentByPartnership } from '../../server/sla/stored/attainment-by-partnership.server.ts'
import { type SettledGroup, settledFromRollup, settledFromTickets } from '../../server/sla/stored/settled-groups.server.ts'
import { Readable } from 'node:stream'
import { importTicketsCsv } from '../../server/tickets/import-tickets-csv.server.ts'
import type { NormalisedTicket } from '../../server/tickets/normalize-ticket.ts'
import { pushTickets } from '../../server/tickets/push-tickets.server.ts'
import { upsertTicketBatch } from '../../server/tickets/upsert-tickets.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'

const actor = { userId: null, label: 'test' }
const UTC: SlaPolicy = { ...DEMO_POLICY, timezone: 'UTC' }
const Q = '2026-Q3'
const periods = portfolioPeriods(Q)
const all = [periods.current, periods.previous, ...periods.months]
const edges = [...new Set(all.flatMap((p) => [p.from.getTime(), p.to.getTime()]))].sort((a, b) => a - b)
const start = periods.current.from.getTime()
const end = periods.current.to.getTime()
const HOUR = 3_600_000
const DAY = 24 * HOUR

let scopes: Array<Awaited<ReturnType<typeof unsafeOperatorScope>>>
beforeEach(async () => {
  scopes = []
  for (let i = 0; i < 2; i++) {
    const { partnership } = await createPartnershipGraph()
    const scope = await unsafeOperatorScope(partnership.slug)
    await setSlaPolicy(scope, actor, { slug: scope.slug, policy: UTC }, { replace: true })
    scopes.push(scope)
  }
})

/** Groups summed by key, zeros left out, in a stable order. */
function normalGroups(rows: SettledGroup[]): Array<[string, number]> {
  const sums = new Map<string, number>()
  for (const [pid, rv, rb, sv, sb, n] of rows) {
    // A pending clock's stretch is never read (attainmentByPartnership counts decided verdicts only).
    const key = [pid, rv, rv === 0 ? '-' : rb, sv, sv === 0 ? '-' : sb].join('|')
    sums.set(key, (sums.get(key) ?? 0) + n)
  }
  return [...sums].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1))
}

const normalKpis = (m: Map<string, KpiSums>) =>
  [...m]
    .filter(([, s]) => s.opened !== 0)
    .map(([p, s]) => [p, s.opened, s.escalated, s.csat, s.csatN, [...s.critical].filter(([, n]) => n !== 0).sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1))

const normalCounts = (m: Map<string, KpiCounts>) => [...m].filter(([, c]) => c.tickets !== 0).sort(([a], [b]) => (a < b ? -1 : 1))

/** The pack's cohort roll-up (ADR 008 addendum "the cohort from a roll-up") against the GROUP BY over the tickets it is kept from. */
async function compareCohortRollup(ids: string[]) {
  const keys = `"partnershipId", "slaVersion", "cohortKey", "priority"::text, "queue", "assignee"`
  const order = `"partnershipId", "slaVersion", "cohortKey", "priority", "queue" COLLATE "C", "assignee" COLLATE "C"`
  const rolled = await queryArrays(
    `SELECT ${keys}, sum("tickets")::int, sum("escalated")::int, sum("csatSum")::int, sum("csatCount")::int, sum("critical")::int FROM "TicketCohortRollup" WHERE "partnershipId" = ANY($1::text[])
      GROUP BY ${keys} HAVING sum("tickets") <> 0 OR sum("escalated") <> 0 OR sum("csatSum") <> 0 OR sum("csatCount") <> 0 OR sum("critical") <> 0 ORDER BY ${order}`,
    [ids],
  )
  const counted = await queryArrays(
    `SELECT ${keys}, count(*)::int, count(*) FILTER (WHERE "escalated")::int, coalesce(sum("csat"), 0)::int, count("csat")::int,
            count(*) FILTER (WHERE "resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2')))::int
       FROM (SELECT "partnershipId", "slaVersion", "slaCohortKey" AS "cohortKey", "priority", "queue", "assignee", "escalated", "csat", "resolvedAt" FROM "Ticket" WHERE "partnershipId" = ANY($1::text[]) AND "slaVersion" IS NOT NULL) t
      GROUP BY ${keys} ORDER BY ${order}`,
    [ids],
  )
  expect(rolled).toEqual(counted)
}

async function compareRollups(asOf: number) {
  const ids = scopes.map((s) => s.id)
  await compareCohortRollup(ids)
  const versions = await Promise.all(scopes.map(async (s) => (await (await db()).partnership.findUniqueOrThrow({ where: { id: s.id } })).slaVerdictsVersion ?? 1))
  expect(normalGroups(await settledFromRollup(ids, versions, edges, asOf))).toEqual(normalGroups(await settledFromTickets(ids, versions, edges, asOf)))
  const until = Math.min(end, asOf + 1)
  if (until > start) expect(normalKpis(await kpiSumsFromRollups(ids, start, until, new Date(asOf)))).toEqual(normalKpis(await kpiSumsFromTickets(ids, start, until, new Date(asOf))))
  // The service-KPI rates' counts (reopens, first contact, origin), also for a window ending inside a month.
  for (const u of [until, Math.min(until, start + 40 * DAY + 5 * HOUR)]) {
    if (u > start) expect(normalCounts(await rateCountsFromRollup(ids, start, u, new Date(asOf)))).toEqual(normalCounts(await rateCountsFromTickets(ids, start, u, new Date(asOf))))
  }
}

describe('roll-ups', () => {
  it('equal the GROUP BY over the tickets after pushes, updates and deletes, as of instants inside and after the quarter', async () => {
    const instant = fc.integer({ min: start - 100 * DAY, max: end + 10 * DAY })
    const after = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null })
    const ticket = fc.record({
      partnership: fc.constantFrom(0, 1),
      priority: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
      created: instant,
      response: after(3 * DAY),
      resolution: after(40 * DAY),
      pauses: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 * DAY }), fc.option(fc.integer({ min: 1, max: 5 * DAY }), { nil: null })), { maxLength: 2 }),
      lifecycle: fc.constantFrom(null, 'open', 'resolved', 'closed'),
      escalated: fc.boolean(),
      csat: fc.constantFrom(null, 1, 3, 5),
      assignee: fc.constantFrom(null, 'A', 'B', 'C', 'D', 'E'),
      reopens: fc.constantFrom(null, 0, 1, 3),
      firstContact: fc.option(fc.boolean(), { nil: null }),
      origin: fc.constantFrom(null, 'alert', 'request', 'maintenance'),
      // Pushed again with another resolution, then deleted, or neither.
      later: fc.constantFrom('keep', 'update', 'delete'),
      shift: fc.integer({ min: -2 * DAY, max: 30 * DAY }),
    })
    const iso = (ms: number) => new Date(ms).toISOString()
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(ticket, { maxLength: 25 }), instant, async (list, asOf) => {
        run++
        await (await db()).ticket.deleteMany({ where: { partnershipId: { in: scopes.map((s) => s.id) } } })
        const ORIGINS = [null, 'alert', 'request', 'maintenance'] as const
        // Pushed again (`again`): the service-KPI fields change too.
        const body = (t: (typeof list)[number], i: number, resolution: number | null, again = false) => ({
          externalId: `R${run}-${i}`,
          priority: t.priority,
          createdAt: iso(t.created),
          firstResponseAt: t.response === null ? null : iso(t.created + t.response),
          resolvedAt: resolution === null ? null : iso(t.created + Math.max(0, resolution)),
          pauses: t.pauses.map(([s, d]) => ({ start: iso(t.created + s), end: d === null ? null : iso(t.created + s + d) })),
          lifecycle: t.lifecycle,
          escalated: t.escalated,
          csat: t.csat,
          assignee: t.assignee,
          reopens: again ? (t.reopens ?? 0) + 1 : t.reopens,
          firstContact: again ? (t.firstContact === null ? true : t.firstContact ? null : true) : t.firstContact,
          origin: again ? ORIGINS[(ORIGINS.indexOf(t.origin) + 1) % ORIGINS.length] : t.origin,
        })
        const push = async (pick: (t: (typeof list)[number]) => boolean, resolution: (t: (typeof list)[number]) => number | null, again = false) => {
          for (const [p, scope] of scopes.entries()) {
            const tickets = list.flatMap((t, i) => (t.partnership === p && pick(t) ? [body(t, i, resolution(t), again)] : []))
            if (tickets.length) await pushTickets(scope, { slug: scope.slug, source: 'api', tickets })
          }
        }
        await push(() => true, (t) => t.resolution)
        for (const at of [asOf, end + 2 * DAY]) await compareRollups(at)
        await push((t) => t.later === 'update', (t) => (t.resolution === null ? t.shift : t.resolution + t.shift), true)
        const gone = list.flatMap((t, i) => (t.later === 'delete' ? [`R${run}-${i}`] : []))
        await (await db()).ticket.deleteMany({ where: { partnershipId: { in: scopes.map((s) => s.id) }, externalId: { in: gone } } })
        for (const at of [asOf, end + 2 * DAY]) await compareRollups(at)
      }),
      { numRuns: 10, seed: 23 },
    )
  })

  it('are kept by a CSV import of several chunks and by a re-import that changes some rows (PostgreSQL writes each chunk in the stream\'s transaction)', async () => {
    const [scope] = scopes
    // More than two of the import's 5,000-row chunks.
    const tickets = generateDemoTickets({ seed: 'csv-chunks', policy: UTC, from: start - 40 * DAY, to: end - 5 * DAY, perDay: 120, assignees: ['A', 'B', 'C'], vendorVerdicts: true }).slice(0, 11_000)
    expect(tickets.length).toBeGreaterThan(10_000)
    const iso = (d: Date | null) => d?.toISOString() ?? ''
    const flag = (b: boolean | null) => (b === null ? '' : String(b))
    const csv = (list: NormalisedTicket[]) =>
      Readable.from([
        'externalId,title,priority,status,assignee,createdAt,firstResponseAt,resolvedAt,pauses,escalated,csat,vendorResponseMet,vendorResolutionMet\n' +
          list.map((t) => [t.externalId, t.title.replace(/[",]/g, ' '), t.priority, t.status, t.assignee ?? '', iso(t.createdAt), iso(t.firstResponseAt), iso(t.resolvedAt), t.pauses.map(([a, b]) => `${a}/${b ?? ''}`).join(';'), t.escalated, t.csat ?? '', flag(t.vendorResponseMet), flag(t.vendorResolutionMet)].join(',')).join('\n') +
          '\n',
      ])
    // The report's roll-up against the GROUP BY over the tickets it is kept from.
    const reportRollup = async () => {
      const keys = `"slaVersion", "priority"::text, "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth"`
      const rolled = await queryArrays(`SELECT ${keys}, sum("tickets")::int, sum("responseDisagreements")::int, sum("resolutionDisagreements")::int FROM "SlaReportRollup" WHERE "partnershipId" = $1 GROUP BY ${keys} HAVING sum("tickets") <> 0 OR sum("responseDisagreements") <> 0 OR sum("resolutionDisagreements") <> 0 ORDER BY ${keys}`, [scope.id])
      const counted = await queryArrays(
        `SELECT ${keys}, count(*)::int, count(*) FILTER (WHERE "responseVerdict" <> 0 AND "vendorResponseMet" IS NOT NULL AND ("responseVerdict" = 1) <> "vendorResponseMet")::int,
                count(*) FILTER (WHERE "resolutionVerdict" <> 0 AND "vendorResolutionMet" IS NOT NULL AND ("resolutionVerdict" = 1) <> "vendorResolutionMet")::int
           FROM (SELECT "slaVersion", "priority", "slaCreatedMonth" AS "createdMonth", "slaFinishedMonth" AS "finishedMonth", "responseVerdict", coalesce("responseMonth", '') AS "responseMonth",
                        "resolutionVerdict", coalesce("resolutionMonth", '') AS "resolutionMonth", "vendorResponseMet", "vendorResolutionMet"
                   FROM "Ticket" WHERE "partnershipId" = $1 AND "slaVersion" IS NOT NULL AND "slaSettledMs" IS NOT NULL AND "slaCreatedMonth" IS NOT NULL AND "slaFinishedMonth" IS NOT NULL
                    AND "responseVerdict" IS NOT NULL AND "resolutionVerdict" IS NOT NULL) x
          GROUP BY ${keys} ORDER BY ${keys}`,
        [scope.id],
      )
      expect(rolled.length).toBeGreaterThan(0)
      expect(rolled).toEqual(counted)
    }
    expect(await importTicketsCsv(scope, csv(tickets))).toMatchObject({ inserted: tickets.length, updated: 0, rejected: 0 })
    for (const at of [end - 20 * DAY, end + 2 * DAY]) await compareRollups(at)
    await reportRollup()
    // Every seventh ticket resolved a day later, its CSAT and the vendor's verdict changed: updates in every chunk.
    const changed = tickets.map((t, i) =>
      i % 7 === 0 ? { ...t, resolvedAt: new Date((t.resolvedAt ?? t.createdAt).getTime() + DAY), csat: t.csat === 5 ? 1 : 5, vendorResolutionMet: !(t.vendorResolutionMet ?? false) } : t,
    )
    const updated = Math.ceil(tickets.length / 7)
    expect(await importTicketsCsv(scope, csv(changed))).toMatchObject({ inserted: 0, updated, unchanged: tickets.length - updated, rejected: 0 })
    for (const at of [end - 20 * DAY, end + 2 * DAY]) await compareRollups(at)
    await reportRollup()
  }, 240_000)

  it('follow a re-evaluation after a policy change, and give sla.report’s figures to the portfolio', async () => {
    registerJobHandlers()
    const [scope, second] = scopes
    for (const [s, seed] of [[scope, 'a'], [second, 'b']] as const) {
      const tickets = generateDemoTickets({ seed, policy: UTC, from: start - 95 * DAY, to: end - 10 * DAY, perDay: 3, assignees: ['A', 'B', 'C', 'D'], vendorVerdicts: false })
      await (await db()).$transaction((tx) => upsertTicketBatch(tx, s.id, 'psa', tickets))
    }
    const strict: SlaPolicy = { ...UTC, targets: { ...UTC.targets, P3: { responseMinutes: 30, resolutionMinutes: 120, clock: 'business' } } }
    await setSlaPolicy(scope, actor, { slug: scope.slug, policy: strict }, { replace: true })
    expect(await drainJobs()).toBe(1)
    for (const asOf of [start + 50 * DAY + 7 * HOUR, end - 11 * DAY, end + 5 * DAY]) {
      await compareRollups(asOf)
      const got = await attainmentByPartnership([scope.id, second.id], all, new Date(asOf))
      for (const s of [scope, second]) {
        for (const p of all) {
          const input = p.key.includes('Q') ? { quarter: p.key } : { from: p.from.toISOString().slice(0, 10), to: p.to.toISOString().slice(0, 10) }
          const r = await slaReport(s, { slug: s.slug, ...input, asOf: new Date(asOf).toISOString(), tickets: true })
          expect(got.get(s.id)!.get(p.key), `${s.slug} ${p.key} as of ${new Date(asOf).toISOString()}`).toEqual({ response: r.totals.response.overall, resolution: r.totals.resolution.overall, breaches: r.counts.breaches })
        }
      }
    }
  })
})
