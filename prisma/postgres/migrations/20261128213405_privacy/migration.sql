-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN     "redactedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncException" ADD COLUMN     "redactedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReturnCase" ADD COLUMN     "redactedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DataRequestExport" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "dataRequestId" TEXT NOT NULL,
    "customerId" TEXT,
    "inboxEventId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ready',
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "downloadedAt" TIMESTAMP(3),

    CONSTRAINT "DataRequestExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyRedaction" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "counts" TEXT NOT NULL DEFAULT '{}',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "PrivacyRedaction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DataRequestExport_shopDomain_createdAt_idx" ON "DataRequestExport"("shopDomain", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DataRequestExport_shopDomain_dataRequestId_key" ON "DataRequestExport"("shopDomain", "dataRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyRedaction_shopDomain_topic_subjectKey_key" ON "PrivacyRedaction"("shopDomain", "topic", "subjectKey");

