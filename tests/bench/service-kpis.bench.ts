// sla.kpis (ADR 024) for a partnership with 100,000 tickets in the quarter (and 25,000 in the one before), on
// PostgreSQL. Two comparisons in the same run:
// - the KPI counts by SQL aggregate (GROUP BY month, FILTER) against a naive scan doing the same work: the cohort's
//   rows read into the process and counted there (the figures must agree, checked here);
// - the whole procedure (counts + the SLA engine's resolution percentiles) against the columnar scan it reads.
// Targets: the aggregates take at most half the naive scan; the procedure at most 2× its scan.
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { closeDatabase, openDatabase, queryArrays, setDatabase } from '../../server/db/client.server.ts'
import { applyMigrations } from '../../server/db/migrate.server.ts'
import { generateDemoTickets } from '../../server/demo/demo-tickets.ts'
import { MonthIndex, periodBounds } from '../../server/sla/periods.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { COUNTS_SQL, KEY_PERSON_SQL, serviceKpis } from '../../server/sla/kpis/service-kpis.server.ts'
import { scanTickets } from '../../server/tickets/scan-tickets.server.ts'
import { upsertTicketBatch } from '../../server/tickets/upsert-tickets.server.ts'
import { benchDatabase, median, report, runIfMain, skipped, timeRuns } from './lib.ts'

const ORIGINS = ['alert', 'request', 'request', 'maintenance'] as const
const QUEUES = ['Service Desk', 'Network', 'Security', 'Projects']

/** The naive way: the cohort's rows into the process, counted per month and engineer there. */
async function naiveCounts(params: unknown[], months: MonthIndex, asOf: number) {
  const rows = await queryArrays(
    `SELECT (extract(epoch from "createdAt") * 1000)::float8, (extract(epoch from "resolvedAt") * 1000)::float8, "reopens", "firstContact", "origin", "escalated", "priority"::text, coalesce("queue", '(none)'), "assignee"
       FROM "Ticket" WHERE "partnershipId" = $1 AND "createdAt" >= ($2::timestamptz AT TIME ZONE 'UTC') AND "createdAt" < ($3::timestamptz AT TIME ZONE 'UTC')`,
    [params[0], params[1], params[3]],
  )
  const counts = months.keys().map(() => [0, 0, 0, 0, 0, 0, 0, 0])
  const people = new Map<string, number>()
  for (const [created, resolved, reopens, firstContact, origin, escalated, priority, queue, assignee] of rows as Array<[number, number | null, number, boolean | null, string | null, boolean, string, string, string | null]>) {
    const m = months.indexOf(created)
    if (m < 0) continue
    const c = counts[m]
    const done = resolved !== null && resolved <= asOf
    c[0]++
    if (done) c[1]++
    if (done && reopens > 0) c[2]++
    if (done && firstContact !== null) c[3]++
    if (done && firstContact === true) c[4]++
    if (origin !== null) c[5]++
    if (origin === 'alert' || origin === 'maintenance') c[6]++
    if (origin !== 'maintenance') c[7]++
    if (done && assignee !== null && (escalated || priority === 'P1' || priority === 'P2')) {
      const key = `${m + 1}|${queue}|${assignee}`
      people.set(key, (people.get(key) ?? 0) + 1)
    }
  }
  return { counts, people, rows: rows.length }
}

export async function benchServiceKpis(count = 100_000): Promise<boolean> {
  const url = await benchDatabase('accord_bench_kpis')
  if (!url) return skipped('sla.kpis', 'no PostgreSQL server (set BENCH_DATABASE_URL)')
  const database = await openDatabase({ kind: 'postgres', url })
  setDatabase(database)
  try {
    await applyMigrations(database)
    const prisma = database.prisma
    const msp = await prisma.organization.create({ data: { kind: 'MSP', slug: 'bench-msp', name: 'Bench MSP' } })
    const client = await prisma.organization.create({ data: { kind: 'CLIENT', slug: 'bench-client', name: 'Bench Client', headcount: 2500 } })
    const p = await prisma.partnership.create({ data: { slug: 'bench', mspOrgId: msp.id, clientOrgId: client.id } })
    await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: 'Standard', definition: DEMO_POLICY as object, createdByLabel: 'bench' } })
    const q3 = periodBounds(DEMO_POLICY.timezone, { quarter: '2026-Q3' })
    const q2 = periodBounds(DEMO_POLICY.timezone, { quarter: '2026-Q2' })
    const assignees = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']
    const make = (seed: string, from: number, to: number, n: number) =>
      generateDemoTickets({ seed, policy: DEMO_POLICY, from, to, perDay: Math.ceil(n / 70), assignees, vendorVerdicts: false })
        .slice(0, n)
        .map((t, i) => ({ ...t, externalId: `${seed}-${t.externalId}`, queue: QUEUES[i % 4], reopens: i % 13 === 0 ? 1 : 0, firstContact: i % 3 === 0 ? undefined : i % 3 === 1, origin: ORIGINS[i % 4] }))
    const tickets = [...make('q2', q2.start, q2.end, count / 4), ...make('q3', q3.start, q3.end, count)]
    for (let i = 0; i < tickets.length; i += 1000) await prisma.$transaction((tx) => upsertTicketBatch(tx, p.id, 'psa', tickets.slice(i, i + 1000)))
    await prisma.$executeRawUnsafe('ANALYZE "Ticket"')
    const scope = await unsafeOperatorScope('bench')
    const asOf = q3.end + 86_400_000
    const months = new MonthIndex(DEMO_POLICY.timezone, q2.start, q3.end - 1)
    const params = [p.id, new Date(q2.start).toISOString(), months.starts(), new Date(q3.end).toISOString(), new Date(asOf).toISOString()]

    let sqlResult: { counts: unknown[][]; people: unknown[][] } = { counts: [], people: [] }
    const aggregates = async () => {
      const [counts, people] = await Promise.all([queryArrays(COUNTS_SQL, params), queryArrays(KEY_PERSON_SQL, params)])
      sqlResult = { counts, people }
    }
    let naive: Awaited<ReturnType<typeof naiveCounts>> = { counts: [], people: new Map(), rows: 0 }
    const scanNaive = async () => {
      naive = await naiveCounts(params, months, asOf)
    }
    let scanned = 0
    const scan = async () => {
      scanned = (await scanTickets(p.id, { createdFrom: q2.start, createdBefore: q3.end, ordered: false })).length
    }
    let share: number | null = null
    const full = async () => {
      share = (await serviceKpis(scope, { slug: 'bench', quarter: '2026-Q3', asOf: new Date(asOf).toISOString() })).keyPerson.current.share
    }
    for (let i = 0; i < 2; i++) for (const f of [aggregates, scanNaive, scan, full]) await f()

    // The two ways agree, or the comparison means nothing.
    const bySql = Object.fromEntries((sqlResult.counts as number[][]).map(([m, ...c]) => [m, c]))
    naive.counts.forEach((c, i) => {
      if (JSON.stringify(bySql[i + 1] ?? [0, 0, 0, 0, 0, 0, 0, 0]) !== JSON.stringify(c)) throw new Error(`month ${i + 1}: SQL ${JSON.stringify(bySql[i + 1])}, naive ${JSON.stringify(c)}`)
    })
    const sqlPeople = new Map((sqlResult.people as Array<[number, string, string, number]>).map(([m, q, a, n]) => [`${m}|${q}|${a}`, n]))
    if (sqlPeople.size !== naive.people.size || [...naive.people].some(([k, n]) => sqlPeople.get(k) !== n)) throw new Error('key-person counts differ between SQL and the naive scan')

    const t = { agg: [] as number[], naive: [] as number[], scan: [] as number[], full: [] as number[], aggRatio: [] as number[], fullRatio: [] as number[] }
    for (let i = 0; i < 7; i++) {
      const [a] = await timeRuns(aggregates, 1, 0)
      const [n] = await timeRuns(scanNaive, 1, 0)
      const [s] = await timeRuns(scan, 1, 0)
      const [f] = await timeRuns(full, 1, 0)
      t.agg.push(a)
      t.naive.push(n)
      t.scan.push(s)
      t.full.push(f)
      t.aggRatio.push(a / n)
      t.fullRatio.push(f / s)
    }
    const med = (xs: number[]) => median([...xs].sort((x, y) => x - y))
    const aggRatio = med(t.aggRatio)
    const fullRatio = med(t.fullRatio)
    return report(
      `sla.kpis on PostgreSQL: ${count.toLocaleString('en-US')} tickets in 2026-Q3, ${(count / 4).toLocaleString('en-US')} in 2026-Q2`,
      [
        ['naive: cohort rows counted in-process', `median ${med(t.naive).toFixed(0)} ms (${naive.rows.toLocaleString('en-US')} rows)`],
        ['KPI counts by SQL aggregate', `median ${med(t.agg).toFixed(0)} ms (same figures, checked)`],
        ['ratio aggregate / naive', `median of 7 interleaved ${aggRatio.toFixed(2)}×`],
        ['columnar scan of both quarters', `median ${med(t.scan).toFixed(0)} ms (${scanned.toLocaleString('en-US')} rows)`],
        ['sla.kpis (counts + engine percentiles)', `median ${med(t.full).toFixed(0)} ms (key-person share ${share}%)`],
        ['ratio sla.kpis / scan', `median ${fullRatio.toFixed(2)}×`],
      ],
      { ok: aggRatio <= 0.5 && fullRatio <= 2, text: `aggregates ≤ 0.5× the naive scan (${aggRatio.toFixed(2)}×), sla.kpis ≤ 2× its scan (${fullRatio.toFixed(2)}×)` },
    )
  } finally {
    await closeDatabase()
  }
}

await runIfMain(import.meta.url, benchServiceKpis)
