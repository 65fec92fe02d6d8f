/** Webhook requests signed the way Shopify signs them (base64 HMAC-SHA256 of the raw body). */
import { createHmac, randomUUID } from "node:crypto";

export interface WebhookRequestOptions {
  url?: string;
  topic: string;
  shop: string;
  body: string;
  secret: string;
  webhookId?: string;
  eventId?: string;
  headers?: Record<string, string | null>;
}

export function signedWebhookRequest(options: WebhookRequestOptions): Request {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": options.topic,
    "X-Shopify-Hmac-Sha256": createHmac("sha256", options.secret).update(options.body).digest("base64"),
    "X-Shopify-Shop-Domain": options.shop,
    "X-Shopify-API-Version": "2026-10",
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
    "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  return new Request(options.url ?? "http://127.0.0.1/webhooks/orders", { method: "POST", headers, body: options.body });
}
