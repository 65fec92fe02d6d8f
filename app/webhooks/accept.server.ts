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
  const context = await authenticated(request, rawBody);
  // A raw NUL byte is never JSON, and PostgreSQL text cannot store it: refused, not a 500.
  if (rawBody.includes("\u0000")) throw new Response(null, { status: 400, statusText: "Bad Request" });
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

// The Shopify library's own test of a shop domain (shop-validator); a domain it would refuse
// makes it throw a plain error after the HMAC check, which must be a refusal, not a 500.
const SHOP_DOMAIN = /^[a-zA-Z0-9][a-zA-Z0-9-_]*\.(myshopify\.com|shopify\.com|myshopify\.io|shop\.dev)$/;

/**
 * The library's verdict on the request. It parses the body only after the HMAC, headers and
 * shop passed, so a well-signed body that is not JSON still reaches the inbox (the flow then
 * quarantines it with the reason) instead of failing the request on every retry.
 */
async function authenticated(request: Request, rawBody: string) {
  const shop = request.headers.get("X-Shopify-Shop-Domain");
  if (shop && !SHOP_DOMAIN.test(shop)) throw new Response(null, { status: 400, statusText: "Bad Request" });
  try {
    return await authenticate.webhook(new Request(request.url, { method: request.method, headers: request.headers, body: rawBody }));
  } catch (error) {
    if (!(error instanceof SyntaxError) || isJson(rawBody)) throw error;
    const header = (name: string) => request.headers.get(name) ?? "";
    return {
      shop: header("X-Shopify-Shop-Domain"),
      topic: header("X-Shopify-Topic"),
      webhookId: header("X-Shopify-Webhook-Id"),
      apiVersion: header("X-Shopify-API-Version"),
      payload: {} as Record<string, unknown>,
    };
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
