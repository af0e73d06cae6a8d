-- CreateEnum
CREATE TYPE "CsiModel" AS ENUM ('PDCA', 'ITIL7');

-- CreateEnum
CREATE TYPE "Classification" AS ENUM ('STRATEGIC', 'TACTICAL', 'SHARED');

-- CreateEnum
CREATE TYPE "RoadmapStatus" AS ENUM ('IDEA', 'PROPOSED', 'APPROVED', 'IN_PROGRESS', 'DONE', 'DECLINED');

-- CreateEnum
CREATE TYPE "Party" AS ENUM ('MSP', 'CLIENT');

-- CreateEnum
CREATE TYPE "ItemPriority" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "CsiSize" AS ENUM ('SMALL', 'MEDIUM', 'LARGE');

-- AlterTable
ALTER TABLE "Partnership" ADD COLUMN     "csiModel" "CsiModel" NOT NULL DEFAULT 'PDCA';

-- CreateTable
CREATE TABLE "ResponsibilityFunction" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "classification" "Classification" NOT NULL,
    "mspRaci" TEXT NOT NULL,
    "clientRaci" TEXT NOT NULL,
    "mspOwner" TEXT,
    "clientOwner" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "slaPriorities" TEXT[],
    "queues" TEXT[],
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ResponsibilityFunction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoadmapItem" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "businessOutcome" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL DEFAULT '',
    "proposedBy" "Party" NOT NULL,
    "mspOwner" TEXT,
    "clientOwner" TEXT,
    "status" "RoadmapStatus" NOT NULL DEFAULT 'IDEA',
    "targetQuarter" TEXT,
    "priority" "ItemPriority" NOT NULL DEFAULT 'MEDIUM',
    "oneTimeCents" BIGINT NOT NULL DEFAULT 0,
    "recurringCents" BIGINT NOT NULL DEFAULT 0,
    "recurringPeriod" TEXT NOT NULL DEFAULT 'MONTH',
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "mspApprovedAt" TIMESTAMP(3),
    "mspApprovedBy" TEXT,
    "clientApprovedAt" TIMESTAMP(3),
    "clientApprovedBy" TEXT,
    "approvalResetReason" TEXT,
    "responsibilityIds" TEXT[],
    "csiEntryIds" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "RoadmapItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CsiEntry" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "opportunity" TEXT NOT NULL,
    "size" "CsiSize" NOT NULL,
    "priority" "ItemPriority" NOT NULL DEFAULT 'MEDIUM',
    "justification" TEXT NOT NULL DEFAULT '',
    "kpiMetric" TEXT,
    "kpiBaseline" DOUBLE PRECISION,
    "kpiTarget" DOUBLE PRECISION,
    "kpiTargetDate" TIMESTAMP(3),
    "owner" TEXT,
    "startDate" TIMESTAMP(3),
    "dueDate" TIMESTAMP(3),
    "milestones" JSONB NOT NULL DEFAULT '[]',
    "stage" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "CsiEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "authorId" TEXT,
    "authorLabel" TEXT NOT NULL,
    "authorParty" "Party" NOT NULL,
    "body" TEXT NOT NULL,
    "mentions" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FieldChange" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FieldChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ResponsibilityFunction_partnershipId_deletedAt_idx" ON "ResponsibilityFunction"("partnershipId", "deletedAt");

-- CreateIndex
CREATE INDEX "RoadmapItem_partnershipId_deletedAt_idx" ON "RoadmapItem"("partnershipId", "deletedAt");

-- CreateIndex
CREATE INDEX "RoadmapItem_partnershipId_targetQuarter_idx" ON "RoadmapItem"("partnershipId", "targetQuarter");

-- CreateIndex
CREATE INDEX "CsiEntry_partnershipId_deletedAt_idx" ON "CsiEntry"("partnershipId", "deletedAt");

-- CreateIndex
CREATE INDEX "Comment_partnershipId_entityType_entityId_createdAt_idx" ON "Comment"("partnershipId", "entityType", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "FieldChange_partnershipId_entityType_entityId_version_idx" ON "FieldChange"("partnershipId", "entityType", "entityId", "version");

-- CreateIndex
CREATE INDEX "FieldChange_partnershipId_at_idx" ON "FieldChange"("partnershipId", "at");

-- AddForeignKey
ALTER TABLE "ResponsibilityFunction" ADD CONSTRAINT "ResponsibilityFunction_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadmapItem" ADD CONSTRAINT "RoadmapItem_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CsiEntry" ADD CONSTRAINT "CsiEntry_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FieldChange" ADD CONSTRAINT "FieldChange_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;
