-- The service KPIs beyond SLA % (reopen rate, first-contact resolution, incidents per 100 users, proactive share) in
-- TicketKpiRollup, kept by the same statement triggers (ADR 023 addendum, "Service-KPI rates from the roll-up"): the
-- portfolio reads them per partnership and month instead of scanning the quarter's tickets. The counts are COUNTS_SQL's
-- (server/sla/kpis) with "resolved" meaning resolved at all; the reader takes off the tickets resolved after its as-of.

ALTER TABLE "TicketKpiRollup" ADD COLUMN "resolved" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "reopened" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "firstContactKnown" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "firstContact" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "originKnown" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "proactive" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "incidents" INTEGER NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION "ticket_rollups_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SlaRollup" AS r ("partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", "tickets")
  SELECT "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", sum(d)::int
    FROM (SELECT "partnershipId", "slaVersion", (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date AS "settleMonth",
           "responseVerdict", CASE WHEN "responseVerdict" = 0 OR "responseDecidedMs" IS NULL THEN (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date ELSE (date_trunc('month', to_timestamp(div(floor("responseDecidedMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date END AS "responseMonth",
           "resolutionVerdict", CASE WHEN "resolutionVerdict" = 0 OR "resolutionDecidedMs" IS NULL THEN (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date ELSE (date_trunc('month', to_timestamp(div(floor("resolutionDecidedMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date END AS "resolutionMonth", 1 AS d
      FROM new_rows
     WHERE "slaVersion" IS NOT NULL AND "slaSettledMs" IS NOT NULL AND "responseVerdict" IS NOT NULL AND "resolutionVerdict" IS NOT NULL) x
   GROUP BY "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth" HAVING sum(d) <> 0 ORDER BY "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth"
  ON CONFLICT ("partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth") DO UPDATE SET "tickets" = r."tickets" + EXCLUDED."tickets";
  INSERT INTO "TicketKpiRollup" AS r ("partnershipId", "createdMonth", "opened", "escalated", "csatSum", "csatCount",
    "resolved", "reopened", "firstContactKnown", "firstContact", "originKnown", "proactive", "incidents")
  SELECT "partnershipId", "createdMonth", sum(d)::int, coalesce(sum(d) FILTER (WHERE "escalated"), 0)::int, coalesce(sum(d * "csat"), 0)::bigint,
         coalesce(sum(d) FILTER (WHERE "csat" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "reopens" > 0), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact"), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IN ('alert', 'maintenance')), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IS DISTINCT FROM 'maintenance'), 0)::int
    FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", 1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical,
           "resolvedAt", "reopens", "firstContact", "origin"
      FROM new_rows) x
   GROUP BY "partnershipId", "createdMonth"
  HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE "escalated") <> 0 OR sum(d * "csat") <> 0 OR sum(d) FILTER (WHERE "csat" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "reopens" > 0) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact") <> 0
      OR sum(d) FILTER (WHERE "origin" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "origin" IN ('alert', 'maintenance')) <> 0
      OR sum(d) FILTER (WHERE "origin" IS DISTINCT FROM 'maintenance') <> 0
   ORDER BY "partnershipId", "createdMonth"
  ON CONFLICT ("partnershipId", "createdMonth") DO UPDATE SET "opened" = r."opened" + EXCLUDED."opened", "escalated" = r."escalated" + EXCLUDED."escalated",
    "csatSum" = r."csatSum" + EXCLUDED."csatSum", "csatCount" = r."csatCount" + EXCLUDED."csatCount",
    "resolved" = r."resolved" + EXCLUDED."resolved", "reopened" = r."reopened" + EXCLUDED."reopened", "firstContactKnown" = r."firstContactKnown" + EXCLUDED."firstContactKnown", "firstContact" = r."firstContact" + EXCLUDED."firstContact", "originKnown" = r."originKnown" + EXCLUDED."originKnown", "proactive" = r."proactive" + EXCLUDED."proactive", "incidents" = r."incidents" + EXCLUDED."incidents";
  INSERT INTO "KeyPersonRollup" AS r ("partnershipId", "createdMonth", "assignee", "critical")
  SELECT "partnershipId", "createdMonth", "assignee", sum(d)::int FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", 1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM new_rows) x
   WHERE critical AND "assignee" IS NOT NULL
   GROUP BY "partnershipId", "createdMonth", "assignee" HAVING sum(d) <> 0 ORDER BY "partnershipId", "createdMonth", "assignee"
  ON CONFLICT ("partnershipId", "createdMonth", "assignee") DO UPDATE SET "critical" = r."critical" + EXCLUDED."critical";
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "ticket_rollups_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SlaRollup" AS r ("partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", "tickets")
  SELECT "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", sum(d)::int
    FROM (SELECT "partnershipId", "slaVersion", (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date AS "settleMonth",
           "responseVerdict", CASE WHEN "responseVerdict" = 0 OR "responseDecidedMs" IS NULL THEN (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date ELSE (date_trunc('month', to_timestamp(div(floor("responseDecidedMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date END AS "responseMonth",
           "resolutionVerdict", CASE WHEN "resolutionVerdict" = 0 OR "resolutionDecidedMs" IS NULL THEN (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date ELSE (date_trunc('month', to_timestamp(div(floor("resolutionDecidedMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date END AS "resolutionMonth", -1 AS d
      FROM old_rows
     WHERE "slaVersion" IS NOT NULL AND "slaSettledMs" IS NOT NULL AND "responseVerdict" IS NOT NULL AND "resolutionVerdict" IS NOT NULL) x
   GROUP BY "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth" HAVING sum(d) <> 0 ORDER BY "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth"
  ON CONFLICT ("partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth") DO UPDATE SET "tickets" = r."tickets" + EXCLUDED."tickets";
  INSERT INTO "TicketKpiRollup" AS r ("partnershipId", "createdMonth", "opened", "escalated", "csatSum", "csatCount",
    "resolved", "reopened", "firstContactKnown", "firstContact", "originKnown", "proactive", "incidents")
  SELECT "partnershipId", "createdMonth", sum(d)::int, coalesce(sum(d) FILTER (WHERE "escalated"), 0)::int, coalesce(sum(d * "csat"), 0)::bigint,
         coalesce(sum(d) FILTER (WHERE "csat" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "reopens" > 0), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact"), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IN ('alert', 'maintenance')), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IS DISTINCT FROM 'maintenance'), 0)::int
    FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", -1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical,
           "resolvedAt", "reopens", "firstContact", "origin"
      FROM old_rows) x
   GROUP BY "partnershipId", "createdMonth"
  HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE "escalated") <> 0 OR sum(d * "csat") <> 0 OR sum(d) FILTER (WHERE "csat" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "reopens" > 0) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact") <> 0
      OR sum(d) FILTER (WHERE "origin" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "origin" IN ('alert', 'maintenance')) <> 0
      OR sum(d) FILTER (WHERE "origin" IS DISTINCT FROM 'maintenance') <> 0
   ORDER BY "partnershipId", "createdMonth"
  ON CONFLICT ("partnershipId", "createdMonth") DO UPDATE SET "opened" = r."opened" + EXCLUDED."opened", "escalated" = r."escalated" + EXCLUDED."escalated",
    "csatSum" = r."csatSum" + EXCLUDED."csatSum", "csatCount" = r."csatCount" + EXCLUDED."csatCount",
    "resolved" = r."resolved" + EXCLUDED."resolved", "reopened" = r."reopened" + EXCLUDED."reopened", "firstContactKnown" = r."firstContactKnown" + EXCLUDED."firstContactKnown", "firstContact" = r."firstContact" + EXCLUDED."firstContact", "originKnown" = r."originKnown" + EXCLUDED."originKnown", "proactive" = r."proactive" + EXCLUDED."proactive", "incidents" = r."incidents" + EXCLUDED."incidents";
  INSERT INTO "KeyPersonRollup" AS r ("partnershipId", "createdMonth", "assignee", "critical")
  SELECT "partnershipId", "createdMonth", "assignee", sum(d)::int FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", -1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM old_rows) x
   WHERE critical AND "assignee" IS NOT NULL
   GROUP BY "partnershipId", "createdMonth", "assignee" HAVING sum(d) <> 0 ORDER BY "partnershipId", "createdMonth", "assignee"
  ON CONFLICT ("partnershipId", "createdMonth", "assignee") DO UPDATE SET "critical" = r."critical" + EXCLUDED."critical";
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "ticket_rollups_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SlaRollup" AS r ("partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", "tickets")
  SELECT "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", sum(d)::int
    FROM (SELECT "partnershipId", "slaVersion", (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date AS "settleMonth",
           "responseVerdict", CASE WHEN "responseVerdict" = 0 OR "responseDecidedMs" IS NULL THEN (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date ELSE (date_trunc('month', to_timestamp(div(floor("responseDecidedMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date END AS "responseMonth",
           "resolutionVerdict", CASE WHEN "resolutionVerdict" = 0 OR "resolutionDecidedMs" IS NULL THEN (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date ELSE (date_trunc('month', to_timestamp(div(floor("resolutionDecidedMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date END AS "resolutionMonth", 1 AS d
      FROM new_rows
     WHERE "slaVersion" IS NOT NULL AND "slaSettledMs" IS NOT NULL AND "responseVerdict" IS NOT NULL AND "resolutionVerdict" IS NOT NULL
    UNION ALL
    SELECT "partnershipId", "slaVersion", (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date AS "settleMonth",
           "responseVerdict", CASE WHEN "responseVerdict" = 0 OR "responseDecidedMs" IS NULL THEN (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date ELSE (date_trunc('month', to_timestamp(div(floor("responseDecidedMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date END AS "responseMonth",
           "resolutionVerdict", CASE WHEN "resolutionVerdict" = 0 OR "resolutionDecidedMs" IS NULL THEN (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date ELSE (date_trunc('month', to_timestamp(div(floor("resolutionDecidedMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date END AS "resolutionMonth", -1 AS d
      FROM old_rows
     WHERE "slaVersion" IS NOT NULL AND "slaSettledMs" IS NOT NULL AND "responseVerdict" IS NOT NULL AND "resolutionVerdict" IS NOT NULL) x
   GROUP BY "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth" HAVING sum(d) <> 0 ORDER BY "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth"
  ON CONFLICT ("partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth") DO UPDATE SET "tickets" = r."tickets" + EXCLUDED."tickets";
  INSERT INTO "TicketKpiRollup" AS r ("partnershipId", "createdMonth", "opened", "escalated", "csatSum", "csatCount",
    "resolved", "reopened", "firstContactKnown", "firstContact", "originKnown", "proactive", "incidents")
  SELECT "partnershipId", "createdMonth", sum(d)::int, coalesce(sum(d) FILTER (WHERE "escalated"), 0)::int, coalesce(sum(d * "csat"), 0)::bigint,
         coalesce(sum(d) FILTER (WHERE "csat" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "reopens" > 0), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact"), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IN ('alert', 'maintenance')), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IS DISTINCT FROM 'maintenance'), 0)::int
    FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", 1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical,
           "resolvedAt", "reopens", "firstContact", "origin"
      FROM new_rows
    UNION ALL
    SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", -1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical,
           "resolvedAt", "reopens", "firstContact", "origin"
      FROM old_rows) x
   GROUP BY "partnershipId", "createdMonth"
  HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE "escalated") <> 0 OR sum(d * "csat") <> 0 OR sum(d) FILTER (WHERE "csat" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "reopens" > 0) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact") <> 0
      OR sum(d) FILTER (WHERE "origin" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "origin" IN ('alert', 'maintenance')) <> 0
      OR sum(d) FILTER (WHERE "origin" IS DISTINCT FROM 'maintenance') <> 0
   ORDER BY "partnershipId", "createdMonth"
  ON CONFLICT ("partnershipId", "createdMonth") DO UPDATE SET "opened" = r."opened" + EXCLUDED."opened", "escalated" = r."escalated" + EXCLUDED."escalated",
    "csatSum" = r."csatSum" + EXCLUDED."csatSum", "csatCount" = r."csatCount" + EXCLUDED."csatCount",
    "resolved" = r."resolved" + EXCLUDED."resolved", "reopened" = r."reopened" + EXCLUDED."reopened", "firstContactKnown" = r."firstContactKnown" + EXCLUDED."firstContactKnown", "firstContact" = r."firstContact" + EXCLUDED."firstContact", "originKnown" = r."originKnown" + EXCLUDED."originKnown", "proactive" = r."proactive" + EXCLUDED."proactive", "incidents" = r."incidents" + EXCLUDED."incidents";
  INSERT INTO "KeyPersonRollup" AS r ("partnershipId", "createdMonth", "assignee", "critical")
  SELECT "partnershipId", "createdMonth", "assignee", sum(d)::int FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", 1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM new_rows
    UNION ALL
    SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", -1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM old_rows) x
   WHERE critical AND "assignee" IS NOT NULL
   GROUP BY "partnershipId", "createdMonth", "assignee" HAVING sum(d) <> 0 ORDER BY "partnershipId", "createdMonth", "assignee"
  ON CONFLICT ("partnershipId", "createdMonth", "assignee") DO UPDATE SET "critical" = r."critical" + EXCLUDED."critical";
  RETURN NULL;
END
$$;

-- The tickets already stored: the roll-up rebuilt from them, in this migration's transaction.
TRUNCATE "TicketKpiRollup";
  INSERT INTO "TicketKpiRollup" AS r ("partnershipId", "createdMonth", "opened", "escalated", "csatSum", "csatCount",
    "resolved", "reopened", "firstContactKnown", "firstContact", "originKnown", "proactive", "incidents")
  SELECT "partnershipId", "createdMonth", sum(d)::int, coalesce(sum(d) FILTER (WHERE "escalated"), 0)::int, coalesce(sum(d * "csat"), 0)::bigint,
         coalesce(sum(d) FILTER (WHERE "csat" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "reopens" > 0), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact"), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IS NOT NULL), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IN ('alert', 'maintenance')), 0)::int,
         coalesce(sum(d) FILTER (WHERE "origin" IS DISTINCT FROM 'maintenance'), 0)::int
    FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", 1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical,
           "resolvedAt", "reopens", "firstContact", "origin"
      FROM "Ticket") x
   GROUP BY "partnershipId", "createdMonth"
  HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE "escalated") <> 0 OR sum(d * "csat") <> 0 OR sum(d) FILTER (WHERE "csat" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "reopens" > 0) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "resolvedAt" IS NOT NULL AND "firstContact") <> 0
      OR sum(d) FILTER (WHERE "origin" IS NOT NULL) <> 0
      OR sum(d) FILTER (WHERE "origin" IN ('alert', 'maintenance')) <> 0
      OR sum(d) FILTER (WHERE "origin" IS DISTINCT FROM 'maintenance') <> 0
   ORDER BY "partnershipId", "createdMonth"
  ON CONFLICT ("partnershipId", "createdMonth") DO UPDATE SET "opened" = r."opened" + EXCLUDED."opened", "escalated" = r."escalated" + EXCLUDED."escalated",
    "csatSum" = r."csatSum" + EXCLUDED."csatSum", "csatCount" = r."csatCount" + EXCLUDED."csatCount",
    "resolved" = r."resolved" + EXCLUDED."resolved", "reopened" = r."reopened" + EXCLUDED."reopened", "firstContactKnown" = r."firstContactKnown" + EXCLUDED."firstContactKnown", "firstContact" = r."firstContact" + EXCLUDED."firstContact", "originKnown" = r."originKnown" + EXCLUDED."originKnown", "proactive" = r."proactive" + EXCLUDED."proactive", "incidents" = r."incidents" + EXCLUDED."incidents";
