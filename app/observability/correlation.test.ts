import { describe, expect, it } from "vitest";
import { createReferenceErpConnector } from "~/connectors/erp/reference/connector";
import { CORRELATION_HEADER, currentCorrelationId, withCorrelationId } from "./correlation";

describe("correlation ids", () => {
  it("follow the work through awaits, and only that work", async () => {
    const seen: (string | undefined)[] = [];
    await Promise.all([
      withCorrelationId("webhook-a", async () => {
        await new Promise((r) => setTimeout(r, 5));
        seen.push(currentCorrelationId());
      }),
      withCorrelationId("webhook-b", async () => seen.push(currentCorrelationId())),
    ]);
    expect(seen.sort()).toEqual(["webhook-a", "webhook-b"]);
    expect(currentCorrelationId()).toBeUndefined();
  });

  it("reach the ERP as a header on every call made for the work", async () => {
    const headers: Headers[] = [];
    const erp = createReferenceErpConnector({
      baseUrl: "http://127.0.0.1:9",
      apiKey: "k",
      currency: "USD",
      fetch: (async (_url: RequestInfo | URL, init?: RequestInit) => {
        headers.push(new Headers(init?.headers));
        return new Response(JSON.stringify({ items: [] }), { status: 200, headers: { "Content-Type": "application/json" } });
      }) as typeof fetch,
    });
    await withCorrelationId("webhook-c", () => erp.findCustomer({ email: "a@example.com", phone: null }).catch(() => null));
    expect(headers.length).toBeGreaterThan(0);
    expect(headers[0].get(CORRELATION_HEADER)).toBe("webhook-c");
  });
});
