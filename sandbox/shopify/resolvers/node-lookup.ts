import { parseGid } from "../graphql/gid";
import type { ShopState } from "../store/shop-state";
import { inventoryItemView, inventoryLevelView, locationView, productView, variantView } from "./views/catalog";
import type { View } from "./views/common";
import { customerView } from "./views/customer";
import { fulfillmentOrderView, fulfillmentView, orderView, refundView } from "./views/order";
import { returnView } from "./views/return";
import { shopView } from "./views/shop";
import { findReturn } from "../store/returns";

/** Finds any supported Node by gid (node/nodes and the typed single-object queries). */
export function nodeByGid(s: ShopState, gid: unknown): View | null {
  const parsed = parseGid(gid);
  if (!parsed) return null;
  const { type, id } = parsed;
  switch (type) {
    case "Order": {
      const o = s.orders.get(id);
      return o ? orderView(s, o) : null;
    }
    case "Product": {
      const p = s.products.get(id);
      return p ? productView(s, p) : null;
    }
    case "ProductVariant": {
      const v = s.variants.get(id);
      return v ? variantView(s, v) : null;
    }
    case "InventoryItem":
      return inventoryItemView(s, id);
    case "InventoryLevel": {
      const level = [...s.inventoryLevels.values()].find((l) => l.id === id);
      return level ? inventoryLevelView(s, level) : null;
    }
    case "Location": {
      const l = s.locations.get(id);
      return l ? locationView(s, l) : null;
    }
    case "Customer": {
      const c = s.customers.get(id);
      return c ? customerView(s, c) : null;
    }
    case "FulfillmentOrder":
      for (const o of s.orders.values()) {
        const fo = o.fulfillmentOrders.find((f) => f.id === id);
        if (fo) return fulfillmentOrderView(s, o, fo);
      }
      return null;
    case "Fulfillment":
      for (const o of s.orders.values()) {
        const f = o.fulfillments.find((x) => x.id === id);
        if (f) return fulfillmentView(s, o, f);
      }
      return null;
    case "Return": {
      const found = findReturn(s, id);
      return found ? returnView(s, found.order, found.ret) : null;
    }
    case "Refund":
      for (const o of s.orders.values()) {
        const r = o.refunds.find((x) => x.id === id);
        if (r) return refundView(s, o, r);
      }
      return null;
    case "Shop":
      return id === s.shop.id ? shopView(s) : null;
    default:
      return null;
  }
}

/** The typed lookup: null when the gid names another type (as Shopify answers). */
export function typedNode(s: ShopState, gid: unknown, type: string): View | null {
  return parseGid(gid)?.type === type ? nodeByGid(s, gid) : null;
}
