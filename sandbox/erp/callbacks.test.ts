import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { signCallback } from "./callback-signing";
import { salesOrderBody, startTestErp, type TestErp } from "./test-support";

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

/** An app stand-in that records callbacks and answers with the next status in `statuses` (then 200). */
async function startReceiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    received.push({ headers: req.headers, body });
    res.writeHead(statuses.shift() ?? 200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/erp/callbacks`, received, close: () => new Promise((r) => server.close(r)) };
}

let t: TestErp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
afterEach(async () => {
  await t.erp.close();
  await receiver.close();
});

const SECRET = "callback-secret";

describe("signed callbacks", () => {
  it("announces a shipment and the stock it moved, signed over timestamp and raw body", async () => {
    receiver = await startReceiver();
    t = await startTestErp({ callbackUrl: receiver.url, callbackSecret: SECRET });
    await t.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "TEE-1", quantity: 2 }]));
    await t.call("POST", "/_admin/sales-orders/SO-10001/shipments", { packages: [{ carrier: "DHL", trackingNumber: "123", trackingUrl: "https://dhl.example/123" }] });
    await t.erp.admin.settleCallbacks();
    // Deliveries run concurrently, so arrival order is not part of the contract.
    const types = receiver.received.map((r) => String(r.headers["x-erp-event-type"]));
    expect(types.sort()).toEqual(["shipment.created", "stock.changed", "stock.changed"]);
    const shipment = receiver.received.find((r) => r.headers["x-erp-event-type"] === "shipment.created")!;
    const timestamp = String(shipment.headers["x-erp-timestamp"]);
    expect(timestamp).toBe(String(Math.floor(t.clock.now() / 1000)));
    expect(shipment.headers["x-erp-signature"]).toBe(signCallback(SECRET, timestamp, shipment.body));
    const event = JSON.parse(shipment.body);
    expect(event.id).toBe(shipment.headers["x-erp-event-id"]);
    expect(event.data.shipment).toMatchObject({ salesOrderId: "SO-10001", externalReference: "1001", packages: [{ trackingNumber: "123", lines: [{ lineReference: "L1", quantity: 2 }] }] });
    const stockBodies = receiver.received.filter((r) => r.headers["x-erp-event-type"] === "stock.changed").map((r) => JSON.parse(r.body));
    expect(stockBodies.find((b) => b.data.levels[0].onHand === 8).data.levels).toEqual([
      expect.objectContaining({ itemCode: "TEE-1", warehouseCode: "MAIN", onHand: 8, allocated: 0, available: 8 }),
    ]);
  });

  it("retries a refused callback with doubling delays, with the same event id and body", async () => {
    receiver = await startReceiver([500, 503]);
    t = await startTestErp({ callbackUrl: receiver.url, callbackSecret: SECRET, callback: { baseDelayMs: 1_000 } });
    await t.call("POST", "/_admin/stock-adjustments", { itemCode: "MUG-1", warehouseCode: "MAIN", delta: 1 });
    await t.erp.admin.settleCallbacks();
    expect(receiver.received).toHaveLength(1);
    expect(t.scheduler.pendingDelays).toEqual([1_000]);
    await t.scheduler.advance(1_000);
    expect(t.scheduler.pendingDelays).toEqual([2_000]);
    await t.scheduler.advance(2_000);
    await t.erp.admin.settleCallbacks();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers["x-erp-event-id"])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(t.erp.admin.callbacks()[0]).toMatchObject({ attempts: 3, lastError: null, deliveredAt: expect.any(String) });
  });

  it("gives up after maxAttempts and keeps the last error", async () => {
    receiver = await startReceiver([500, 500, 500]);
    t = await startTestErp({ callbackUrl: receiver.url, callbackSecret: SECRET, callback: { maxAttempts: 2 } });
    await t.call("POST", "/_admin/stock-adjustments", { itemCode: "MUG-1", warehouseCode: "MAIN", delta: 1 });
    await t.erp.admin.settleCallbacks();
    await t.scheduler.advance(60_000);
    expect(receiver.received).toHaveLength(2);
    expect(t.erp.admin.callbacks()[0]).toMatchObject({ attempts: 2, deliveredAt: null, lastError: "HTTP 500" });
  });

  it("keeps events while no callback URL is set and sends them once one is", async () => {
    receiver = await startReceiver();
    t = await startTestErp();
    await t.call("POST", "/_admin/stock-adjustments", { itemCode: "MUG-1", warehouseCode: "MAIN", delta: 1 });
    await t.erp.admin.settleCallbacks();
    expect(t.erp.admin.callbacks()[0]).toMatchObject({ attempts: 0, deliveredAt: null });
    t.erp.admin.setCallbackTarget(receiver.url, SECRET);
    await t.erp.admin.settleCallbacks();
    expect(receiver.received).toHaveLength(1);
  });
});
