import { filterBySearch, type SearchField } from "../graphql/search-query";
import { compareIds } from "../store/ids";
import { fulfillmentStatus, orderTotals } from "../store/order-totals";
import type { ShopState } from "../store/shop-state";
import type { CustomerRecord, LocationRecord, OrderRecord, ProductRecord, VariantRecord } from "../store/types";
import { nodeByGid, typedNode } from "./node-lookup";
import type { ResolverMap } from "./types";
import { inventoryItemView, locationView, productView, variantView } from "./views/catalog";
import { customerView } from "./views/customer";
import { orderView } from "./views/order";
import { shopView } from "./views/shop";

interface ListArgs {
  query?: string | null;
  sortKey?: string | null;
}

/** Sort by a value, ties (and the ID key) broken by numeric id. */
function sortBy<T extends { id: string }>(items: T[], value?: (x: T) => number | string): T[] {
  return items.sort((a, b) => {
    if (value) {
      const x = value(a);
      const y = value(b);
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return compareIds(a.id, b.id);
  });
}

const FINANCIAL = (o: OrderRecord) => o.financialStatus.toLowerCase();
const FULFILLMENT = (o: OrderRecord) =>
  ({ UNFULFILLED: "unshipped", PARTIALLY_FULFILLED: "partial", FULFILLED: "shipped" })[fulfillmentStatus(o)];

const orderFields: Record<string, SearchField<OrderRecord>> = {
    id: { kind: "id", get: (o) => o.id },
    name: { kind: "list", get: (o) => [o.name, o.name.replace(/^#/, "")] },
    email: { kind: "string", get: (o) => o.email },
    phone: { kind: "string", get: (o) => o.phone },
    created_at: { kind: "date", get: (o) => o.createdAt },
    updated_at: { kind: "date", get: (o) => o.updatedAt },
    processed_at: { kind: "date", get: (o) => o.processedAt },
    financial_status: { kind: "string", get: FINANCIAL },
    fulfillment_status: { kind: "string", get: FULFILLMENT },
    status: { kind: "string", get: (o) => (o.cancelledAt ? "cancelled" : o.closedAt ? "closed" : "open") },
    tag: { kind: "list", get: (o) => o.tags },
    customer_id: { kind: "id", get: (o) => o.customerId },
    sku: { kind: "list", get: (o) => o.lineItems.map((l) => l.sku ?? "") },
    test: { kind: "string", get: (o) => String(o.test) },
    gateway: { kind: "list", get: (o) => o.paymentGatewayNames },
    location_id: { kind: "list", get: (o) => o.fulfillmentOrders.map((f) => f.locationId) },
};

const ORDER_SORT: Record<string, (o: OrderRecord) => number | string> = {
  CREATED_AT: (o) => o.createdAt,
  UPDATED_AT: (o) => o.updatedAt,
  PROCESSED_AT: (o) => o.processedAt,
  ORDER_NUMBER: (o) => o.number,
  TOTAL_PRICE: (o) => orderTotals(o).totalPrice,
  CURRENT_TOTAL_PRICE: (o) => orderTotals(o).currentTotalPrice,
  FINANCIAL_STATUS: FINANCIAL,
  FULFILLMENT_STATUS: (o) => FULFILLMENT(o) ?? "",
};

const productFields = (s: ShopState): Record<string, SearchField<ProductRecord>> => ({
  id: { kind: "id", get: (p) => p.id },
  title: { kind: "string", get: (p) => p.title },
  handle: { kind: "string", get: (p) => p.handle },
  vendor: { kind: "string", get: (p) => p.vendor },
  product_type: { kind: "string", get: (p) => p.productType },
  status: { kind: "string", get: (p) => p.status.toLowerCase() },
  tag: { kind: "list", get: (p) => p.tags },
  sku: { kind: "list", get: (p) => p.variantIds.map((id) => s.variants.get(id)?.sku ?? "") },
  barcode: { kind: "list", get: (p) => p.variantIds.map((id) => s.variants.get(id)?.barcode ?? "") },
  created_at: { kind: "date", get: (p) => p.createdAt },
  updated_at: { kind: "date", get: (p) => p.updatedAt },
  gift_card: { kind: "string", get: (p) => String(p.isGiftCard) },
});

const variantFields: Record<string, SearchField<VariantRecord>> = {
  id: { kind: "id", get: (v) => v.id },
  sku: { kind: "string", get: (v) => v.sku },
  barcode: { kind: "string", get: (v) => v.barcode },
  title: { kind: "string", get: (v) => v.title },
  product_id: { kind: "id", get: (v) => v.productId },
  inventory_item_id: { kind: "id", get: (v) => v.inventoryItemId },
  created_at: { kind: "date", get: (v) => v.createdAt },
  updated_at: { kind: "date", get: (v) => v.updatedAt },
};

const customerFields: Record<string, SearchField<CustomerRecord>> = {
  id: { kind: "id", get: (c) => c.id },
  email: { kind: "string", get: (c) => c.email },
  phone: { kind: "string", get: (c) => c.phone },
  first_name: { kind: "string", get: (c) => c.firstName },
  last_name: { kind: "string", get: (c) => c.lastName },
  tag: { kind: "list", get: (c) => c.tags },
  created_at: { kind: "date", get: (c) => c.createdAt },
  updated_at: { kind: "date", get: (c) => c.updatedAt },
};

const locationFields: Record<string, SearchField<LocationRecord>> = {
  id: { kind: "id", get: (l) => l.id },
  name: { kind: "string", get: (l) => l.name },
  active: { kind: "string", get: (l) => String(l.isActive) },
};

const byTitle = (p: ProductRecord) => p.title.toLowerCase();

export const queryRootResolvers: ResolverMap = {
  "QueryRoot.shop": (_s, _a, { shop }) => shopView(shop),
  "QueryRoot.node": (_s, { id }, { shop }) => nodeByGid(shop, id),
  "QueryRoot.nodes": (_s, { ids }: { ids: string[] }, { shop }) => ids.map((id) => nodeByGid(shop, id)),

  "QueryRoot.order": (_s, { id }, { shop }) => typedNode(shop, id, "Order"),
  "QueryRoot.orders": (_s, args: ListArgs, { shop }) => {
    const found = filterBySearch([...shop.orders.values()], args.query, orderFields);
    return sortBy(found, ORDER_SORT[args.sortKey ?? "ID"]).map((o) => orderView(shop, o));
  },

  "QueryRoot.product": (_s, { id }, { shop }) => typedNode(shop, id, "Product"),
  "QueryRoot.products": (_s, args: ListArgs, { shop }) => {
    const found = filterBySearch([...shop.products.values()], args.query, productFields(shop));
    const key = args.sortKey === "TITLE" ? byTitle : args.sortKey === "UPDATED_AT" ? (p: ProductRecord) => p.updatedAt : args.sortKey === "CREATED_AT" ? (p: ProductRecord) => p.createdAt : undefined;
    return sortBy(found, key).map((p) => productView(shop, p));
  },

  "QueryRoot.productVariant": (_s, { id }, { shop }) => typedNode(shop, id, "ProductVariant"),
  "QueryRoot.productVariants": (_s, args: ListArgs, { shop }) => {
    const found = filterBySearch([...shop.variants.values()], args.query, variantFields);
    const key = args.sortKey === "SKU" ? (v: VariantRecord) => v.sku ?? "" : args.sortKey === "TITLE" ? (v: VariantRecord) => v.title : undefined;
    return sortBy(found, key).map((v) => variantView(shop, v));
  },

  "QueryRoot.inventoryItem": (_s, { id }, { shop }) => typedNode(shop, id, "InventoryItem"),
  "QueryRoot.inventoryItems": (_s, args: ListArgs, { shop }) => {
    const variants = filterBySearch([...shop.variants.values()], args.query, { ...variantFields, id: { kind: "id", get: (v) => v.inventoryItemId } });
    return sortBy(variants.map((v) => ({ id: v.inventoryItemId }))).map((i) => inventoryItemView(shop, i.id));
  },
  "QueryRoot.inventoryLevel": (_s, { id }, { shop }) => typedNode(shop, id, "InventoryLevel"),

  "QueryRoot.location": (_s, { id }, { shop }) => {
    if (id == null) {
      const primary = shop.primaryLocation();
      return primary ? locationView(shop, primary) : null;
    }
    return typedNode(shop, id, "Location");
  },
  "QueryRoot.locations": (_s, args: ListArgs & { includeInactive?: boolean }, { shop }) => {
    const all = [...shop.locations.values()].filter((l) => l.isActive || args.includeInactive);
    const key = args.sortKey === "NAME" ? (l: LocationRecord) => l.name.toLowerCase() : undefined;
    return sortBy(filterBySearch(all, args.query, locationFields), key).map((l) => locationView(shop, l));
  },

  "QueryRoot.customer": (_s, { id }, { shop }) => typedNode(shop, id, "Customer"),
  "QueryRoot.customers": (_s, args: ListArgs, { shop }) => {
    const found = filterBySearch([...shop.customers.values()], args.query, customerFields);
    const key = args.sortKey === "UPDATED_AT" ? (c: CustomerRecord) => c.updatedAt : args.sortKey === "CREATED_AT" ? (c: CustomerRecord) => c.createdAt : undefined;
    return sortBy(found, key).map((c) => customerView(shop, c));
  },

  "QueryRoot.return": (_s, { id }, { shop }) => typedNode(shop, id, "Return"),
  "QueryRoot.refund": (_s, { id }, { shop }) => typedNode(shop, id, "Refund"),
  "QueryRoot.fulfillmentOrder": (_s, { id }, { shop }) => typedNode(shop, id, "FulfillmentOrder"),
};
