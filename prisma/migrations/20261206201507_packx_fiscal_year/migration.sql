-- AlterTable
ALTER TABLE "Partnership" ADD COLUMN     "fiscalYearStartMonth" INTEGER NOT NULL DEFAULT 1;
