import { DateTime } from 'luxon'
import { queryArrays } from '../../db/client.server.ts'
import { scanWhere } from '../../tickets/scan-tickets.server.ts'
import { MonthIndex } from '../periods.ts'
import type { Priority } from '../policy.ts'
import type { ListBounds } from './stored-report-lists.server.ts'

// The settled rows' tallies for sla.report (ADR 030): per priority, verdicts and the month of each decided instant
// when it falls in the period (null when not), with how many of them the vendor's verdicts contradict per clock.
// For a period of whole months of the policy's zone, from the roll-up (SlaReportRollup) less the rows it counts that
// settled after the as-of (an index range on the settle instant: none when the as-of is now); else one GROUP BY
// over the period's rows.

/** [priority, response verdict, its month if decided in the period, resolution verdict, its month, tickets, response disagreements, resolution disagreements] */
export type SettledGroup = [Priority, number, string | null, number, string | null, number, number, number]

const disagrees = (metric: 'Response' | 'Resolution') =>
  `count(*) FILTER (WHERE "${metric.toLowerCase()}Verdict" <> 0 AND "vendor${metric}Met" IS NOT NULL AND ("${metric.toLowerCase()}Verdict" = 1) <> "vendor${metric}Met")::int`

/** One GROUP BY over rows: the stored columns themselves as keys (the planner knows their few values and hashes them). */
async function grouped(where: string, params: unknown[], start: number, end: number): Promise<SettledGroup[]> {
  const s = params.length + 1
  const e = params.length + 2
  const inPeriod = (metric: 'response' | 'resolution') => `("${metric}DecidedMs" >= $${s}::float8 AND "${metric}DecidedMs" < $${e}::float8)`
  const rows = (await queryArrays(
    `SELECT "priority", "responseVerdict", "responseMonth", ${inPeriod('response')},
            "resolutionVerdict", "resolutionMonth", ${inPeriod('resolution')}, count(*)::int, ${disagrees('Response')}, ${disagrees('Resolution')}
       FROM "Ticket" WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    [...params, start, end],
  )) as Array<[Priority, number, string | null, boolean | null, number, string | null, boolean | null, number, number, number]>
  return rows.map(([p, rv, rm, rIn, sv, sm, sIn, n, rd, sd]) => [p, rv, rIn ? rm : null, sv, sIn ? sm : null, n, rd, sd])
}

export async function settledReportGroups(partnershipId: string, version: number, zone: string, b: ListBounds): Promise<SettledGroup[]> {
  const { start, end, months, asOf } = b
  const endMonth = new MonthIndex(zone, end, end)
  // The rows open at openAt: finished (the later of first response and resolution, both set on a settled row) at or
  // after it, which for a month's start is a finish month from its month on. sla.report opens at the period's start;
  // the pack at the comparison quarter's, so that its two periods consider the same rows as the scan.
  const openAt = b.window.openAt ?? Number.NaN
  const openMonth = new MonthIndex(zone, openAt <= start ? openAt : start, openAt <= start ? openAt : start)
  const wholeMonths =
    months.starts()[0] === start && endMonth.starts()[0] === end && openAt <= start && openMonth.starts()[0] === openAt && b.window.createdBefore === Math.min(end, asOf + 1)
  if (!wholeMonths) {
    const { where, params } = scanWhere(partnershipId, { ...b.window, stored: { version, asOf, settled: true } })
    return grouped(where, params, start, end)
  }
  // The roll-up counts the rows of this version created before the period's end, finished (the later of first
  // response and resolution) in or after openAt's month, settled by the end of the as-of's month (a settle month
  // is the later of the creation and finish months). Those settled after the as-of are then taken off.
  const asOfMonth = DateTime.fromMillis(asOf, { zone }).startOf('month')
  const keys = new Set(months.keys())
  const [rolled, after] = await Promise.all([
    queryArrays(
      `SELECT "priority", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", sum("tickets")::int, sum("responseDisagreements")::int, sum("resolutionDisagreements")::int
         FROM "SlaReportRollup"
        WHERE "partnershipId" = $1 AND "slaVersion" = $2 AND "createdMonth" < $3 AND "finishedMonth" >= $4 AND greatest("createdMonth", "finishedMonth") <= $5
        GROUP BY 1, 2, 3, 4, 5`,
      [partnershipId, version, endMonth.keys()[0], openMonth.keys()[0], asOfMonth.toFormat('yyyy-MM')],
    ) as Promise<Array<[Priority, number, string, number, string, number, number, number]>>,
    grouped(
      `"partnershipId" = $1 AND "slaVersion" = $2::int AND "slaSettledMs" > $3::float8 AND "slaSettledMs" < $4::float8
        AND "createdAt" < ($5::timestamptz AT TIME ZONE 'UTC') AND ("resolvedAt" >= ($6::timestamptz AT TIME ZONE 'UTC') OR "firstResponseAt" >= ($6::timestamptz AT TIME ZONE 'UTC'))`,
      [partnershipId, version, asOf, asOfMonth.plus({ months: 1 }).startOf('month').toMillis(), new Date(end).toISOString(), new Date(openAt).toISOString()],
      start,
      end,
    ),
  ])
  const inPeriod = (m: string) => (keys.has(m) ? m : null)
  return [
    ...rolled.map(([p, rv, rm, sv, sm, n, rd, sd]): SettledGroup => [p, rv, inPeriod(rm), sv, inPeriod(sm), n, rd, sd]),
    ...after.map(([p, rv, rm, sv, sm, n, rd, sd]): SettledGroup => [p, rv, rm, sv, sm, -n, -rd, -sd]),
  ]
}
