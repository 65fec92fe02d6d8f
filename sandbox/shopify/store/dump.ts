import { isoSeconds } from "../clock";
import { onHand } from "./catalog";
import { orderTotals } from "./order-totals";
import { returnDump } from "./returns";
import type { ShopState } from "./shop-state";
import type { FulfillmentRecord, OrderRecord } from "./types";

const time = (ms: number | null) => (ms == null ? null : isoSeconds(ms));

/** A fulfillment as the control API lists it: tracking, notifyCustomer and the notifications Shopify would send. */
export function fulfillmentDump(o: OrderRecord, f: FulfillmentRecord) {
  return {
    id: f.id,
    gid: `gid://shopify/Fulfillment/${f.id}`,
    name: f.name,
    status: f.status,
    locationId: f.locationId,
    tracking: f.tracking,
    notifyCustomer: f.notifyCustomer,
    notifications: f.notifications.map((n) => ({ ...n, at: time(n.at) })),
    originAddress: f.originAddress,
    message: f.message,
    lines: f.lines.map((l) => ({ ...l, sku: o.lineItems.find((x) => x.id === l.lineItemId)?.sku ?? null })),
    createdAt: time(f.createdAt),
    updatedAt: time(f.updatedAt),
  };
}

/** The whole shop as JSON-safe data (ids stay strings), for GET /_sandbox/shops/{shop}. */
export function dumpShop(s: ShopState) {
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
      fulfillments: o.fulfillments.map((f) => fulfillmentDump(o, f)),
      returns: o.returns.map(returnDump),
      totals: orderTotals(o),
    })),
  };
}
