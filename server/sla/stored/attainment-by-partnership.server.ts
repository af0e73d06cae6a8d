import { db } from '../../db/client.server.ts'
import { queryArraysConcurrentRead } from '../../db/query-concurrent-read.server.ts'
import type { Lifecycle } from '../../tickets/status-history.ts'
import { type TicketColumns, evaluateColumns } from '../engine.ts'
import { PRIORITIES, type Priority } from '../policy.ts'
import { readStoredPauses } from '../stored-pauses.ts'
import { onEngineParts, pendingGroups } from './pending-groups.server.ts'
import { monthAligned, settledFromRollup, settledFromTickets } from './settled-groups.server.ts'
import { type VerdictPolicy, verdictPolicyAt } from './verdict-policy.server.ts'

// SLA attainment of many partnerships over many periods at once (the MSP portfolio), from the stored verdicts
// (ADR 022), with sla.report's rules: for each period [from, to), the verdicts decided in it (met, breached) and the
// tickets still pending as of asOf among those the report of that period considers; attainment = met / (met +
// breached) as a percentage, null when nothing was decided (attainment.ts); breaches = tickets with a verdict
// breached in the period (sla.report's breach list). Each partnership is read under the version its verdicts hold.
//
// Settled tickets are counted by groups (settled-groups.server.ts): each decided instant falls in one of the
// stretches between the periods' sorted edges (width_bucket), and a period is a run of stretches. When every edge is
// a UTC month's start (the portfolio's periods), the groups come from the roll-up the triggers keep per month
// (a few rows per partnership); otherwise from one GROUP BY over the tickets. The tickets not settled at asOf (open
// ones) are counted by groups too, their verdicts as of asOf resolved in SQL from the as-of thresholds stored with
// them (pending-groups.server.ts); only those without thresholds under the version (stale ones, rows written before
// the thresholds existed) are read by a third query and evaluated by the engine.

export interface MetricAttainment {
  met: number
  breached: number
  pending: number
  attainment: number | null
}

export interface PartnershipPeriodAttainment {
  response: MetricAttainment
  resolution: MetricAttainment
  breaches: number
}

export interface AttainmentPeriod {
  key: string
  from: Date
  to: Date
}

const empty = (): PartnershipPeriodAttainment => ({
  response: { met: 0, breached: 0, pending: 0, attainment: null },
  resolution: { met: 0, breached: 0, pending: 0, attainment: null },
  breaches: 0,
})

const rate = (m: MetricAttainment) => {
  m.attainment = m.met + m.breached === 0 ? null : (100 * m.met) / (m.met + m.breached)
}

const OPEN_COLUMNS = `t."partnershipId", right(t."priority"::text, 1)::int, round(date_part('epoch', t."createdAt") * 1000)::float8,
  round(date_part('epoch', t."firstResponseAt") * 1000)::float8, round(date_part('epoch', t."resolvedAt") * 1000)::float8,
  CASE WHEN t."pauses" = '[]'::jsonb THEN NULL ELSE t."pauses"::text END, t."lifecycle"`
// $1 the end of the window (exclusive), $2 its start, $3 asOf.
const OPEN_WINDOW = `t."createdAt" < ($1::timestamptz AT TIME ZONE 'UTC')
  AND (t."resolvedAt" IS NULL OR t."resolvedAt" >= ($2::timestamptz AT TIME ZONE 'UTC') OR t."firstResponseAt" IS NULL OR t."firstResponseAt" >= ($2::timestamptz AT TIME ZONE 'UTC'))`

export async function attainmentByPartnership(
  partnershipIds: string[],
  periods: Array<{ key: string; from: Date; to: Date }>,
  asOf: Date,
): Promise<Map<string, Map<string, PartnershipPeriodAttainment>>> {
  const out = new Map<string, Map<string, PartnershipPeriodAttainment>>()
  for (const id of partnershipIds) out.set(id, new Map(periods.map((p) => [p.key, empty()])))
  if (partnershipIds.length === 0 || periods.length === 0) return out
  const at = asOf.getTime()
  const prisma = await db()

  // The version each partnership's figures are computed with (sla.report's rule).
  const partnerships = await prisma.partnership.findMany({ where: { id: { in: partnershipIds } }, select: { id: true, slaVerdictsVersion: true, slaPolicies: { orderBy: { version: 'desc' }, take: 1, select: { version: true } } } })
  const policies = new Map<string, VerdictPolicy>()
  for (const p of partnerships) {
    const newest = p.slaPolicies[0]?.version
    if (newest === undefined) continue
    const vp = (await verdictPolicyAt(prisma, p.id, p.slaVerdictsVersion ?? newest)) ?? (await verdictPolicyAt(prisma, p.id, newest))
    if (vp) policies.set(p.id, vp)
  }
  if (policies.size === 0) return out
  const ids = [...policies.keys()]
  const versions = ids.map((id) => policies.get(id)!.version)

  const edges = [...new Set(periods.flatMap((p) => [p.from.getTime(), p.to.getTime()]))].sort((a, b) => a - b)
  // Period k covers stretches (width_bucket numbers) from its from's position + 1 to its to's position.
  const spans = periods.map((p) => ({ key: p.key, from: p.from.getTime(), to: p.to.getTime(), lo: edges.indexOf(p.from.getTime()) + 1, hi: edges.indexOf(p.to.getTime()) }))

  // The engine's part by version (partnerships share a few).
  const byVersion = new Map<number, string[]>()
  for (const [i, id] of ids.entries()) (byVersion.get(versions[i]) ?? byVersion.set(versions[i], []).get(versions[i])!).push(id)
  const stale = { sql: '', params: [] as unknown[] }
  for (const [version, list] of byVersion) {
    const n = 4 + stale.params.length
    stale.params.push(list, version)
    // Without thresholds under the version (pending-groups.server.ts takes the others): stale rows (another version or
    // none, settled or not), and unsettled rows of the version written before the thresholds, each part an index probe.
    // (A second condition on the partnership, = ANY of all ids, made the planner scan every ticket: 750 ms on the bench.)
    for (const part of onEngineParts(n + 1, true)) {
      stale.sql += `${stale.sql === '' ? '' : '\n       UNION ALL'}
       SELECT ${OPEN_COLUMNS} FROM "Ticket" t WHERE t."partnershipId" = ANY($${n}::text[]) AND ${part} AND ${OPEN_WINDOW}`
    }
  }
  const [settled, pending, open] = await Promise.all([
    monthAligned(edges) ? settledFromRollup(ids, versions, edges, at) : settledFromTickets(ids, versions, edges, at),
    // Not settled at asOf, thresholds stored under the version: resolved in SQL against asOf.
    pendingGroups(byVersion, edges, at),
    // The rest, for the engine.
    queryArraysConcurrentRead(stale.sql, [new Date(Math.min(edges[edges.length - 1], at + 1)).toISOString(), new Date(edges[0]).toISOString(), at, ...stale.params]),
  ])

  for (const [pid, rv, rb, sv, sb, cb, lb, n] of pending) {
    const byPeriod = out.get(pid)!
    for (const s of spans) {
      // The rows sla.report of this period considers: created before its end, not both completed before its start.
      if (!(cb <= s.hi && lb >= s.lo)) continue
      const a = byPeriod.get(s.key)!
      let breached = false
      for (const [m, verdict, bucket] of [
        ['response', rv, rb],
        ['resolution', sv, sb],
      ] as const) {
        if (verdict === 0) a[m].pending += n
        else if (bucket !== null && bucket >= s.lo && bucket <= s.hi) {
          a[m][verdict === 1 ? 'met' : 'breached'] += n
          if (verdict === 2) breached = true
        }
      }
      if (breached) a.breaches += n
    }
  }

  for (const [pid, rv, rb, sv, sb, n] of settled) {
    const byPeriod = out.get(pid)!
    for (const s of spans) {
      const a = byPeriod.get(s.key)!
      const rIn = rb !== null && rb >= s.lo && rb <= s.hi
      const sIn = sb !== null && sb >= s.lo && sb <= s.hi
      if (rIn && rv !== 0) a.response[rv === 1 ? 'met' : 'breached'] += n
      if (sIn && sv !== 0) a.resolution[sv === 1 ? 'met' : 'breached'] += n
      if ((rIn && rv === 2) || (sIn && sv === 2)) a.breaches += n
    }
  }

  // The engine on the rest, a partnership at a time.
  const rows = open as Array<[string, number, number, number | null, number | null, string | null, Lifecycle]>
  const byPartnership = new Map<string, typeof rows>()
  for (const r of rows) (byPartnership.get(r[0]) ?? byPartnership.set(r[0], []).get(r[0])!).push(r)
  for (const [pid, list] of byPartnership) {
    const vp = policies.get(pid)!
    const columns: TicketColumns = {
      length: list.length,
      priority: list.map((r) => PRIORITIES[r[1] - 1] as Priority),
      createdAt: Float64Array.from(list, (r) => r[2]),
      firstResponseAt: Float64Array.from(list, (r) => r[3] ?? Number.NaN),
      resolvedAt: Float64Array.from(list, (r) => r[4] ?? Number.NaN),
      pauses: list.map((r) => (r[5] === null ? null : readStoredPauses(JSON.parse(r[5])))),
      lifecycle: list.map((r) => r[6]),
    }
    const table = evaluateColumns(vp.calendar, vp.policy, columns, at)
    const byPeriod = out.get(pid)!
    for (const s of spans) {
      const a = byPeriod.get(s.key)!
      for (let i = 0; i < list.length; i++) {
        // The rows sla.report of this period considers.
        if (!(columns.createdAt[i] < Math.min(s.to, at + 1))) continue
        const fr = columns.firstResponseAt[i]
        const rs = columns.resolvedAt[i]
        if (!(Number.isNaN(rs) || rs >= s.from || Number.isNaN(fr) || fr >= s.from)) continue
        let breached = false
        for (const [m, verdict, decided] of [
          ['response', table.responseVerdict[i], table.responseDecidedAt[i]],
          ['resolution', table.resolutionVerdict[i], table.resolutionDecidedAt[i]],
        ] as const) {
          if (verdict === 0) a[m].pending++
          else if (decided >= s.from && decided < s.to) {
            a[m][verdict === 1 ? 'met' : 'breached']++
            if (verdict === 2) breached = true
          }
        }
        if (breached) a.breaches++
      }
    }
  }
  for (const byPeriod of out.values()) for (const a of byPeriod.values()) (rate(a.response), rate(a.resolution))
  return out
}
