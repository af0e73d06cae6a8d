-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "readPermission" TEXT NOT NULL DEFAULT 'audit.read';

-- AlterTable
ALTER TABLE "Qbr" ADD COLUMN     "organizerUserId" TEXT;

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- AddForeignKey
ALTER TABLE "Qbr" ADD CONSTRAINT "Qbr_organizerUserId_fkey" FOREIGN KEY ("organizerUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Events already recorded about the PSA connection and its syncs are the MSP's (issue 13, D16).
UPDATE "AuditEvent" SET "readPermission" = 'connector.read' WHERE "entityType" IN ('PsaConnection', 'SyncRun');
