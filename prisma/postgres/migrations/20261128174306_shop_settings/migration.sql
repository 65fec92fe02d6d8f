-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "liveAt" TIMESTAMP(3),
ADD COLUMN     "settings" TEXT NOT NULL DEFAULT '{}';

