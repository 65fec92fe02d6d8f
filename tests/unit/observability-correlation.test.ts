import { describe, expect, it } from "vitest";
import { correlationIdOf, currentCorrelationId } from "~/observability/correlation";
import { respondToWebhook } from "~/webhooks/respond.server";

const post = (headers: Record<string, string>) => new Request("http://127.0.0.1/webhooks/orders", { method: "POST", headers, body: "{}" });

describe("request correlation ids", () => {
  it("take Shopify's webhook id, else a plain X-Correlation-Id, else a fresh id", () => {
    expect(correlationIdOf(post({ "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" }))).toBe("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
    expect(correlationIdOf(post({ "X-Correlation-Id": "upstream-42" }))).toBe("upstream-42");
    const odd = correlationIdOf(post({ "X-Correlation-Id": 'x"}\\{"level":"error' }));
    expect(odd).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdOf(post({}))).not.toBe(correlationIdOf(post({})));
  });

  it("are in context while a webhook delivery is taken in", async () => {
    let seen: string | undefined;
    const res = await respondToWebhook(post({ "X-Shopify-Webhook-Id": "wh-intake-1", "X-Shopify-Topic": "orders/create" }), async () => {
      await new Promise((r) => setTimeout(r, 1));
      seen = currentCorrelationId();
    });
    expect(res.status).toBe(200);
    expect(seen).toBe("wh-intake-1");
    expect(currentCorrelationId()).toBeUndefined();
  });
});
