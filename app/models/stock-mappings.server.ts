/** What the stock push needs of the mappings: SKUs by ERP item code, locations by ERP warehouse. */
import type { Db } from "~/db/client.server";

export interface StockSku {
  id: string;
  sku: string;
  itemCode: string;
  shopifyVariantId: string;
  safetyStock: number | null;
  inventoryItemId: string | null;
}

export interface StockLocation {
  shopifyLocationId: string;
  erpWarehouseId: string;
  safetyStock: number;
}

/** Active SKU mappings of the connection that name an ERP item code. */
export async function stockSkus(db: Db, connectionId: string): Promise<StockSku[]> {
  const rows = await db.skuMapping.findMany({
    where: { connectionId, status: "active", erpItemCode: { not: null } },
    select: { id: true, sku: true, erpItemCode: true, shopifyVariantId: true, safetyStock: true, shopifyInventoryItemId: true },
  });
  return rows.map((r) => ({ id: r.id, sku: r.sku, itemCode: r.erpItemCode!, shopifyVariantId: r.shopifyVariantId, safetyStock: r.safetyStock, inventoryItemId: r.shopifyInventoryItemId }));
}

export function stockLocations(db: Db, connectionId: string): Promise<StockLocation[]> {
  return db.locationMapping.findMany({ where: { connectionId }, select: { shopifyLocationId: true, erpWarehouseId: true, safetyStock: true } });
}

/** Remembers a variant's inventory item so later pushes need no lookup. */
export async function saveInventoryItemId(db: Db, skuMappingId: string, inventoryItemId: string): Promise<void> {
  await db.skuMapping.update({ where: { id: skuMappingId }, data: { shopifyInventoryItemId: inventoryItemId } });
}
