// The roll-ups the triggers keep on Ticket (ADR 023, "Roll-ups") must give exactly what the GROUP BY over the
// tickets gives, whatever wrote the tickets (push, update of the same tickets, delete, re-evaluation after a policy
// change), as of instants inside and after the quarter; and the portfolio's SLA figures read through them must be
// sla.report's.
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
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
    await setSlaPolicy(scope, actor, { slug: scope.slug, policy: UTC })
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

async function compareRollups(asOf: number) {
  const ids = scopes.map((s) => s.id)
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

  it('follow a re-evaluation after a policy change, and give sla.report’s figures to the portfolio', async () => {
    registerJobHandlers()
    const [scope, second] = scopes
    for (const [s, seed] of [[scope, 'a'], [second, 'b']] as const) {
      const tickets = generateDemoTickets({ seed, policy: UTC, from: start - 95 * DAY, to: end - 10 * DAY, perDay: 3, assignees: ['A', 'B', 'C', 'D'], vendorVerdicts: false })
      await (await db()).$transaction((tx) => upsertTicketBatch(tx, s.id, 'psa', tickets))
    }
    const strict: SlaPolicy = { ...UTC, targets: { ...UTC.targets, P3: { responseMinutes: 30, resolutionMinutes: 120, clock: 'business' } } }
    await setSlaPolicy(scope, actor, { slug: scope.slug, policy: strict })
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
