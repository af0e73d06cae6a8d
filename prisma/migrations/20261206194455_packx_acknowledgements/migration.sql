-- CreateEnum
CREATE TYPE "AcknowledgementSubject" AS ENUM ('PACK_VERSION', 'QBR_MINUTES');

-- CreateTable
CREATE TABLE "Acknowledgement" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "subject" "AcknowledgementSubject" NOT NULL,
    "packVersionId" TEXT,
    "qbrId" TEXT,
    "sha256" TEXT NOT NULL,
    "party" "Party" NOT NULL,
    "userId" TEXT,
    "userLabel" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "wasLatest" BOOLEAN NOT NULL,
    "minutesText" TEXT,
    "acknowledgedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Acknowledgement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Acknowledgement_partnershipId_subject_idx" ON "Acknowledgement"("partnershipId", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "Acknowledgement_packVersionId_party_key" ON "Acknowledgement"("packVersionId", "party");

-- CreateIndex
CREATE UNIQUE INDEX "Acknowledgement_qbrId_sha256_party_key" ON "Acknowledgement"("qbrId", "sha256", "party");

-- AddForeignKey
ALTER TABLE "Acknowledgement" ADD CONSTRAINT "Acknowledgement_packVersionId_fkey" FOREIGN KEY ("packVersionId") REFERENCES "PackVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Acknowledgement" ADD CONSTRAINT "Acknowledgement_qbrId_fkey" FOREIGN KEY ("qbrId") REFERENCES "Qbr"("id") ON DELETE CASCADE ON UPDATE CASCADE;
