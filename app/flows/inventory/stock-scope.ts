/**
 * What one ERP connection's stock covers: the Shopify locations whose stock route it serves,
 * their warehouses, and the mapped SKUs with their Shopify inventory items (looked up by SKU
 * once, then kept on the mapping).
 */
import type { ErpStockLevel } from "~/connectors/erp";
import type { OpenedConnection } from "~/models/connections.server";
import { routeFor } from "~/models/erp-routes.server";
import { saveInventoryItemId, stockLocations, stockSkus, type StockLocation, type StockSku } from "~/models/stock-mappings.server";
import type { InventoryDeps, ShopRef } from "./deps";
import { targetQuantity } from "./rules";

export interface StockScope {
  locations: StockLocation[];
  warehouseIds: string[];
  /** SKUs with a known inventory item, by ERP item code. */
  skusByItem: Map<string, (StockSku & { inventoryItemId: string })[]>;
}

/** One item at one Shopify location as the ERP level says it should be. */
export interface StockTarget {
  itemCode: string;
  erpWarehouseId: string;
  shopifyLocationId: string;
  inventoryItemId: string;
  available: number;
  changedAt: Date;
  target: number;
}

export async function loadStockScope(deps: InventoryDeps, shop: ShopRef, connection: OpenedConnection): Promise<StockScope> {
  const locations: StockLocation[] = [];
  for (const location of await stockLocations(deps.db, connection.id)) {
    // Another ERP may serve this location's stock (ErpRoute per location): then it is not ours.
    if ((await routeFor(deps.db, shop.id, "stock", { locationId: location.shopifyLocationId })).primary.id === connection.id) locations.push(location);
  }
  // No mapped location: nothing to push, and no reason to look SKUs up in Shopify.
  if (locations.length === 0) return { locations, warehouseIds: [], skusByItem: new Map() };
  const skus = await stockSkus(deps.db, connection.id);
  const missing = skus.filter((s) => !s.inventoryItemId);
  if (missing.length > 0) {
    const found = await deps.shopify.inventoryItemsBySku(shop.domain, missing.map((s) => s.sku));
    for (const sku of missing) {
      const item = found.get(sku.shopifyVariantId);
      if (!item) continue;
      sku.inventoryItemId = item.inventoryItemId;
      await saveInventoryItemId(deps.db, sku.id, item.inventoryItemId);
    }
    const lost = missing.filter((s) => !s.inventoryItemId).map((s) => s.sku);
    if (lost.length) deps.log("warn", "mapped SKUs without a Shopify variant: stock not pushed", { shop: shop.domain, skus: lost.slice(0, 20), count: lost.length });
  }
  const skusByItem = new Map<string, (StockSku & { inventoryItemId: string })[]>();
  for (const sku of skus) {
    if (sku.inventoryItemId) skusByItem.set(sku.itemCode, [...(skusByItem.get(sku.itemCode) ?? []), sku as StockSku & { inventoryItemId: string }]);
  }
  return { locations, warehouseIds: [...new Set(locations.map((l) => l.erpWarehouseId))], skusByItem };
}

/** The targets of ERP levels in this scope; of two levels for the same item and location the newer wins. */
export function targetsOf(scope: StockScope, levels: ErpStockLevel[]): StockTarget[] {
  const out = new Map<string, StockTarget>();
  for (const level of levels) {
    const changedAt = new Date(level.changedAt);
    for (const location of scope.locations.filter((l) => l.erpWarehouseId === level.warehouseId)) {
      for (const sku of scope.skusByItem.get(level.itemCode) ?? []) {
        const key = `${sku.inventoryItemId}@${location.shopifyLocationId}`;
        const seen = out.get(key);
        if (seen && seen.changedAt > changedAt) continue;
        out.set(key, {
          itemCode: level.itemCode,
          erpWarehouseId: level.warehouseId,
          shopifyLocationId: location.shopifyLocationId,
          inventoryItemId: sku.inventoryItemId,
          available: level.available,
          changedAt,
          target: targetQuantity(level.available, sku.safetyStock, location.safetyStock),
        });
      }
    }
  }
  return [...out.values()];
}
