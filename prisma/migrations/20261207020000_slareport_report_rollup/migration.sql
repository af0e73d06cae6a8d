-- sla.report's roll-up (docs/decisions/030-paged-report-lists.md): settled tickets counted per partnership, verdict
-- version, priority and the policy zone's months of creation, finish and each clock's decided instant, kept by
-- triggers in the statement that writes the tickets, as the portfolio's roll-ups are (ADR 023). The months are the
-- stored columns, computed at write in the policy's zone (a trigger does not know the zone). A row whose counts fall
-- to zero stays (the sums ignore it).

ALTER TABLE "Ticket" ADD COLUMN     "slaCreatedMonth" TEXT,
ADD COLUMN     "slaFinishedMonth" TEXT;

CREATE TABLE "SlaReportRollup" (
    "partnershipId" TEXT NOT NULL,
    "slaVersion" INTEGER NOT NULL,
    "priority" "Priority" NOT NULL,
    "createdMonth" TEXT NOT NULL,
    "finishedMonth" TEXT NOT NULL,
    "responseVerdict" SMALLINT NOT NULL,
    "responseMonth" TEXT NOT NULL,
    "resolutionVerdict" SMALLINT NOT NULL,
    "resolutionMonth" TEXT NOT NULL,
    "tickets" INTEGER NOT NULL,
    "responseDisagreements" INTEGER NOT NULL,
    "resolutionDisagreements" INTEGER NOT NULL,

    CONSTRAINT "SlaReportRollup_pkey" PRIMARY KEY ("partnershipId","slaVersion","priority","createdMonth","finishedMonth","responseVerdict","responseMonth","resolutionVerdict","resolutionMonth")
);

CREATE FUNCTION "ticket_report_rollup_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SlaReportRollup" AS r ("partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", "tickets", "responseDisagreements", "resolutionDisagreements")
  SELECT "partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", sum(d)::int, sum(rd)::int, sum(sd)::int
    FROM (SELECT "partnershipId", "slaVersion", "priority", "slaCreatedMonth" AS "createdMonth", "slaFinishedMonth" AS "finishedMonth",
           "responseVerdict", coalesce("responseMonth", '') AS "responseMonth", "resolutionVerdict", coalesce("resolutionMonth", '') AS "resolutionMonth", 1 AS d,
           ("responseVerdict" <> 0 AND "vendorResponseMet" IS NOT NULL AND ("responseVerdict" = 1) <> "vendorResponseMet")::int * 1 AS rd,
           ("resolutionVerdict" <> 0 AND "vendorResolutionMet" IS NOT NULL AND ("resolutionVerdict" = 1) <> "vendorResolutionMet")::int * 1 AS sd
      FROM new_rows
     WHERE "slaVersion" IS NOT NULL AND "slaSettledMs" IS NOT NULL AND "slaCreatedMonth" IS NOT NULL AND "slaFinishedMonth" IS NOT NULL
       AND "responseVerdict" IS NOT NULL AND "resolutionVerdict" IS NOT NULL) x
   GROUP BY "partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth" HAVING sum(d) <> 0 OR sum(rd) <> 0 OR sum(sd) <> 0 ORDER BY "partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth"
  ON CONFLICT ("partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth") DO UPDATE SET "tickets" = r."tickets" + EXCLUDED."tickets",
    "responseDisagreements" = r."responseDisagreements" + EXCLUDED."responseDisagreements", "resolutionDisagreements" = r."resolutionDisagreements" + EXCLUDED."resolutionDisagreements";
  RETURN NULL;
END
$$;

CREATE FUNCTION "ticket_report_rollup_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SlaReportRollup" AS r ("partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", "tickets", "responseDisagreements", "resolutionDisagreements")
  SELECT "partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", sum(d)::int, sum(rd)::int, sum(sd)::int
    FROM (SELECT "partnershipId", "slaVersion", "priority", "slaCreatedMonth" AS "createdMonth", "slaFinishedMonth" AS "finishedMonth",
           "responseVerdict", coalesce("responseMonth", '') AS "responseMonth", "resolutionVerdict", coalesce("resolutionMonth", '') AS "resolutionMonth", 1 AS d,
           ("responseVerdict" <> 0 AND "vendorResponseMet" IS NOT NULL AND ("responseVerdict" = 1) <> "vendorResponseMet")::int * 1 AS rd,
           ("resolutionVerdict" <> 0 AND "vendorResolutionMet" IS NOT NULL AND ("resolutionVerdict" = 1) <> "vendorResolutionMet")::int * 1 AS sd
      FROM new_rows
     WHERE "slaVersion" IS NOT NULL AND "slaSettledMs" IS NOT NULL AND "slaCreatedMonth" IS NOT NULL AND "slaFinishedMonth" IS NOT NULL
       AND "responseVerdict" IS NOT NULL AND "resolutionVerdict" IS NOT NULL UNION ALL SELECT "partnershipId", "slaVersion", "priority", "slaCreatedMonth" AS "createdMonth", "slaFinishedMonth" AS "finishedMonth",
           "responseVerdict", coalesce("responseMonth", '') AS "responseMonth", "resolutionVerdict", coalesce("resolutionMonth", '') AS "resolutionMonth", -1 AS d,
           ("responseVerdict" <> 0 AND "vendorResponseMet" IS NOT NULL AND ("responseVerdict" = 1) <> "vendorResponseMet")::int * -1 AS rd,
           ("resolutionVerdict" <> 0 AND "vendorResolutionMet" IS NOT NULL AND ("resolutionVerdict" = 1) <> "vendorResolutionMet")::int * -1 AS sd
      FROM old_rows
     WHERE "slaVersion" IS NOT NULL AND "slaSettledMs" IS NOT NULL AND "slaCreatedMonth" IS NOT NULL AND "slaFinishedMonth" IS NOT NULL
       AND "responseVerdict" IS NOT NULL AND "resolutionVerdict" IS NOT NULL) x
   GROUP BY "partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth" HAVING sum(d) <> 0 OR sum(rd) <> 0 OR sum(sd) <> 0 ORDER BY "partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth"
  ON CONFLICT ("partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth") DO UPDATE SET "tickets" = r."tickets" + EXCLUDED."tickets",
    "responseDisagreements" = r."responseDisagreements" + EXCLUDED."responseDisagreements", "resolutionDisagreements" = r."resolutionDisagreements" + EXCLUDED."resolutionDisagreements";
  RETURN NULL;
END
$$;

CREATE FUNCTION "ticket_report_rollup_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SlaReportRollup" AS r ("partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", "tickets", "responseDisagreements", "resolutionDisagreements")
  SELECT "partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth", sum(d)::int, sum(rd)::int, sum(sd)::int
    FROM (SELECT "partnershipId", "slaVersion", "priority", "slaCreatedMonth" AS "createdMonth", "slaFinishedMonth" AS "finishedMonth",
           "responseVerdict", coalesce("responseMonth", '') AS "responseMonth", "resolutionVerdict", coalesce("resolutionMonth", '') AS "resolutionMonth", -1 AS d,
           ("responseVerdict" <> 0 AND "vendorResponseMet" IS NOT NULL AND ("responseVerdict" = 1) <> "vendorResponseMet")::int * -1 AS rd,
           ("resolutionVerdict" <> 0 AND "vendorResolutionMet" IS NOT NULL AND ("resolutionVerdict" = 1) <> "vendorResolutionMet")::int * -1 AS sd
      FROM old_rows
     WHERE "slaVersion" IS NOT NULL AND "slaSettledMs" IS NOT NULL AND "slaCreatedMonth" IS NOT NULL AND "slaFinishedMonth" IS NOT NULL
       AND "responseVerdict" IS NOT NULL AND "resolutionVerdict" IS NOT NULL) x
   GROUP BY "partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth" HAVING sum(d) <> 0 OR sum(rd) <> 0 OR sum(sd) <> 0 ORDER BY "partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth"
  ON CONFLICT ("partnershipId", "slaVersion", "priority", "createdMonth", "finishedMonth", "responseVerdict", "responseMonth", "resolutionVerdict", "resolutionMonth") DO UPDATE SET "tickets" = r."tickets" + EXCLUDED."tickets",
    "responseDisagreements" = r."responseDisagreements" + EXCLUDED."responseDisagreements", "resolutionDisagreements" = r."resolutionDisagreements" + EXCLUDED."resolutionDisagreements";
  RETURN NULL;
END
$$;

CREATE FUNCTION "ticket_report_rollup_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "SlaReportRollup";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_report_rollup_insert" AFTER INSERT ON "Ticket" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_report_rollup_insert"();
CREATE TRIGGER "Ticket_report_rollup_update" AFTER UPDATE ON "Ticket" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_report_rollup_update"();
CREATE TRIGGER "Ticket_report_rollup_delete" AFTER DELETE ON "Ticket" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_report_rollup_delete"();
CREATE TRIGGER "Ticket_report_rollup_truncate" AFTER TRUNCATE ON "Ticket" FOR EACH STATEMENT EXECUTE FUNCTION "ticket_report_rollup_truncate"();

-- Verdicts stored before this release lack the two months: marked stale, so that reports send those tickets to the
-- engine (exact, as before stored verdicts) until the re-evaluation job queued here stores them again (ADR 022's path;
-- `accord sla reevaluate --all` does the same at once).
UPDATE "Ticket" SET "slaVersion" = NULL WHERE "slaVersion" IS NOT NULL AND "slaSettledMs" IS NOT NULL;
INSERT INTO "Job" ("id", "kind", "partnershipId", "payload", "singletonKey")
SELECT gen_random_uuid()::text, 'sla.reevaluate', p."id", jsonb_build_object('partnershipId', p."id"), 'sla.reevaluate:' || p."id"
  FROM "Partnership" p
 WHERE EXISTS (SELECT 1 FROM "SlaPolicy" s WHERE s."partnershipId" = p."id")
   AND EXISTS (SELECT 1 FROM "Ticket" t WHERE t."partnershipId" = p."id" AND t."slaVersion" IS NULL)
ON CONFLICT DO NOTHING;
