-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "logoHeight" INTEGER,
ADD COLUMN     "logoPng" BYTEA,
ADD COLUMN     "logoWidth" INTEGER;
