-- AlterTable
ALTER TABLE "SyncException" ADD COLUMN     "helpdeskTicketId" TEXT;

-- CreateTable
CREATE TABLE "ReturnCase" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "requestKey" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT,
    "connectionId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "step" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "erpReturnId" TEXT,
    "erpReturnNumber" TEXT,
    "shopifyReturnId" TEXT,
    "shopifyRefundId" TEXT,
    "erpCreditMemoId" TEXT,
    "lastError" TEXT,
    "correlationId" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ReturnCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnCaseStep" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "message" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReturnCaseStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErpOrderSnapshot" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ErpOrderSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReturnCase_shopId_orderId_idx" ON "ReturnCase"("shopId", "orderId");

-- CreateIndex
CREATE INDEX "ReturnCase_status_updatedAt_idx" ON "ReturnCase"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnCase_shopId_requestKey_key" ON "ReturnCase"("shopId", "requestKey");

-- CreateIndex
CREATE INDEX "ReturnCaseStep_caseId_at_idx" ON "ReturnCaseStep"("caseId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ErpOrderSnapshot_shopId_orderId_connectionId_key" ON "ErpOrderSnapshot"("shopId", "orderId", "connectionId");

-- AddForeignKey
ALTER TABLE "ReturnCase" ADD CONSTRAINT "ReturnCase_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnCaseStep" ADD CONSTRAINT "ReturnCaseStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ReturnCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErpOrderSnapshot" ADD CONSTRAINT "ErpOrderSnapshot_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

