import { isoSeconds } from "../clock";
import { onHand } from "./catalog";
import { orderTotals } from "./order-totals";
import type { ShopState } from "./shop-state";

/** The whole shop as JSON-safe data (ids stay strings), for GET /_sandbox/shops/{shop}. */
export function dumpShop(s: ShopState) {
  const time = (ms: number | null) => (ms == null ? null : isoSeconds(ms));
  return {
    shop: { ...s.shop, createdAt: time(s.shop.createdAt), updatedAt: time(s.shop.updatedAt) },
    locations: [...s.locations.values()],
    products: [...s.products.values()],
    variants: [...s.variants.values()],
    inventoryItems: [...s.inventoryItems.values()],
    inventoryLevels: [...s.inventoryLevels.values()].map((l) => ({ ...l, quantities: { ...l.quantities, on_hand: onHand(l) } })),
    customers: [...s.customers.values()],
    orders: [...s.orders.values()].map((o) => ({
      ...o,
      createdAt: time(o.createdAt),
      updatedAt: time(o.updatedAt),
      processedAt: time(o.processedAt),
      cancelledAt: time(o.cancelledAt),
      closedAt: time(o.closedAt),
      totals: orderTotals(o),
    })),
  };
}
