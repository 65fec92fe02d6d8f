import { randomUUID } from "node:crypto";
import db from "~/db.server";
import { authenticate } from "~/shopify.server";
import { recordDelivery } from "~/models/inbox.server";

/**
 * Authenticates a Shopify webhook (HMAC, required headers) and stores it in the inbox.
 * Business work happens later, from the inbox, never in the request. A bad signature is
 * answered by the library (401) before anything is stored.
 */
export async function acceptShopifyWebhook(request: Request) {
  // The library parses the body with JSON.parse, which rounds ids above 2^53: keep the text.
  const rawBody = await request.clone().text();
  const context = await authenticate.webhook(request);
  const outcome = await recordDelivery(db, {
    shopDomain: context.shop,
    source: "shopify",
    topic: context.topic,
    deliveryId: context.webhookId,
    eventId: request.headers.get("X-Shopify-Event-Id"),
    triggeredAt: parseDate(request.headers.get("X-Shopify-Triggered-At")),
    apiVersion: context.apiVersion,
    rawBody,
    correlationId: context.webhookId || randomUUID(),
  });
  return { context, outcome };
}

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
