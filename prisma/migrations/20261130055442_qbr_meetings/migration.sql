-- CreateEnum
CREATE TYPE "QbrStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'HELD', 'CLOSED');

-- CreateEnum
CREATE TYPE "QbrLinkType" AS ENUM ('SLA_SECTION', 'ROADMAP_ITEM', 'CSI_ENTRY', 'RESPONSIBILITY', 'ACTION_ITEM');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'DROPPED');

-- CreateTable
CREATE TABLE "Qbr" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" "QbrStatus" NOT NULL DEFAULT 'DRAFT',
    "startLocal" TEXT,
    "endLocal" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "location" TEXT NOT NULL DEFAULT '',
    "videoUrl" TEXT,
    "agendaOrder" TEXT[],
    "icsUid" TEXT NOT NULL,
    "icsSequence" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Qbr_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QbrAttendee" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "qbrId" TEXT NOT NULL,
    "userId" TEXT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "party" "Party" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QbrAttendee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QbrAgendaItem" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "qbrId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "timeboxMinutes" INTEGER NOT NULL DEFAULT 10,
    "presenter" TEXT,
    "templateKey" TEXT,
    "linkType" "QbrLinkType",
    "linkRef" TEXT,
    "minutes" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "QbrAgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QbrDecision" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "qbrId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "text" TEXT NOT NULL,
    "decidedBy" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "QbrDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QbrActionItem" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "qbrId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "title" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "ownerUserId" TEXT,
    "party" "Party" NOT NULL,
    "dueDate" TIMESTAMP(3),
    "status" "ActionItemStatus" NOT NULL DEFAULT 'OPEN',
    "linkType" "QbrLinkType",
    "linkRef" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "QbrActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QbrActionCarry" (
    "partnershipId" TEXT NOT NULL,
    "qbrId" TEXT NOT NULL,
    "actionItemId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QbrActionCarry_pkey" PRIMARY KEY ("qbrId","actionItemId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Qbr_icsUid_key" ON "Qbr"("icsUid");

-- CreateIndex
CREATE UNIQUE INDEX "Qbr_partnershipId_quarter_key" ON "Qbr"("partnershipId", "quarter");

-- CreateIndex
CREATE INDEX "QbrAttendee_partnershipId_idx" ON "QbrAttendee"("partnershipId");

-- CreateIndex
CREATE UNIQUE INDEX "QbrAttendee_qbrId_email_key" ON "QbrAttendee"("qbrId", "email");

-- CreateIndex
CREATE INDEX "QbrAgendaItem_partnershipId_qbrId_idx" ON "QbrAgendaItem"("partnershipId", "qbrId");

-- CreateIndex
CREATE INDEX "QbrDecision_partnershipId_qbrId_idx" ON "QbrDecision"("partnershipId", "qbrId");

-- CreateIndex
CREATE INDEX "QbrActionItem_partnershipId_status_idx" ON "QbrActionItem"("partnershipId", "status");

-- CreateIndex
CREATE INDEX "QbrActionItem_qbrId_idx" ON "QbrActionItem"("qbrId");

-- CreateIndex
CREATE INDEX "QbrActionCarry_partnershipId_idx" ON "QbrActionCarry"("partnershipId");

-- CreateIndex
CREATE INDEX "QbrActionCarry_actionItemId_idx" ON "QbrActionCarry"("actionItemId");

-- AddForeignKey
ALTER TABLE "Qbr" ADD CONSTRAINT "Qbr_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QbrAttendee" ADD CONSTRAINT "QbrAttendee_qbrId_fkey" FOREIGN KEY ("qbrId") REFERENCES "Qbr"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QbrAgendaItem" ADD CONSTRAINT "QbrAgendaItem_qbrId_fkey" FOREIGN KEY ("qbrId") REFERENCES "Qbr"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QbrDecision" ADD CONSTRAINT "QbrDecision_qbrId_fkey" FOREIGN KEY ("qbrId") REFERENCES "Qbr"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QbrActionItem" ADD CONSTRAINT "QbrActionItem_qbrId_fkey" FOREIGN KEY ("qbrId") REFERENCES "Qbr"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QbrActionCarry" ADD CONSTRAINT "QbrActionCarry_qbrId_fkey" FOREIGN KEY ("qbrId") REFERENCES "Qbr"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QbrActionCarry" ADD CONSTRAINT "QbrActionCarry_actionItemId_fkey" FOREIGN KEY ("actionItemId") REFERENCES "QbrActionItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
