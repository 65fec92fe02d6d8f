/** The flows (one queue each) and which flow handles a delivery's topic. */
export const FLOWS = ["orders", "inventory", "catalog", "fulfillment", "returns", "helpdesk", "privacy", "system"] as const;
export type FlowName = (typeof FLOWS)[number];

// Refunds ride with orders: a refund must not overtake the order it refunds (FIFO per shop and flow).
const BY_TOPIC_PREFIX: [string, FlowName][] = [
  ["orders/", "orders"],
  ["refunds/", "orders"],
  ["fulfillments/", "fulfillment"],
  ["fulfillment_orders/", "fulfillment"],
  ["returns/", "returns"],
  ["reverse_fulfillment_orders/", "returns"],
  ["products/", "catalog"],
  ["collections/", "catalog"],
  ["inventory_levels/", "inventory"],
  ["inventory_items/", "inventory"],
  // ERP callbacks (app/routes/erp.callbacks.$connectionId.tsx).
  ["erp/shipment", "fulfillment"],
  ["erp/stock", "inventory"],
  // Mandatory compliance webhooks (app/flows/privacy).
  ["customers/data_request", "privacy"],
  ["customers/redact", "privacy"],
  ["shop/redact", "privacy"],
];

/** The flow for a webhook or ERP callback topic; anything else (app/uninstalled) is "system". */
export function flowForTopic(topic: string): FlowName {
  return BY_TOPIC_PREFIX.find(([prefix]) => topic.startsWith(prefix))?.[1] ?? "system";
}
