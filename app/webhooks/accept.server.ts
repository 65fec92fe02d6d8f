import db from "~/db.server";
import { authenticate } from "~/shopify.server";
import { recordDelivery } from "~/models/inbox.server";
import { isUninstalled } from "~/models/shop.server";
import { readBodyWithLimit } from "./read-body.server";
import { webhookDeliveries } from "./metrics";

/** Topics that still matter after an uninstall: the uninstall itself and GDPR requests. */
const ACCEPTED_AFTER_UNINSTALL = new Set(["app/uninstalled", "customers/data_request", "customers/redact", "shop/redact"]);

export type WebhookOutcome = "stored" | "duplicate" | "dropped_uninstalled";

/**
 * Authenticates a Shopify webhook (HMAC and required headers, by the Shopify library) and
 * stores it in the inbox. Business work happens later, from the inbox, never in the request.
 * A bad signature throws the library's 401 response before anything is stored.
 */
export async function acceptShopifyWebhook(request: Request) {
  // Keep the exact text: JSON.parse rounds ids above 2^53, and the inbox must not.
  const rawBody = await readBodyWithLimit(request);
  const context = await authenticate.webhook(
    new Request(request.url, { method: request.method, headers: request.headers, body: rawBody }),
  );
  const topic = request.headers.get("X-Shopify-Topic") ?? String(context.topic);

  let outcome: WebhookOutcome;
  if (!ACCEPTED_AFTER_UNINSTALL.has(topic) && (await isUninstalled(db, context.shop))) {
    outcome = "dropped_uninstalled";
  } else {
    const stored = await recordDelivery(db, {
      shopDomain: context.shop,
      source: "shopify",
      topic,
      deliveryId: context.webhookId,
      eventId: request.headers.get("X-Shopify-Event-Id"),
      triggeredAt: parseDate(request.headers.get("X-Shopify-Triggered-At")),
      apiVersion: context.apiVersion,
      rawBody,
      correlationId: context.webhookId,
    });
    outcome = stored.stored ? "stored" : "duplicate";
  }
  webhookDeliveries.inc({ topic, outcome });
  return { context, topic, outcome };
}

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
