import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { salesOrderBody, startTestErp, TEST_API_KEY } from "../../../../sandbox/erp/test-support";
import { verifyErpCallback } from "./callback-signature";
import { createReferenceErpConnector } from "./connector";

const SECRET = "shared-secret";
const NOW = Date.parse("2026-11-02T09:00:00.000Z");
const body = JSON.stringify({ id: "evt_1", type: "stock.changed", createdAt: "2026-11-02T09:00:00.000Z", data: { levels: [] } });

function signed(over: Record<string, string | null> = {}, timestamp = String(NOW / 1000), secret = SECRET) {
  const headers = new Headers({
    "X-Erp-Signature": createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex"),
    "X-Erp-Timestamp": timestamp,
    "X-Erp-Event-Id": "evt_1",
    "X-Erp-Event-Type": "stock.changed",
  });
  for (const [name, value] of Object.entries(over)) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return headers;
}

describe("verifyErpCallback", () => {
  it("accepts a callback signed with the shared secret over timestamp and raw body", () => {
    expect(verifyErpCallback({ rawBody: body, headers: signed(), secret: SECRET, nowMs: NOW })).toEqual({ valid: true, eventId: "evt_1", eventType: "stock.changed", timestamp: NOW / 1000 });
  });

  it("accepts the old or the new secret during a rotation", () => {
    expect(verifyErpCallback({ rawBody: body, headers: signed(), secret: ["new-secret", SECRET], nowMs: NOW }).valid).toBe(true);
  });

  it("refuses a changed body, a wrong secret, or a signature that is not hex", () => {
    expect(verifyErpCallback({ rawBody: `${body} `, headers: signed(), secret: SECRET, nowMs: NOW })).toEqual({ valid: false, reason: "bad_signature" });
    expect(verifyErpCallback({ rawBody: body, headers: signed({}, undefined, "other"), secret: SECRET, nowMs: NOW })).toEqual({ valid: false, reason: "bad_signature" });
    expect(verifyErpCallback({ rawBody: body, headers: signed({ "X-Erp-Signature": "zz" }), secret: SECRET, nowMs: NOW })).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("refuses a timestamp older or newer than the tolerance, even correctly signed", () => {
    const old = String(NOW / 1000 - 301);
    expect(verifyErpCallback({ rawBody: body, headers: signed({}, old), secret: SECRET, nowMs: NOW })).toEqual({ valid: false, reason: "stale_timestamp" });
    const future = String(NOW / 1000 + 301);
    expect(verifyErpCallback({ rawBody: body, headers: signed({}, future), secret: SECRET, nowMs: NOW })).toEqual({ valid: false, reason: "stale_timestamp" });
    expect(verifyErpCallback({ rawBody: body, headers: signed({}, String(NOW / 1000 - 299)), secret: SECRET, nowMs: NOW }).valid).toBe(true);
  });

  it("refuses a replay under a fresh timestamp (the timestamp is signed)", () => {
    const replay = signed({ "X-Erp-Timestamp": String(NOW / 1000 + 10) });
    expect(verifyErpCallback({ rawBody: body, headers: replay, secret: SECRET, nowMs: NOW })).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("refuses missing headers and a malformed timestamp", () => {
    expect(verifyErpCallback({ rawBody: body, headers: signed({ "X-Erp-Event-Id": null }), secret: SECRET, nowMs: NOW })).toEqual({ valid: false, reason: "missing_headers" });
    expect(verifyErpCallback({ rawBody: body, headers: signed({ "X-Erp-Timestamp": "1e9" }), secret: SECRET, nowMs: NOW })).toEqual({ valid: false, reason: "bad_timestamp" });
  });
});

describe("a real callback from the reference ERP", () => {
  it("is verified and read into a canonical shipment by the connector", async () => {
    const received: { rawBody: string; headers: Headers }[] = [];
    const app = createServer(async (req, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      received.push({ rawBody: raw, headers: new Headers(req.headers as Record<string, string>) });
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const t = await startTestErp({ callbackUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/`, callbackSecret: SECRET });
    try {
      const connector = createReferenceErpConnector({ baseUrl: t.erp.url, apiKey: TEST_API_KEY, currency: "USD", callbackSecret: SECRET, now: () => t.clock.now() });
      expect(connector.capabilities.sendsCallbacks).toBe(true);
      await t.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "TEE-1", quantity: 1 }]));
      await t.call("POST", "/_admin/sales-orders/SO-10001/shipments", { packages: [{ carrier: "UPS", trackingNumber: "1Z", trackingUrl: null }] });
      await t.erp.admin.settleCallbacks();
      const events = received.map((r) => connector.readCallback!(r));
      const shipment = events.find((e) => e.type === "shipment.created");
      expect(shipment).toMatchObject({ shipment: { orderReference: "1001", packages: [{ tracking: { company: "UPS", number: "1Z", url: null } }] } });
      expect(events.filter((e) => e.type === "stock.changed")).toHaveLength(2);
      const tampered = { ...received[0], rawBody: received[0].rawBody.replace("TEE-1", "MUG-1") };
      expect(() => connector.readCallback!(tampered)).toThrow(expect.objectContaining({ errorClass: "auth" }));
      t.clock.advance(10 * 60_000);
      expect(() => connector.readCallback!(received[0])).toThrow(/stale timestamp/);
    } finally {
      await t.erp.close();
      await new Promise((resolve) => app.close(resolve));
    }
  });
});
