-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "assetError" TEXT,
ADD COLUMN     "assetsChanged" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "assetsFetched" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "linksRefreshed" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Asset" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT '',
    "model" TEXT NOT NULL DEFAULT '',
    "serial" TEXT NOT NULL DEFAULT '',
    "assignedUser" TEXT NOT NULL DEFAULT '',
    "site" TEXT NOT NULL DEFAULT '',
    "purchaseDate" TIMESTAMP(3),
    "warrantyEnd" TIMESTAMP(3),
    "endOfLife" TIMESTAMP(3),
    "replacementCostCents" BIGINT NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "contentHash" TEXT NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Asset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PsaTicketLink" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "itemKind" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'SENDING',
    "boardOrQueue" TEXT NOT NULL,
    "externalId" TEXT,
    "ticketNumber" TEXT,
    "psaStatus" TEXT,
    "psaClosed" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "sentBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "syncedAt" TIMESTAMP(3),

    CONSTRAINT "PsaTicketLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Asset_partnershipId_retired_idx" ON "Asset"("partnershipId", "retired");

-- CreateIndex
CREATE UNIQUE INDEX "Asset_partnershipId_source_externalId_key" ON "Asset"("partnershipId", "source", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "PsaTicketLink_idempotencyKey_key" ON "PsaTicketLink"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "PsaTicketLink_partnershipId_itemKind_itemId_key" ON "PsaTicketLink"("partnershipId", "itemKind", "itemId");

-- AddForeignKey
ALTER TABLE "Asset" ADD CONSTRAINT "Asset_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PsaTicketLink" ADD CONSTRAINT "PsaTicketLink_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;
