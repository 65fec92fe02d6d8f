import { orderEditFromWebhook, orderFromWebhook, type OrderWebhookTopic } from "~/connectors/shopify/mappers";
import type { Order } from "~/domain";
import { AppError, asAppError } from "~/errors";
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
    try {
      return await deps.readShopifyOrder(shopDomain, id);
    } catch (readError) {
      // Shopify may answer later: retry. Otherwise the body's own fault is what a person must read.
      if (asAppError(readError).transient) throw readError;
      throw new AppError("validation", `${error.message} (and Shopify could not give the order instead: ${asAppError(readError).message})`, {
        cause: readError,
        details: error.details,
      });
    }
  }
}

/**
 * The order an orders job is about: its delivery's (an edit is read from the Admin API, the
 * body only names the order), else the order with this id, read from the Admin API.
 */
export async function orderOfJob(
  deps: OrderFlowDeps,
  shopDomain: string,
  source: { event: { topic: string; payload: string } | null; orderId?: string | null },
): Promise<Order> {
  const { event, orderId } = source;
  if (event) {
    return event.topic === "orders/edited"
      ? deps.readShopifyOrder(shopDomain, orderEditFromWebhook(event.payload).orderId)
      : orderFromDelivery(deps, shopDomain, event.payload, event.topic);
  }
  if (orderId) return deps.readShopifyOrder(shopDomain, orderId);
  throw new AppError("validation", "An orders job needs an inbox delivery or an order id");
}
