/**
 * The inventory flow's scheduled jobs, one connection each. Both share an ordering key per
 * connection, so a poll and a reconciliation of the same ERP never run at the same time (they
 * would read the same levels twice and race for the changedSince cursor).
 */
import type { EnqueueRequest } from "~/queue/port";

export const SYNC_STOCK_JOB = "sync-stock";
export const RECONCILE_STOCK_JOB = "reconcile-stock";

export interface StockJobPayload {
  shopDomain: string;
  connectionId: string;
}

export function stockJob(
  name: typeof SYNC_STOCK_JOB | typeof RECONCILE_STOCK_JOB,
  shop: { id: string; domain: string },
  connectionId: string,
  ids: { dedupeKey: string; correlationId: string },
): EnqueueRequest {
  return {
    queue: "inventory",
    name,
    payload: { shopDomain: shop.domain, connectionId },
    shopId: shop.id,
    ordered: true,
    orderingKey: `stock:${connectionId}`,
    ...ids,
  };
}
