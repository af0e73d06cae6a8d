-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('P1', 'P2', 'P3', 'P4');

-- CreateTable
CREATE TABLE "SlaPolicy" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,

    CONSTRAINT "SlaPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriorityMapping" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "priority" "Priority" NOT NULL,

    CONSTRAINT "PriorityMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "priority" "Priority" NOT NULL,
    "sourcePriority" TEXT,
    "status" TEXT NOT NULL,
    "queue" TEXT,
    "assignee" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "firstResponseAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "pauses" JSONB NOT NULL,
    "escalated" BOOLEAN NOT NULL DEFAULT false,
    "csat" INTEGER,
    "vendorResponseMet" BOOLEAN,
    "vendorResolutionMet" BOOLEAN,
    "contentHash" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSample" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMP(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MetricSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlaPolicy_partnershipId_version_key" ON "SlaPolicy"("partnershipId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "PriorityMapping_partnershipId_source_sourceName_key" ON "PriorityMapping"("partnershipId", "source", "sourceName");

-- CreateIndex
CREATE INDEX "Ticket_partnershipId_createdAt_idx" ON "Ticket"("partnershipId", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_partnershipId_resolvedAt_idx" ON "Ticket"("partnershipId", "resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_partnershipId_source_externalId_key" ON "Ticket"("partnershipId", "source", "externalId");

-- CreateIndex
CREATE INDEX "MetricSample_partnershipId_metric_at_idx" ON "MetricSample"("partnershipId", "metric", "at");

-- CreateIndex
CREATE UNIQUE INDEX "MetricSample_partnershipId_metric_scope_at_key" ON "MetricSample"("partnershipId", "metric", "scope", "at");

-- AddForeignKey
ALTER TABLE "SlaPolicy" ADD CONSTRAINT "SlaPolicy_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriorityMapping" ADD CONSTRAINT "PriorityMapping_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricSample" ADD CONSTRAINT "MetricSample_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;
