import { orderFromWebhook, type OrderWebhookTopic } from "~/connectors/shopify/mappers";
import type { Order } from "~/domain";
import { AppError } from "~/errors";
import type { OrderFlowDeps } from "./deps";

const ORDER_GID = /"admin_graphql_api_id"\s*:\s*"gid:\/\/shopify\/Order\/(\d+)"/;

/**
 * The order a webhook delivery describes. A body that cannot be mapped (incomplete, or from a
 * shape we do not read, e.g. a tip in two currencies) is replaced by the authoritative order
 * from the Admin API; the webhook's validation error stands only when that is impossible too.
 */
export async function orderFromDelivery(deps: OrderFlowDeps, shopDomain: string, rawBody: string, topic: string): Promise<Order> {
  try {
    return orderFromWebhook(rawBody, topic as OrderWebhookTopic);
  } catch (error) {
    const id = ORDER_GID.exec(rawBody)?.[1];
    if (!(error instanceof AppError) || error.errorClass !== "validation" || !id) throw error;
    deps.log("warn", "webhook body not usable; reading the order from the Admin API", { shopDomain, orderId: id, reason: error.message });
    return deps.readShopifyOrder(shopDomain, id);
  }
}
