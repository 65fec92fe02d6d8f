/** The latency targets form: its fields and their limits, shared by the page and its action. */
export const TARGET_FIELDS = [
  { name: "ordersMinutes", label: "Orders in the ERP within (minutes)", help: "From Shopify sending the order to its ERP sales order." },
  { name: "stockMinutes", label: "Stock in Shopify within (minutes)", help: "From an ERP stock change to its push to Shopify." },
  { name: "shipmentsMinutes", label: "Shipments in Shopify within (minutes)", help: "From an ERP shipment to its Shopify fulfilment." },
] as const;

export type TargetField = (typeof TARGET_FIELDS)[number]["name"];

/** Whole minutes, one minute to one day (the limits of LatencyTargets). */
export const TARGET_MIN_MINUTES = 1;
export const TARGET_MAX_MINUTES = 24 * 60;
