import { DateTime } from "luxon";
import { queryArrays } from "../db/client.server.ts";

// The service KPIs' seven per-month rate counts (resolved by the as-of, reopened, first contact known and made, origin
// known, proactive, incidents: COUNTS_SQL's, server/sla/kpis) of the pack's cohort, per local month of the policy's
// zone, mostly from TicketKpiRollup (ADR 023 addendum, kept by the triggers on Ticket) rather than from every ticket.
// The roll-up counts per UTC month with "resolved" meaning resolved at all, so a local month [A, B) whole inside the
// window is its UTC namesake [Ua, Ub) from the roll-up, less its tickets resolved after the as-of (read by the
// (partnershipId, resolvedAt) index), less [Ua, A) and plus [Ub, B) (or the reverse, by the zone's offset: a few
// hours each) counted from the tickets. A month the window cuts (the as-of's) is counted from its tickets. Exact:
// the same tickets counted by the same rules (pack-kpi-month-counts.integration.test.ts).

const ts = (i: number) => `($${i}::timestamptz AT TIME ZONE 'UTC')`;
const utc = (t: number) => new Date(t).toISOString().slice(0, -1);

const SQL = `
WITH s AS (SELECT * FROM unnest($2::int[], $3::int[], $4::timestamp[], $5::timestamp[]) AS s(m, sign, lo, hi)),
     u AS (SELECT * FROM unnest($6::int[], $7::date[]) AS u(m, month))
SELECT s.m, s.sign * c.resolved, s.sign * c.reopened, s.sign * c.fc_known, s.sign * c.fc, s.sign * c.origin_known, s.sign * c.proactive, s.sign * c.incidents
  FROM s CROSS JOIN LATERAL (
       SELECT (count(*) FILTER (WHERE "resolvedAt" <= ${ts(
         8
       )}))::int AS resolved,
              (count(*) FILTER (WHERE "resolvedAt" <= ${ts(
                8
              )} AND "reopens" > 0))::int AS reopened,
              (count(*) FILTER (WHERE "resolvedAt" <= ${ts(
                8
              )} AND "firstContact" IS NOT NULL))::int AS fc_known,
              (count(*) FILTER (WHERE "resolvedAt" <= ${ts(
                8
              )} AND "firstContact"))::int AS fc,
              (count(*) FILTER (WHERE "origin" IS NOT NULL))::int AS origin_known,
              (count(*) FILTER (WHERE "origin" IN ('alert', 'maintenance')))::int AS proactive,
              (count(*) FILTER (WHERE "origin" IS DISTINCT FROM 'maintenance'))::int AS incidents
         FROM "Ticket" WHERE "partnershipId" = $1 AND "createdAt" >= s.lo AND "createdAt" < s.hi) AS c
UNION ALL
SELECT u.m, r."resolved", r."reopened", r."firstContactKnown", r."firstContact", r."originKnown", r."proactive", r."incidents"
  FROM u JOIN "TicketKpiRollup" AS r ON r."partnershipId" = $1 AND r."createdMonth" = u.month
UNION ALL
SELECT u.m, -l.resolved, -l.reopened, -l.fc_known, -l.fc, 0, 0, 0
  FROM u JOIN (SELECT date_trunc('month', "createdAt")::date AS month, count(*)::int AS resolved, (count(*) FILTER (WHERE "reopens" > 0))::int AS reopened,
                      (count(*) FILTER (WHERE "firstContact" IS NOT NULL))::int AS fc_known, (count(*) FILTER (WHERE "firstContact"))::int AS fc
                 FROM "Ticket"
                WHERE "partnershipId" = $1 AND "resolvedAt" > ${ts(
                  8
                )} AND "createdAt" >= $9::timestamp AND "createdAt" < $10::timestamp
                GROUP BY 1) AS l ON l.month = u.month`;

/** Counted from the tickets with `sign`, or the roll-up's UTC month: the parts that make each local month. */
export interface KpiMonthParts {
  spans: Array<{ m: number; sign: 1 | -1; lo: number; hi: number }>;
  rolled: Array<{ m: number; lo: number; hi: number }>;
}

/**
 * The parts of the local months starting at `starts` (month m = starts[m - 1] to the next month start of the zone)
 * within [starts[0], until): a whole month from the roll-up and the slivers between its UTC and local edges, a cut
 * one (ending at or after `until`) from its tickets. Pure; exported for its test.
 */
export function kpiMonthParts(
  zone: string,
  starts: readonly number[],
  until: number
): KpiMonthParts {
  const out: KpiMonthParts = { spans: [], rolled: [] };
  starts.forEach((a, k) => {
    const local = DateTime.fromMillis(a, { zone });
    const b = local.plus({ months: 1 }).startOf("month").toMillis();
    const m = k + 1;
    if (b > until) {
      if (a < until) out.spans.push({ m, sign: 1, lo: a, hi: until });
      return;
    }
    const ua = Date.UTC(local.year, local.month - 1, 1);
    const ub = Date.UTC(local.year, local.month, 1);
    out.rolled.push({ m, lo: ua, hi: ub });
    if (ua < a) out.spans.push({ m, sign: -1, lo: ua, hi: a });
    else if (a < ua) out.spans.push({ m, sign: 1, lo: a, hi: ua });
    if (ub < b) out.spans.push({ m, sign: 1, lo: ub, hi: b });
    else if (b < ub) out.spans.push({ m, sign: -1, lo: b, hi: ub });
  });
  return out;
}

/** Per month m (1-based, as width_bucket over `starts`): [resolved, reopened, firstContactKnown, firstContact, originKnown, proactive, incidents]. */
export async function kpiMonthCounts(
  partnershipId: string,
  zone: string,
  starts: readonly number[],
  until: number,
  asOf: number
): Promise<Map<number, number[]>> {
  const { spans, rolled } = kpiMonthParts(zone, starts, until);
  const out = new Map<number, number[]>();
  if (spans.length === 0 && rolled.length === 0) return out;
  const rows = (await queryArrays(SQL, [
    partnershipId,
    spans.map((s) => s.m),
    spans.map((s) => s.sign),
    spans.map((s) => utc(s.lo)),
    spans.map((s) => utc(s.hi)),
    rolled.map((r) => r.m),
    rolled.map((r) => utc(r.lo).slice(0, 10)),
    new Date(asOf).toISOString(),
    utc(rolled.length ? Math.min(...rolled.map((r) => r.lo)) : 0),
    utc(rolled.length ? Math.max(...rolled.map((r) => r.hi)) : 0),
  ])) as number[][];
  for (const [m, ...n] of rows) {
    const c = out.get(m) ?? out.set(m, [0, 0, 0, 0, 0, 0, 0]).get(m)!;
    n.forEach((x, i) => (c[i] += x));
  }
  return out;
}
