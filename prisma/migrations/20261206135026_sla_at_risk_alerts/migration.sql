-- CreateTable
CREATE TABLE "SlaAtRiskAlert" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "priority" "Priority" NOT NULL,
    "usedShare" DOUBLE PRECISION NOT NULL,
    "dueAt" TIMESTAMP(3),
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "alertedAt" TIMESTAMP(3),

    CONSTRAINT "SlaAtRiskAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SlaAtRiskAlert_partnershipId_detectedAt_idx" ON "SlaAtRiskAlert"("partnershipId", "detectedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SlaAtRiskAlert_partnershipId_ticketId_metric_key" ON "SlaAtRiskAlert"("partnershipId", "ticketId", "metric");

-- AddForeignKey
ALTER TABLE "SlaAtRiskAlert" ADD CONSTRAINT "SlaAtRiskAlert_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaAtRiskAlert" ADD CONSTRAINT "SlaAtRiskAlert_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
