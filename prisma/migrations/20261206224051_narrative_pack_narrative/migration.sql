-- CreateTable
CREATE TABLE "PackNarrative" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "notes" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PackNarrative_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PackNarrative_partnershipId_quarter_key" ON "PackNarrative"("partnershipId", "quarter");

-- AddForeignKey
ALTER TABLE "PackNarrative" ADD CONSTRAINT "PackNarrative_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;
