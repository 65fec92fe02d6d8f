/** Demo and test data: warehouses and items with stock, so a fresh ERP can take orders at once. */
import type { Clock } from "./clock";
import type { ErpDatabase } from "./db";
import { upsertItem, upsertWarehouse, type Item, type Warehouse } from "./store/catalog";
import { setOnHand } from "./store/stock";

/** What to seed: warehouses, items, and on-hand counts per item code and warehouse code. */
export interface SeedData {
  warehouses: Warehouse[];
  items: Omit<Item, "modifiedAt">[];
  stock: { itemCode: string; warehouseCode: string; onHand: number }[];
}

/** Two warehouses and a small apparel catalog; SKUs match the sandbox Shopify shop. */
export const DEMO_SEED: SeedData = {
  warehouses: [
    { code: "MAIN", name: "Main warehouse" },
    { code: "EAST", name: "East depot" },
  ],
  items: [
    { code: "TEE-1", barcode: "0001", name: "Tee", price: "20.00", compareAtPrice: "25.00" },
    { code: "MUG-1", barcode: "0002", name: "Mug", price: "8.50", compareAtPrice: null },
    { code: "CAP-1", barcode: "0003", name: "Cap", price: "15.00", compareAtPrice: null },
    { code: "HOODIE-1", barcode: "0004", name: "Hoodie", price: "45.00", compareAtPrice: "60.00" },
  ],
  stock: [
    { itemCode: "TEE-1", warehouseCode: "MAIN", onHand: 10 },
    { itemCode: "TEE-1", warehouseCode: "EAST", onHand: 3 },
    { itemCode: "MUG-1", warehouseCode: "MAIN", onHand: 5 },
    { itemCode: "CAP-1", warehouseCode: "MAIN", onHand: 0 },
    { itemCode: "HOODIE-1", warehouseCode: "MAIN", onHand: 2 },
  ],
};

/** Writes the seed (idempotent: existing codes are updated, stock counts set). */
export function seedErp(db: ErpDatabase, clock: Clock, data: SeedData = DEMO_SEED): void {
  db.transaction(() => {
    for (const warehouse of data.warehouses) upsertWarehouse(db, warehouse);
    for (const item of data.items) upsertItem(db, clock, item);
    for (const level of data.stock) setOnHand(db, clock, new Set(), level.itemCode, level.warehouseCode, level.onHand);
  })();
}
