-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "headcount" INTEGER;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "firstContact" BOOLEAN,
ADD COLUMN     "origin" TEXT,
ADD COLUMN     "reopens" INTEGER NOT NULL DEFAULT 0;
