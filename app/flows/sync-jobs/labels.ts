/** Names of sync jobs and what a merchant can start, shared by the admin pages and the server (no server imports). */

/** The SyncRun kinds the sync jobs page lists, with the name a merchant reads. */
export const SYNC_JOB_KIND_LABELS: Record<string, string> = {
  catalog: "Catalog sync",
  inventory: "Inventory reconciliation",
  order_backfill: "Order backfill",
  order_reconciliation: "Order reconciliation",
};

export const SYNC_JOB_STATUS_LABELS: Record<string, string> = {
  running: "Running",
  cancelling: "Cancelling",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** What a merchant can start from the page; each starts runs of one SyncRun kind. */
export const STARTABLE_JOBS = {
  catalog_full: { label: "Full catalog sync", runKind: "catalog", help: "Reads every ERP item and brings Shopify's products and prices in line." },
  catalog_delta: { label: "Catalog changes sync", runKind: "catalog", help: "Reads only the ERP items changed since the last catalog sync." },
  inventory_reconciliation: { label: "Inventory reconciliation", runKind: "inventory", help: "Compares every mapped SKU and location with the ERP and pushes each difference." },
  order_backfill: { label: "Order backfill", runKind: "order_backfill", help: "Posts the orders created in a date range that the ERP does not have yet." },
} as const;

export type StartableJob = keyof typeof STARTABLE_JOBS;

export const isStartableJob = (value: string): value is StartableJob => Object.hasOwn(STARTABLE_JOBS, value);

/** The widest date range one backfill may cover. */
export const MAX_BACKFILL_DAYS = 90;

/** A run that has not ended: the page keeps refreshing while one is listed. */
export const isUnfinished = (status: string) => status === "running" || status === "cancelling";
