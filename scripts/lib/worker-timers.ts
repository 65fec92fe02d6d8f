/**
 * Worker environment with every timer off (reconciliation, shipment and inventory polls,
 * catalog syncs, the order latency watch), so a worker does only the work it is handed.
 */
export const WORKER_TIMERS_OFF = {
  RECONCILE_INTERVAL_MS: "0",
  SHIPMENT_POLL_INTERVAL_MS: "0",
  INVENTORY_POLL_INTERVAL_MS: "0",
  INVENTORY_RECONCILE_INTERVAL_MS: "0",
  CATALOG_SYNC_INTERVAL_MS: "0",
  CATALOG_DELTA_INTERVAL_MS: "0",
  ORDER_LATENCY_WATCH_INTERVAL_MS: "0",
};
