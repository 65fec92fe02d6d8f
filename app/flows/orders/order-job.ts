/** The orders job that reads one order from Shopify and brings its ERP sales order up to date. */
import type { EnqueueRequest } from "~/queue/port";

/** Job name of an order found by reconciliation or backfill (webhook jobs are named by topic). */
export const SYNC_ORDER_JOB = "sync-order";

/**
 * Ordered, so it runs after the shop's earlier webhook jobs for the orders flow; `dedupeKey`
 * says why it was enqueued, so the same finding twice adds nothing.
 */
export function syncOrderJob(input: { shop: { id: string; domain: string }; orderId: string; dedupeKey: string; correlationId: string }): EnqueueRequest {
  return {
    queue: "orders",
    name: SYNC_ORDER_JOB,
    payload: { shopDomain: input.shop.domain, orderId: input.orderId },
    shopId: input.shop.id,
    correlationId: input.correlationId,
    dedupeKey: input.dedupeKey,
    ordered: true,
    orderingKey: input.orderId,
  };
}
