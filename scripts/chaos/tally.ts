/**
 * The end-of-run reconciliation: every Shopify order in sandbox Shopify against the reference
 * ERP's sales orders (matched by external reference, the Shopify order id).
 */
import type { ChaosStack } from "./stack";

export interface Tally {
  orders: number;
  /** Every sales order in the ERP. */
  erpDocs: number;
  /** Shopify orders with no sales order. */
  missing: number;
  /** Shopify orders with more than one sales order. */
  duplicates: number;
  /** A few of the missing and doubled order ids, for the investigation. */
  examples: { missing: string[]; duplicates: string[] };
}

export function tally(stack: ChaosStack): Tally {
  const orderIds = [...stack.sandbox.store.get(stack.shop).orders.keys()];
  const counts = stack.erp.salesOrderCounts();
  const missing = orderIds.filter((id) => !counts.get(id));
  const doubled = orderIds.filter((id) => (counts.get(id) ?? 0) > 1);
  return {
    orders: orderIds.length,
    erpDocs: [...counts.values()].reduce((a, b) => a + b, 0),
    missing: missing.length,
    duplicates: doubled.length,
    examples: { missing: missing.slice(0, 10), duplicates: doubled.slice(0, 10) },
  };
}

export const tallyLine = (t: Pick<Tally, "orders" | "erpDocs" | "missing" | "duplicates">) =>
  `orders=${t.orders} erp_docs=${t.erpDocs} missing=${t.missing} duplicates=${t.duplicates}`;
