-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN "redactedAt" DATETIME;

-- AlterTable
ALTER TABLE "SyncException" ADD COLUMN "redactedAt" DATETIME;

-- AlterTable
ALTER TABLE "ReturnCase" ADD COLUMN "redactedAt" DATETIME;

-- CreateTable
CREATE TABLE "DataRequestExport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "dataRequestId" TEXT NOT NULL,
    "customerId" TEXT,
    "inboxEventId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ready',
    "content" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "downloadedAt" DATETIME
);

-- CreateTable
CREATE TABLE "PrivacyRedaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "counts" TEXT NOT NULL DEFAULT '{}',
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "DataRequestExport_shopDomain_createdAt_idx" ON "DataRequestExport"("shopDomain", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DataRequestExport_shopDomain_dataRequestId_key" ON "DataRequestExport"("shopDomain", "dataRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyRedaction_shopDomain_topic_subjectKey_key" ON "PrivacyRedaction"("shopDomain", "topic", "subjectKey");

