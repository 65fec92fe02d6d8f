import { withRequestCorrelation } from "~/observability/correlation";
import { enforceRateLimit } from "~/security/rate-limit.server";
import { BodyTooLargeError } from "./read-body.server";
import { webhookDeliveries } from "./metrics";

/**
 * The HTTP edge of webhook intake: runs the receiver and turns its typed errors into the
 * status Shopify should see. 2xx means stored (or deliberately dropped); anything else makes
 * Shopify retry, which is what we want when we could not store it.
 */
export function respondToWebhook(request: Request, receive: (request: Request) => Promise<unknown>) {
  // Whatever is logged while taking the delivery carries its webhook id, as its job's lines later do.
  return withRequestCorrelation(request, () => respond(request, receive));
}

async function respond(request: Request, receive: (request: Request) => Promise<unknown>) {
  try {
    // Over the limit: a 429 with Retry-After, before the body is read; Shopify retries it.
    await enforceRateLimit("webhooks", request);
    await receive(request);
    return new Response(null, { status: 200 });
  } catch (error) {
    if (error instanceof Response) {
      // The Shopify library's refusals (400 missing headers, 401 bad HMAC, 405 not POST) and the rate limit's 429.
      webhookDeliveries.inc({ topic: request.headers.get("X-Shopify-Topic") ?? "unknown", outcome: `refused_${error.status}` });
      return error;
    }
    if (error instanceof BodyTooLargeError) {
      webhookDeliveries.inc({ topic: request.headers.get("X-Shopify-Topic") ?? "unknown", outcome: "refused_413" });
      return new Response(error.message, { status: 413 });
    }
    throw error;
  }
}
