/**
 * The catalog flow's job: one sync-catalog per ERP connection. Jobs of one connection share an
 * ordering key, so a full and a delta sync never run at once (they share the run and cursor).
 */
import type { EnqueueRequest } from "~/queue/port";

export const CATALOG_FLOW = "catalog";
export const SYNC_CATALOG_JOB = "sync-catalog";

export interface CatalogJobPayload {
  shopDomain: string;
  connectionId: string;
  /** Read every item, not only those changed since the cursor. */
  full: boolean;
  [key: string]: string | boolean;
}

export function catalogJob(shop: { id: string; domain: string }, connectionId: string, options: { full: boolean; dedupeKey: string; correlationId: string }): EnqueueRequest {
  const payload: CatalogJobPayload = { shopDomain: shop.domain, connectionId, full: options.full };
  return {
    queue: CATALOG_FLOW,
    name: SYNC_CATALOG_JOB,
    payload,
    shopId: shop.id,
    ordered: true,
    orderingKey: `catalog:${connectionId}`,
    dedupeKey: options.dedupeKey,
    correlationId: options.correlationId,
  };
}
