/** What reconciliation and backfill need from Shopify: lists of orders, not the orders themselves. */
import type { CreatedOrdersPage, OrderChange } from "~/connectors/shopify/admin-api";

export interface ShopifyOrderLists {
  /** Pages of orders updated strictly after `sinceIso`, oldest change first. */
  updatedSince(shopDomain: string, sinceIso: string): AsyncIterable<OrderChange[]>;
  /** Pages of orders created in [from, to), oldest first, continuing after `after` when given. */
  createdBetween(shopDomain: string, range: { from: Date; to: Date; after: string | null }): AsyncIterable<CreatedOrdersPage>;
}
