-- The QBR pack's cohort counts (ADR 008 addendum "the cohort from a roll-up"): tickets counted per partnership, verdict
-- version, local (month, week) piece of creation, priority, queue and assignee, kept by statement triggers in the
-- statement that writes the tickets, as the other roll-ups are (ADR 023, ADR 030). The piece is "slaCohortKey", the
-- policy zone's month and ISO week of creation ("2026-07|2026-W27"), computed at write in the version's zone (a
-- trigger does not know the zone). "critical" counts tickets resolved at all that were escalated or P1/P2; the reader
-- takes off those resolved after its as-of. A row whose counts fall to zero stays (the reader ignores it).

ALTER TABLE "Ticket" ADD COLUMN "slaCohortKey" TEXT;

CREATE TABLE "TicketCohortRollup" (
    "partnershipId" TEXT NOT NULL,
    "slaVersion" INTEGER NOT NULL,
    "cohortKey" TEXT NOT NULL,
    "priority" "Priority" NOT NULL,
    "queue" TEXT,
    "assignee" TEXT,
    "tickets" INTEGER NOT NULL,
    "escalated" INTEGER NOT NULL,
    "csatSum" BIGINT NOT NULL,
    "csatCount" INTEGER NOT NULL,
    "critical" INTEGER NOT NULL
);

-- NULLS NOT DISTINCT: no queue and no assignee are groups of their own, as GROUP BY makes them.
CREATE UNIQUE INDEX "TicketCohortRollup_key" ON "TicketCohortRollup" ("partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee") NULLS NOT DISTINCT;

CREATE FUNCTION "ticket_cohort_rollup_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TicketCohortRollup" AS r ("partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee", "tickets", "escalated", "csatSum", "csatCount", "critical")
  SELECT "partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee", sum(d)::int, coalesce(sum(d) FILTER (WHERE "escalated"), 0)::int, coalesce(sum(d * "csat"), 0)::bigint,
         coalesce(sum(d) FILTER (WHERE "csat" IS NOT NULL), 0)::int, coalesce(sum(d) FILTER (WHERE critical), 0)::int
    FROM (SELECT "partnershipId", "slaVersion", "slaCohortKey" AS "cohortKey", "priority", "queue", "assignee", 1 AS d, "escalated", "csat",
           ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM new_rows
     WHERE "slaVersion" IS NOT NULL AND "slaCohortKey" IS NOT NULL) x
   GROUP BY "partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee"
  HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE "escalated") <> 0 OR sum(d * "csat") <> 0 OR sum(d) FILTER (WHERE "csat" IS NOT NULL) <> 0 OR sum(d) FILTER (WHERE critical) <> 0
   ORDER BY "partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee"
  ON CONFLICT ("partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee") DO UPDATE SET "tickets" = r."tickets" + EXCLUDED."tickets", "escalated" = r."escalated" + EXCLUDED."escalated",
    "csatSum" = r."csatSum" + EXCLUDED."csatSum", "csatCount" = r."csatCount" + EXCLUDED."csatCount", "critical" = r."critical" + EXCLUDED."critical";
  RETURN NULL;
END
$$;

CREATE FUNCTION "ticket_cohort_rollup_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TicketCohortRollup" AS r ("partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee", "tickets", "escalated", "csatSum", "csatCount", "critical")
  SELECT "partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee", sum(d)::int, coalesce(sum(d) FILTER (WHERE "escalated"), 0)::int, coalesce(sum(d * "csat"), 0)::bigint,
         coalesce(sum(d) FILTER (WHERE "csat" IS NOT NULL), 0)::int, coalesce(sum(d) FILTER (WHERE critical), 0)::int
    FROM (SELECT "partnershipId", "slaVersion", "slaCohortKey" AS "cohortKey", "priority", "queue", "assignee", 1 AS d, "escalated", "csat",
           ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM new_rows
     WHERE "slaVersion" IS NOT NULL AND "slaCohortKey" IS NOT NULL
    UNION ALL
    SELECT "partnershipId", "slaVersion", "slaCohortKey" AS "cohortKey", "priority", "queue", "assignee", -1 AS d, "escalated", "csat",
           ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM old_rows
     WHERE "slaVersion" IS NOT NULL AND "slaCohortKey" IS NOT NULL) x
   GROUP BY "partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee"
  HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE "escalated") <> 0 OR sum(d * "csat") <> 0 OR sum(d) FILTER (WHERE "csat" IS NOT NULL) <> 0 OR sum(d) FILTER (WHERE critical) <> 0
   ORDER BY "partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee"
  ON CONFLICT ("partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee") DO UPDATE SET "tickets" = r."tickets" + EXCLUDED."tickets", "escalated" = r."escalated" + EXCLUDED."escalated",
    "csatSum" = r."csatSum" + EXCLUDED."csatSum", "csatCount" = r."csatCount" + EXCLUDED."csatCount", "critical" = r."critical" + EXCLUDED."critical";
  RETURN NULL;
END
$$;

CREATE FUNCTION "ticket_cohort_rollup_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TicketCohortRollup" AS r ("partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee", "tickets", "escalated", "csatSum", "csatCount", "critical")
  SELECT "partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee", sum(d)::int, coalesce(sum(d) FILTER (WHERE "escalated"), 0)::int, coalesce(sum(d * "csat"), 0)::bigint,
         coalesce(sum(d) FILTER (WHERE "csat" IS NOT NULL), 0)::int, coalesce(sum(d) FILTER (WHERE critical), 0)::int
    FROM (SELECT "partnershipId", "slaVersion", "slaCohortKey" AS "cohortKey", "priority", "queue", "assignee", -1 AS d, "escalated", "csat",
           ("resolvedAt" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))) AS critical
      FROM old_rows
     WHERE "slaVersion" IS NOT NULL AND "slaCohortKey" IS NOT NULL) x
   GROUP BY "partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee"
  HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE "escalated") <> 0 OR sum(d * "csat") <> 0 OR sum(d) FILTER (WHERE "csat" IS NOT NULL) <> 0 OR sum(d) FILTER (WHERE critical) <> 0
   ORDER BY "partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee"
  ON CONFLICT ("partnershipId", "slaVersion", "cohortKey", "priority", "queue", "assignee") DO UPDATE SET "tickets" = r."tickets" + EXCLUDED."tickets", "escalated" = r."escalated" + EXCLUDED."escalated",
    "csatSum" = r."csatSum" + EXCLUDED."csatSum", "csatCount" = r."csatCount" + EXCLUDED."csatCount", "critical" = r."critical" + EXCLUDED."critical";
  RETURN NULL;
END
$$;

CREATE FUNCTION "ticket_cohort_rollup_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "TicketCohortRollup";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_cohort_rollup_insert" AFTER INSERT ON "Ticket" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_cohort_rollup_insert"();
CREATE TRIGGER "Ticket_cohort_rollup_update" AFTER UPDATE ON "Ticket" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_cohort_rollup_update"();
CREATE TRIGGER "Ticket_cohort_rollup_delete" AFTER DELETE ON "Ticket" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_cohort_rollup_delete"();
CREATE TRIGGER "Ticket_cohort_rollup_truncate" AFTER TRUNCATE ON "Ticket" FOR EACH STATEMENT EXECUTE FUNCTION "ticket_cohort_rollup_truncate"();

-- Verdicts stored before this release lack the piece: marked stale, so that the pack counts those tickets from the
-- tickets themselves (and reports send them to the engine, exact, as before stored verdicts) until the re-evaluation
-- job queued here stores them again (ADR 022's path; `accord sla reevaluate --all` does the same at once).
UPDATE "Ticket" SET "slaVersion" = NULL WHERE "slaVersion" IS NOT NULL;
INSERT INTO "Job" ("id", "kind", "partnershipId", "payload", "singletonKey")
SELECT gen_random_uuid()::text, 'sla.reevaluate', p."id", jsonb_build_object('partnershipId', p."id"), 'sla.reevaluate:' || p."id"
  FROM "Partnership" p
 WHERE EXISTS (SELECT 1 FROM "SlaPolicy" s WHERE s."partnershipId" = p."id")
   AND EXISTS (SELECT 1 FROM "Ticket" t WHERE t."partnershipId" = p."id" AND t."slaVersion" IS NULL)
ON CONFLICT DO NOTHING;

-- What the pack's reader relies on: a ticket stored under a version carries its piece (counted by the roll-up);
-- every other ticket is read from "Ticket".
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_slaCohortKey_stored" CHECK ("slaVersion" IS NULL OR "slaCohortKey" IS NOT NULL);
