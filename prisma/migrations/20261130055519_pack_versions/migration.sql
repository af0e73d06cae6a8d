-- CreateTable
CREATE TABLE "PackVersion" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "generatedByUserId" TEXT,
    "generatedByLabel" TEXT NOT NULL,
    "generatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sha256" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "pages" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "pdf" BYTEA NOT NULL,

    CONSTRAINT "PackVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PackVersion_partnershipId_sha256_idx" ON "PackVersion"("partnershipId", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "PackVersion_partnershipId_quarter_version_key" ON "PackVersion"("partnershipId", "quarter", "version");

-- AddForeignKey
ALTER TABLE "PackVersion" ADD CONSTRAINT "PackVersion_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;
