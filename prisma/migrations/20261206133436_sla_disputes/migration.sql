-- CreateEnum
CREATE TYPE "SlaDisputeStatus" AS ENUM ('OPEN', 'ACCEPTED', 'REJECTED');

-- CreateTable
CREATE TABLE "SlaDispute" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "status" "SlaDisputeStatus" NOT NULL DEFAULT 'OPEN',
    "liveKey" TEXT,
    "computedVerdict" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "elapsedMinutes" DOUBLE PRECISION NOT NULL,
    "targetMinutes" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "raisedById" TEXT,
    "raisedByLabel" TEXT NOT NULL,
    "agreedVerdict" TEXT,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredByLabel" TEXT,
    "answeredAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlaDispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaDisputeEvent" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "disputeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "party" "Party" NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "agreedVerdict" TEXT,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaDisputeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlaDispute_liveKey_key" ON "SlaDispute"("liveKey");

-- CreateIndex
CREATE INDEX "SlaDispute_partnershipId_decidedAt_idx" ON "SlaDispute"("partnershipId", "decidedAt");

-- CreateIndex
CREATE INDEX "SlaDispute_partnershipId_ticketId_idx" ON "SlaDispute"("partnershipId", "ticketId");

-- CreateIndex
CREATE INDEX "SlaDisputeEvent_partnershipId_disputeId_createdAt_idx" ON "SlaDisputeEvent"("partnershipId", "disputeId", "createdAt");

-- AddForeignKey
ALTER TABLE "SlaDispute" ADD CONSTRAINT "SlaDispute_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaDispute" ADD CONSTRAINT "SlaDispute_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaDisputeEvent" ADD CONSTRAINT "SlaDisputeEvent_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaDisputeEvent" ADD CONSTRAINT "SlaDisputeEvent_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "SlaDispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;
