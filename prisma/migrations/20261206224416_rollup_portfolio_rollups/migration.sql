-- Roll-ups of the tickets per partnership and UTC month, kept by triggers in the statement that writes the tickets
-- (docs/decisions/023-portfolio-and-client-overview.md, "Roll-ups"): the portfolio reads a few rows per partnership
-- instead of every ticket of the quarter. A row whose counts fall to zero stays (the sums ignore it).

CREATE TABLE "SlaRollup" (
    "partnershipId" TEXT NOT NULL,
    "slaVersion" INTEGER NOT NULL,
    "settleMonth" DATE NOT NULL,
    "responseVerdict" SMALLINT NOT NULL,
    "responseMonth" DATE NOT NULL,
    "resolutionVerdict" SMALLINT NOT NULL,
    "resolutionMonth" DATE NOT NULL,
    "tickets" INTEGER NOT NULL,

    CONSTRAINT "SlaRollup_pkey" PRIMARY KEY ("partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth")
);

CREATE TABLE "TicketKpiRollup" (
    "partnershipId" TEXT NOT NULL,
    "createdMonth" DATE NOT NULL,
    "opened" INTEGER NOT NULL,
    "escalated" INTEGER NOT NULL,
    "csatSum" BIGINT NOT NULL,
    "csatCount" INTEGER NOT NULL,

    CONSTRAINT "TicketKpiRollup_pkey" PRIMARY KEY ("partnershipId", "createdMonth")
);

CREATE TABLE "KeyPersonRollup" (
    "partnershipId" TEXT NOT NULL,
    "createdMonth" DATE NOT NULL,
    "assignee" TEXT NOT NULL,
    "critical" INTEGER NOT NULL,

    CONSTRAINT "KeyPersonRollup_pkey" PRIMARY KEY ("partnershipId", "createdMonth", "assignee")
);

CREATE FUNCTION "ticket_rollups_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  INSERT INTO "TicketKpiRollup" AS r ("partnershipId", "createdMonth", "opened", "escalated", "csatSum", "csatCount")
  SELECT "partnershipId", "createdMonth", sum(d)::int, coalesce(sum(d) FILTER (WHERE "escalated"), 0)::int, coalesce(sum(d * "csat"), 0)::bigint,
         coalesce(sum(d) FILTER (WHERE "csat" IS NOT NULL), 0)::int
    FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", 1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM new_rows) x
   GROUP BY "partnershipId", "createdMonth"
  HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE "escalated") <> 0 OR sum(d * "csat") <> 0 OR sum(d) FILTER (WHERE "csat" IS NOT NULL) <> 0
   ORDER BY "partnershipId", "createdMonth"
  ON CONFLICT ("partnershipId", "createdMonth") DO UPDATE SET "opened" = r."opened" + EXCLUDED."opened", "escalated" = r."escalated" + EXCLUDED."escalated",
    "csatSum" = r."csatSum" + EXCLUDED."csatSum", "csatCount" = r."csatCount" + EXCLUDED."csatCount";
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

CREATE FUNCTION "ticket_rollups_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  INSERT INTO "TicketKpiRollup" AS r ("partnershipId", "createdMonth", "opened", "escalated", "csatSum", "csatCount")
  SELECT "partnershipId", "createdMonth", sum(d)::int, coalesce(sum(d) FILTER (WHERE "escalated"), 0)::int, coalesce(sum(d * "csat"), 0)::bigint,
         coalesce(sum(d) FILTER (WHERE "csat" IS NOT NULL), 0)::int
    FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", -1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM old_rows) x
   GROUP BY "partnershipId", "createdMonth"
  HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE "escalated") <> 0 OR sum(d * "csat") <> 0 OR sum(d) FILTER (WHERE "csat" IS NOT NULL) <> 0
   ORDER BY "partnershipId", "createdMonth"
  ON CONFLICT ("partnershipId", "createdMonth") DO UPDATE SET "opened" = r."opened" + EXCLUDED."opened", "escalated" = r."escalated" + EXCLUDED."escalated",
    "csatSum" = r."csatSum" + EXCLUDED."csatSum", "csatCount" = r."csatCount" + EXCLUDED."csatCount";
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

CREATE FUNCTION "ticket_rollups_update"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  INSERT INTO "TicketKpiRollup" AS r ("partnershipId", "createdMonth", "opened", "escalated", "csatSum", "csatCount")
  SELECT "partnershipId", "createdMonth", sum(d)::int, coalesce(sum(d) FILTER (WHERE "escalated"), 0)::int, coalesce(sum(d * "csat"), 0)::bigint,
         coalesce(sum(d) FILTER (WHERE "csat" IS NOT NULL), 0)::int
    FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", 1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM new_rows
    UNION ALL
    SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", -1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM old_rows) x
   GROUP BY "partnershipId", "createdMonth"
  HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE "escalated") <> 0 OR sum(d * "csat") <> 0 OR sum(d) FILTER (WHERE "csat" IS NOT NULL) <> 0
   ORDER BY "partnershipId", "createdMonth"
  ON CONFLICT ("partnershipId", "createdMonth") DO UPDATE SET "opened" = r."opened" + EXCLUDED."opened", "escalated" = r."escalated" + EXCLUDED."escalated",
    "csatSum" = r."csatSum" + EXCLUDED."csatSum", "csatCount" = r."csatCount" + EXCLUDED."csatCount";
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

CREATE FUNCTION "ticket_rollups_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "SlaRollup", "TicketKpiRollup", "KeyPersonRollup";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_rollups_insert" AFTER INSERT ON "Ticket" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_rollups_insert"();
CREATE TRIGGER "Ticket_rollups_update" AFTER UPDATE ON "Ticket" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_rollups_update"();
CREATE TRIGGER "Ticket_rollups_delete" AFTER DELETE ON "Ticket" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_rollups_delete"();
CREATE TRIGGER "Ticket_rollups_truncate" AFTER TRUNCATE ON "Ticket" FOR EACH STATEMENT EXECUTE FUNCTION "ticket_rollups_truncate"();

-- The tickets already stored.
  INSERT INTO "SlaRollup" AS r ("partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", "tickets")
  SELECT "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", sum(d)::int
    FROM (SELECT "partnershipId", "slaVersion", (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date AS "settleMonth",
           "responseVerdict", CASE WHEN "responseVerdict" = 0 OR "responseDecidedMs" IS NULL THEN (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date ELSE (date_trunc('month', to_timestamp(div(floor("responseDecidedMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date END AS "responseMonth",
           "resolutionVerdict", CASE WHEN "resolutionVerdict" = 0 OR "resolutionDecidedMs" IS NULL THEN (date_trunc('month', to_timestamp(div(floor("slaSettledMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date ELSE (date_trunc('month', to_timestamp(div(floor("resolutionDecidedMs")::bigint, 1000)) AT TIME ZONE 'UTC'))::date END AS "resolutionMonth", 1 AS d
      FROM "Ticket"
     WHERE "slaVersion" IS NOT NULL AND "slaSettledMs" IS NOT NULL AND "responseVerdict" IS NOT NULL AND "resolutionVerdict" IS NOT NULL) x
   GROUP BY "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth" HAVING sum(d) <> 0 ORDER BY "partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth"
  ON CONFLICT ("partnershipId", "slaVersion", "settleMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth") DO UPDATE SET "tickets" = r."tickets" + EXCLUDED."tickets";
  INSERT INTO "TicketKpiRollup" AS r ("partnershipId", "createdMonth", "opened", "escalated", "csatSum", "csatCount")
  SELECT "partnershipId", "createdMonth", sum(d)::int, coalesce(sum(d) FILTER (WHERE "escalated"), 0)::int, coalesce(sum(d * "csat"), 0)::bigint,
         coalesce(sum(d) FILTER (WHERE "csat" IS NOT NULL), 0)::int
    FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", 1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM "Ticket") x
   GROUP BY "partnershipId", "createdMonth"
  HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE "escalated") <> 0 OR sum(d * "csat") <> 0 OR sum(d) FILTER (WHERE "csat" IS NOT NULL) <> 0
   ORDER BY "partnershipId", "createdMonth"
  ON CONFLICT ("partnershipId", "createdMonth") DO UPDATE SET "opened" = r."opened" + EXCLUDED."opened", "escalated" = r."escalated" + EXCLUDED."escalated",
    "csatSum" = r."csatSum" + EXCLUDED."csatSum", "csatCount" = r."csatCount" + EXCLUDED."csatCount";
  INSERT INTO "KeyPersonRollup" AS r ("partnershipId", "createdMonth", "assignee", "critical")
  SELECT "partnershipId", "createdMonth", "assignee", sum(d)::int FROM (SELECT "partnershipId", date_trunc('month', "createdAt")::date AS "createdMonth", "assignee", 1 AS d,
           "escalated", "csat", ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM "Ticket") x
   WHERE critical AND "assignee" IS NOT NULL
   GROUP BY "partnershipId", "createdMonth", "assignee" HAVING sum(d) <> 0 ORDER BY "partnershipId", "createdMonth", "assignee"
  ON CONFLICT ("partnershipId", "createdMonth", "assignee") DO UPDATE SET "critical" = r."critical" + EXCLUDED."critical";
