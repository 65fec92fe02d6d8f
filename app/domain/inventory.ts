import { z } from "zod";
import { ShopifyId } from "./ids";
import { Timestamp } from "./time";

/** Stock of one inventory item at one location; `available` can be negative when oversold. */
export const InventoryLevel = z.object({
  inventoryItemId: ShopifyId,
  locationId: ShopifyId,
  sku: z.string().min(1).nullable(),
  available: z.number().int(),
  updatedAt: Timestamp,
});
export type InventoryLevel = z.infer<typeof InventoryLevel>;

/** What Shopify should show for an ERP's available: both buffers held back, never below zero. */
export function targetQuantity(available: number, skuSafetyStock: number | null, locationSafetyStock: number): number {
  return Math.max(0, available - (skuSafetyStock ?? 0) - locationSafetyStock);
}
