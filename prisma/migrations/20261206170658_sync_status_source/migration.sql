-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "statusSource" JSONB;

-- AlterTable
ALTER TABLE "PsaConnection" ADD COLUMN "statusMapChangedAt" TIMESTAMP(3);
