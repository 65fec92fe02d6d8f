-- AlterTable
ALTER TABLE "SkuMapping" ADD COLUMN     "safetyStock" INTEGER,
ADD COLUMN     "shopifyInventoryItemId" TEXT;

-- CreateTable
CREATE TABLE "InventoryState" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "erpWarehouseId" TEXT NOT NULL,
    "shopifyLocationId" TEXT NOT NULL,
    "inventoryItemId" TEXT,
    "erpAvailable" INTEGER NOT NULL,
    "erpChangedAt" TIMESTAMP(3) NOT NULL,
    "pushedQuantity" INTEGER,
    "pushedAt" TIMESTAMP(3),
    "shopifyQuantity" INTEGER,
    "shopifyReadAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InventoryState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogReview" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "candidates" TEXT NOT NULL DEFAULT '[]',
    "detail" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InventoryState_shopId_shopifyLocationId_idx" ON "InventoryState"("shopId", "shopifyLocationId");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryState_connectionId_itemCode_shopifyLocationId_key" ON "InventoryState"("connectionId", "itemCode", "shopifyLocationId");

-- CreateIndex
CREATE INDEX "CatalogReview_shopId_status_idx" ON "CatalogReview"("shopId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogReview_connectionId_itemCode_reason_key" ON "CatalogReview"("connectionId", "itemCode", "reason");

-- AddForeignKey
ALTER TABLE "InventoryState" ADD CONSTRAINT "InventoryState_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogReview" ADD CONSTRAINT "CatalogReview_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

