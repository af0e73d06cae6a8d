-- AlterTable
ALTER TABLE "Partnership" ADD COLUMN     "slaVerdictsVersion" INTEGER;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "resolutionDecidedMs" DOUBLE PRECISION,
ADD COLUMN     "resolutionDueMs" DOUBLE PRECISION,
ADD COLUMN     "resolutionElapsedMinutes" DOUBLE PRECISION,
ADD COLUMN     "resolutionMonth" TEXT,
ADD COLUMN     "resolutionPausedMinutes" DOUBLE PRECISION,
ADD COLUMN     "resolutionQuarter" TEXT,
ADD COLUMN     "resolutionVerdict" SMALLINT,
ADD COLUMN     "responseDecidedMs" DOUBLE PRECISION,
ADD COLUMN     "responseDueMs" DOUBLE PRECISION,
ADD COLUMN     "responseElapsedMinutes" DOUBLE PRECISION,
ADD COLUMN     "responseMonth" TEXT,
ADD COLUMN     "responseQuarter" TEXT,
ADD COLUMN     "responseVerdict" SMALLINT,
ADD COLUMN     "slaSettledMs" DOUBLE PRECISION,
ADD COLUMN     "slaVersion" INTEGER;

-- CreateIndex
CREATE INDEX "Ticket_partnershipId_slaSettledMs_idx" ON "Ticket"("partnershipId", "slaSettledMs");

-- CreateIndex
CREATE INDEX "Ticket_partnershipId_slaVersion_idx" ON "Ticket"("partnershipId", "slaVersion");
