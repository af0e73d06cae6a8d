// The service KPIs' per-month rate counts of the pack's cohort taken from TicketKpiRollup (UTC months) with the
// slivers to the policy zone's month edges and the tickets resolved after the as-of, against COUNTS_SQL's scan of
// every ticket: zones on both sides of UTC and with half hours, tickets at the edges, as-ofs inside a month, on an
// edge and after the window, after the roll-up saw inserts, updates and deletes.
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { unsafeOperatorScope } from "../../server/access/policy.server.ts";
import { db, queryArrays } from "../../server/db/client.server.ts";
import {
  kpiMonthCounts,
  kpiMonthParts,
} from "../../server/pack/kpi-month-counts.server.ts";
import { COUNTS_SQL } from "../../server/sla/kpis/service-kpis.server.ts";
import { MonthIndex, periodBounds } from "../../server/sla/periods.ts";
import { createPartnershipGraph } from "../helpers/factories.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const ZONES = [
  "America/New_York",
  "Pacific/Auckland",
  "Asia/Kolkata",
  "UTC",
] as const;

let partnershipId: string;
beforeEach(async () => {
  const { partnership } = await createPartnershipGraph();
  partnershipId = (await unsafeOperatorScope(partnership.slug)).id;
});

const ticketArb = fc.record({
  // Near a month edge (local or UTC) or anywhere in the two quarters.
  edge: fc.integer({ min: 0, max: 7 }),
  offset: fc.integer({ min: -20 * HOUR, max: 20 * HOUR }),
  anywhere: fc.boolean(),
  resolvedAfter: fc.option(fc.integer({ min: 0, max: 60 * DAY }), {
    nil: null,
  }),
  reopens: fc.constantFrom(0, 0, 1, 3),
  firstContact: fc.constantFrom(null, true, false),
  origin: fc.constantFrom(null, "alert", "request", "maintenance"),
});

async function expectSameCounts(
  zone: string,
  starts: number[],
  windowEnd: number,
  asOf: number
) {
  const until = Math.max(starts[0], Math.min(windowEnd, asOf + 1));
  const [rolled, scanned] = await Promise.all([
    kpiMonthCounts(partnershipId, zone, starts, until, asOf),
    queryArrays(COUNTS_SQL, [
      partnershipId,
      iso(starts[0]),
      starts,
      iso(until),
      iso(asOf),
    ]) as Promise<number[][]>,
  ]);
  const expected = new Map(scanned.map(([m, , ...n]) => [m, n]));
  for (const m of new Set([...expected.keys(), ...rolled.keys()]))
    expect([m, rolled.get(m) ?? [0, 0, 0, 0, 0, 0, 0]]).toEqual([
      m,
      expected.get(m) ?? [0, 0, 0, 0, 0, 0, 0],
    ]);
}

describe("the pack’s KPI month counts from the roll-up", () => {
  it("splits whole local months into a UTC month and slivers, and counts a cut month from its tickets", () => {
    const zone = "America/New_York";
    const starts = new MonthIndex(
      zone,
      periodBounds(zone, { quarter: "2026-Q2" }).start,
      periodBounds(zone, { quarter: "2026-Q3" }).end - 1
    ).starts();
    const parts = kpiMonthParts(zone, starts, starts[5] + 3 * DAY);
    expect(parts.rolled.map((r) => r.m)).toEqual([1, 2, 3, 4, 5]);
    // New York's April starts 4 h after UTC's: those 4 h are taken off, and May's first 4 h (local April) added.
    expect(parts.spans.filter((s) => s.m === 1)).toEqual([
      { m: 1, sign: -1, lo: Date.UTC(2026, 3, 1), hi: Date.UTC(2026, 3, 1, 4) },
      { m: 1, sign: 1, lo: Date.UTC(2026, 4, 1), hi: Date.UTC(2026, 4, 1, 4) },
    ]);
    expect(parts.spans.filter((s) => s.m === 6)).toEqual([
      { m: 6, sign: 1, lo: starts[5], hi: starts[5] + 3 * DAY },
    ]);
  });

  it("gives the scan’s counts per local month", async () => {
    const prisma = await db();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.array(ticketArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 1000 }),
        async (zone, tickets, seed) => {
          run++;
          await prisma.ticket.deleteMany({ where: { partnershipId } });
          const from = periodBounds(zone, { quarter: "2026-Q2" }).start;
          const end = periodBounds(zone, { quarter: "2026-Q3" }).end;
          const starts = new MonthIndex(zone, from, end - 1).starts();
          const edges = [...starts, end].flatMap((t) => [
            t,
            Date.UTC(
              new Date(t + DAY).getUTCFullYear(),
              new Date(t + DAY).getUTCMonth(),
              1
            ),
          ]);
          const rows = tickets.map((t, i) => {
            const createdAt = t.anywhere
              ? from + ((seed * 7919 + i * 104_729 * 1000) % (end - from))
              : edges[t.edge % edges.length] + t.offset;
            return {
              partnershipId,
              source: "api",
              externalId: `K-${run}-${i}`,
              title: "t",
              priority: "P3" as const,
              status: "Open",
              createdAt: new Date(createdAt),
              resolvedAt:
                t.resolvedAfter === null
                  ? null
                  : new Date(createdAt + t.resolvedAfter),
              pauses: [],
              contentHash: `${run}-${i}`,
              reopens: t.reopens,
              firstContact: t.firstContact,
              origin: t.origin,
            };
          });
          await prisma.ticket.createMany({ data: rows });
          // The roll-up kept through updates and deletes too.
          await prisma.ticket.updateMany({
            where: {
              partnershipId,
              externalId: {
                in: rows.filter((_, i) => i % 5 === 1).map((r) => r.externalId),
              },
            },
            data: {
              resolvedAt: new Date(end + 10 * DAY),
              origin: "alert",
              reopens: 2,
            },
          });
          await prisma.ticket.deleteMany({
            where: {
              partnershipId,
              externalId: {
                in: rows.filter((_, i) => i % 7 === 3).map((r) => r.externalId),
              },
            },
          });
          for (const asOf of [
            end + 5 * DAY,
            end + 20 * DAY,
            starts[4],
            starts[4] + 9 * DAY + 3 * HOUR + 17,
            starts[1] - 1,
            from - DAY,
          ])
            await expectSameCounts(zone, starts, end, asOf);
        }
      ),
      { numRuns: 25 }
    );
  });
});
