import { moveQuantity } from "./catalog";
import { fulfillmentStatus } from "./order-totals";
import type { ShopState } from "./shop-state";
import type { FulfillmentOrderRecord, FulfillmentRecord, FulfillmentTrackingRecord, OrderRecord } from "./types";

/** What to fulfil from one fulfillment order: per fulfillment order line, a quantity. */
export interface FulfillmentPart {
  fulfillmentOrder: FulfillmentOrderRecord;
  quantities: Map<string, number>;
}

export interface FulfillOptions {
  tracking: FulfillmentTrackingRecord;
  notifyCustomer: boolean;
  originAddress: FulfillmentRecord["originAddress"];
  message: string | null;
}

/** Finds a fulfillment order of the shop with the order holding it. */
export function findFulfillmentOrder(s: ShopState, id: string): { order: OrderRecord; fulfillmentOrder: FulfillmentOrderRecord } | undefined {
  for (const order of s.orders.values()) {
    const fulfillmentOrder = order.fulfillmentOrders.find((f) => f.id === id);
    if (fulfillmentOrder) return { order, fulfillmentOrder };
  }
  return undefined;
}

export function findFulfillment(s: ShopState, id: string): { order: OrderRecord; fulfillment: FulfillmentRecord } | undefined {
  for (const order of s.orders.values()) {
    const fulfillment = order.fulfillments.find((f) => f.id === id);
    if (fulfillment) return { order, fulfillment };
  }
  return undefined;
}

/**
 * Records a fulfillment of already validated quantities: remaining quantities go down, fully
 * fulfilled fulfillment orders close (partly fulfilled ones are IN_PROGRESS), committed stock
 * leaves the location, and Shopify's webhooks follow: fulfillments/create, then
 * orders/fulfilled or orders/partially_fulfilled, then orders/updated.
 */
export function fulfill(s: ShopState, order: OrderRecord, parts: FulfillmentPart[], options: FulfillOptions): FulfillmentRecord {
  const now = s.tick();
  const fulfillment: FulfillmentRecord = {
    id: s.ids.next(),
    name: `${order.name}.${order.fulfillments.length + 1}`,
    locationId: parts[0].fulfillmentOrder.locationId,
    status: "SUCCESS",
    tracking: options.tracking,
    notifyCustomer: options.notifyCustomer,
    notifications: options.notifyCustomer ? [{ kind: "shipping_confirmation", at: now, email: order.email }] : [],
    originAddress: options.originAddress,
    message: options.message,
    lines: [],
    createdAt: now,
    updatedAt: now,
  };
  for (const { fulfillmentOrder: fo, quantities } of parts) {
    for (const fol of fo.lineItems) {
      const quantity = quantities.get(fol.id) ?? 0;
      if (quantity <= 0) continue;
      fol.remainingQuantity -= quantity;
      const line = order.lineItems.find((l) => l.id === fol.lineItemId)!;
      line.fulfilledQuantity += quantity;
      fulfillment.lines.push({ id: s.ids.next(), lineItemId: line.id, fulfillmentOrderId: fo.id, fulfillmentOrderLineItemId: fol.id, quantity });
      const variant = line.variantId ? s.variants.get(line.variantId) : undefined;
      const item = variant ? s.inventoryItems.get(variant.inventoryItemId) : undefined;
      // Shipped units leave "committed" (and so on_hand) at the fulfilling location.
      if (item?.tracked) moveQuantity(s, item.id, fo.locationId, "committed", null, quantity);
    }
    fo.status = fo.lineItems.every((l) => l.remainingQuantity === 0) ? "CLOSED" : "IN_PROGRESS";
    fo.updatedAt = s.tick(fo.updatedAt);
  }
  order.fulfillments.push(fulfillment);
  order.updatedAt = s.tick(order.updatedAt);
  s.emit({ topic: "fulfillments/create", order, fulfillment });
  s.emit({ topic: fulfillmentStatus(order) === "FULFILLED" ? "orders/fulfilled" : "orders/partially_fulfilled", order });
  s.emit({ topic: "orders/updated", order });
  return fulfillment;
}

/** Replaces a fulfillment's tracking; notifyCustomer applies to this and later updates. */
export function updateTracking(
  s: ShopState,
  order: OrderRecord,
  fulfillment: FulfillmentRecord,
  tracking: FulfillmentTrackingRecord,
  notifyCustomer: boolean,
): FulfillmentRecord {
  fulfillment.tracking = tracking;
  fulfillment.notifyCustomer = notifyCustomer;
  fulfillment.updatedAt = s.tick(fulfillment.updatedAt);
  if (notifyCustomer) fulfillment.notifications.push({ kind: "shipping_update", at: fulfillment.updatedAt, email: order.email });
  s.emit({ topic: "fulfillments/update", order, fulfillment });
  return fulfillment;
}

/** FulfillmentTrackingInput -> stored tracking: `numbers`/`urls` win over `number`/`url`. */
export function trackingFromInput(input: { company?: string | null; number?: string | null; numbers?: string[] | null; url?: string | null; urls?: string[] | null } | null | undefined): FulfillmentTrackingRecord {
  const numbers = input?.numbers?.length ? input.numbers : input?.number ? [input.number] : [];
  const urls = input?.urls?.length ? input.urls : input?.url ? [input.url] : [];
  return { company: input?.company ?? null, numbers: [...numbers], urls: [...urls] };
}
