-- AlterTable
ALTER TABLE "Partnership" ADD COLUMN     "ownerUserId" TEXT,
ADD COLUMN     "qbrCadenceMonths" INTEGER NOT NULL DEFAULT 3;

-- AddForeignKey
ALTER TABLE "Partnership" ADD CONSTRAINT "Partnership_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
