-- Job singletons by a partial unique index instead of check-then-insert (issue 14 §1), and one schedule run per
-- period (periodKey). A database that already holds two active jobs with one key (the old race) keeps the older:
-- the others are marked failed, so the index can be built.
UPDATE "Job" AS j
   SET "status" = 'failed', "error" = 'a duplicate of an earlier job with the same key', "finishedAt" = CURRENT_TIMESTAMP
 WHERE j."singletonKey" IS NOT NULL
   AND j."status" IN ('queued', 'running')
   AND EXISTS (
     SELECT 1 FROM "Job" AS o
      WHERE o."singletonKey" = j."singletonKey"
        AND o."status" IN ('queued', 'running')
        AND (o."createdAt", o."id") < (j."createdAt", j."id"));

-- DropIndex
DROP INDEX "Job_singletonKey_status_idx";

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "periodKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Job_periodKey_key" ON "Job"("periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "Job_singletonKey_active_key" ON "Job"("singletonKey") WHERE ("status" IN ('queued', 'running'));
