-- AlterTable
ALTER TABLE "Job" ADD COLUMN "orderingKey" TEXT;

-- CreateTable
CREATE TABLE "FlowPause" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "reason" TEXT,
    "pausedBy" TEXT NOT NULL,
    "pausedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "FlowPause_shopDomain_flow_key" ON "FlowPause"("shopDomain", "flow");

-- CreateIndex
CREATE INDEX "Job_orderingKey_status_idx" ON "Job"("orderingKey", "status");

-- CreateIndex
CREATE INDEX "SyncException_jobId_idx" ON "SyncException"("jobId");

