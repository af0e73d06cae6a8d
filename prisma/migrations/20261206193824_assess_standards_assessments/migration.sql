-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'REVIEWED');

-- CreateEnum
CREATE TYPE "Alignment" AS ENUM ('ALIGNED', 'MISALIGNED', 'NOT_APPLICABLE', 'UNKNOWN');

-- CreateTable
CREATE TABLE "Standard" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "whyItMatters" TEXT NOT NULL DEFAULT '',
    "howToCheck" TEXT NOT NULL DEFAULT '',
    "severity" "ItemPriority" NOT NULL DEFAULT 'MEDIUM',
    "remediation" TEXT NOT NULL DEFAULT '',
    "starterKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Standard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "submittedByLabel" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewedByLabel" TEXT,
    "returnNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentAnswer" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "standardId" TEXT NOT NULL,
    "standardVersion" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "severity" "ItemPriority" NOT NULL,
    "remediation" TEXT NOT NULL DEFAULT '',
    "alignment" "Alignment",
    "evidence" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "answeredByLabel" TEXT,
    "answeredAt" TIMESTAMP(3),
    "roadmapItemId" TEXT,
    "csiEntryId" TEXT,
    "sortOrder" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AssessmentAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Standard_organizationId_retiredAt_idx" ON "Standard"("organizationId", "retiredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Standard_organizationId_starterKey_key" ON "Standard"("organizationId", "starterKey");

-- CreateIndex
CREATE INDEX "Assessment_partnershipId_status_reviewedAt_idx" ON "Assessment"("partnershipId", "status", "reviewedAt");

-- CreateIndex
CREATE INDEX "AssessmentAnswer_partnershipId_roadmapItemId_idx" ON "AssessmentAnswer"("partnershipId", "roadmapItemId");

-- CreateIndex
CREATE INDEX "AssessmentAnswer_partnershipId_csiEntryId_idx" ON "AssessmentAnswer"("partnershipId", "csiEntryId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentAnswer_assessmentId_standardId_key" ON "AssessmentAnswer"("assessmentId", "standardId");

-- AddForeignKey
ALTER TABLE "Standard" ADD CONSTRAINT "Standard_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentAnswer" ADD CONSTRAINT "AssessmentAnswer_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentAnswer" ADD CONSTRAINT "AssessmentAnswer_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
