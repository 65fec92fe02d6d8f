-- CreateTable
CREATE TABLE "ErpRoute" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL DEFAULT '*',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ErpRoute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShadowComparison" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "sourceName" TEXT,
    "primaryConnectionId" TEXT NOT NULL,
    "shadowConnectionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "differences" TEXT NOT NULL DEFAULT '[]',
    "primaryErpNumber" TEXT,
    "shadowErpNumber" TEXT,
    "comparedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShadowComparison_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ErpRoute_connectionId_idx" ON "ErpRoute"("connectionId");

-- CreateIndex
CREATE UNIQUE INDEX "ErpRoute_shopId_flow_role_locationId_key" ON "ErpRoute"("shopId", "flow", "role", "locationId");

-- CreateIndex
CREATE INDEX "ShadowComparison_shopId_status_comparedAt_idx" ON "ShadowComparison"("shopId", "status", "comparedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ShadowComparison_shopId_sourceType_sourceId_shadowConnectio_key" ON "ShadowComparison"("shopId", "sourceType", "sourceId", "shadowConnectionId");

-- AddForeignKey
ALTER TABLE "ErpRoute" ADD CONSTRAINT "ErpRoute_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErpRoute" ADD CONSTRAINT "ErpRoute_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShadowComparison" ADD CONSTRAINT "ShadowComparison_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

