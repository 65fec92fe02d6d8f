-- AlterTable
ALTER TABLE "SkuMapping" ADD COLUMN "safetyStock" INTEGER;
ALTER TABLE "SkuMapping" ADD COLUMN "shopifyInventoryItemId" TEXT;

-- CreateTable
CREATE TABLE "InventoryState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "erpWarehouseId" TEXT NOT NULL,
    "shopifyLocationId" TEXT NOT NULL,
    "inventoryItemId" TEXT,
    "erpAvailable" INTEGER NOT NULL,
    "erpChangedAt" DATETIME NOT NULL,
    "pushedQuantity" INTEGER,
    "pushedAt" DATETIME,
    "shopifyQuantity" INTEGER,
    "shopifyReadAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "InventoryState_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CatalogReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "candidates" TEXT NOT NULL DEFAULT '[]',
    "detail" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CatalogReview_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "InventoryState_shopId_shopifyLocationId_idx" ON "InventoryState"("shopId", "shopifyLocationId");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryState_connectionId_itemCode_shopifyLocationId_key" ON "InventoryState"("connectionId", "itemCode", "shopifyLocationId");

-- CreateIndex
CREATE INDEX "CatalogReview_shopId_status_idx" ON "CatalogReview"("shopId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogReview_connectionId_itemCode_reason_key" ON "CatalogReview"("connectionId", "itemCode", "reason");

