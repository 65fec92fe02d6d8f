/**
 * The Shopify order a webhook delivery is about, read from the raw body without parsing it
 * whole (the dispatcher asks for every delivery): orders/* carry the order's gid, refunds/create
 * and orders/edited its `order_id`. Null when the body names no order.
 */
const ORDER_GID = /"admin_graphql_api_id"\s*:\s*"gid:\/\/shopify\/Order\/(\d+)"/;
const ORDER_ID = /"order_id"\s*:\s*"?(\d+)/;

export function orderIdOfDelivery(topic: string, rawBody: string): string | null {
  if (topic === "refunds/create" || topic === "orders/edited") return ORDER_ID.exec(rawBody)?.[1] ?? null;
  if (topic.startsWith("orders/")) return ORDER_GID.exec(rawBody)?.[1] ?? null;
  return null;
}
