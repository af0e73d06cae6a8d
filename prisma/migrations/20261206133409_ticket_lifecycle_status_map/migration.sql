-- AlterTable
ALTER TABLE "PsaConnection" ADD COLUMN     "statusMap" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "histories" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "historyUnparsed" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "lifecycle" TEXT NOT NULL DEFAULT 'open';

-- Tickets stored before lifecycles existed: resolved when they carry a resolution time (the next sync or import
-- of each sets the lifecycle from its status map).
UPDATE "Ticket" SET "lifecycle" = 'resolved' WHERE "resolvedAt" IS NOT NULL;
