import { afterEach, describe, expect, it } from "vitest";
import { salesOrderBody, startTestErp, type TestErp } from "./test-support";

let t: TestErp;
afterEach(async () => {
  await t.erp.close();
});

const order = salesOrderBody("1001", [{ itemCode: "TEE-1", quantity: 1 }]);

describe("Idempotency-Key", () => {
  it("replays the stored answer for the same key and body, without a second order", async () => {
    t = await startTestErp();
    const first = await t.call("POST", "/api/v1/sales-orders", order, { "Idempotency-Key": "k1" });
    // Same body with keys in another order: still the same request.
    const reordered = Object.fromEntries(Object.entries(order).reverse());
    const again = await t.call("POST", "/api/v1/sales-orders", reordered, { "Idempotency-Key": "k1" });
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    expect(again.body).toEqual(first.body);
    expect(t.erp.db.prepare("SELECT COUNT(*) AS n FROM sales_orders").get()).toEqual({ n: 1 });
  });

  it("refuses the same key with a different body (422)", async () => {
    t = await startTestErp();
    await t.call("POST", "/api/v1/sales-orders", order, { "Idempotency-Key": "k1" });
    const other = await t.call("POST", "/api/v1/sales-orders", { ...order, note: "changed" }, { "Idempotency-Key": "k1" });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("idempotency_key_reused");
  });

  it("does not store refusals, so a retry after the cause is fixed succeeds under the same key", async () => {
    t = await startTestErp();
    const body = salesOrderBody("1002", [{ itemCode: "NEW-1", quantity: 1 }]);
    expect((await t.call("POST", "/api/v1/sales-orders", body, { "Idempotency-Key": "k2" })).status).toBe(422);
    await t.call("POST", "/_admin/items", { code: "NEW-1", name: "New", price: "1.00" });
    expect((await t.call("POST", "/api/v1/sales-orders", body, { "Idempotency-Key": "k2" })).status).toBe(201);
  });
});

describe("simulation switches", () => {
  it("answers 401 without the right API key", async () => {
    t = await startTestErp();
    expect((await fetch(`${t.erp.url}/api/v1/ping`)).status).toBe(401);
    const wrong = await fetch(`${t.erp.url}/api/v1/ping`, { headers: { Authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe("unauthorized");
  });

  it("rate-limits with a token bucket and Retry-After in seconds", async () => {
    t = await startTestErp();
    await t.call("POST", "/_admin/switches", { rateLimit: { capacity: 2, refillPerSecond: 0.5 } });
    expect((await t.call("GET", "/api/v1/ping")).status).toBe(200);
    expect((await t.call("GET", "/api/v1/ping")).status).toBe(200);
    const limited = await t.call("GET", "/api/v1/ping");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("2");
    t.clock.advance(2_000);
    expect((await t.call("GET", "/api/v1/ping")).status).toBe(200);
  });

  it("injects 500s at the fault rate", async () => {
    const dice = [0.1, 0.9];
    t = await startTestErp({ random: () => dice.shift() ?? 0.9 });
    await t.erp.admin.setSwitches({ faultRate: 0.5, faultKind: "error" });
    const failed = await t.call("GET", "/api/v1/ping");
    expect(failed.status).toBe(500);
    expect(failed.body.error.code).toBe("internal_error");
    expect((await t.call("GET", "/api/v1/ping")).status).toBe(200);
  });

  it("lets a timeout fault hang until the client gives up", async () => {
    t = await startTestErp({ random: () => 0 });
    await t.erp.admin.setSwitches({ faultRate: 1, faultKind: "timeout" });
    const error = await fetch(`${t.erp.url}/api/v1/ping`, { headers: { Authorization: "Bearer test-erp-key" }, signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("TimeoutError");
  });

  it("adds latency through the injected sleep", async () => {
    const slept: number[] = [];
    t = await startTestErp({ sleep: async (ms) => void slept.push(ms) });
    await t.call("POST", "/_admin/switches", { latencyMs: 750 });
    await t.call("GET", "/api/v1/ping");
    expect(slept).toEqual([750]);
  });

  it("answers 503 to every API call in an 'unavailable' outage, while /_admin stays reachable", async () => {
    t = await startTestErp();
    await t.call("POST", "/_admin/switches", { outage: "unavailable" });
    const down = await t.call("GET", "/api/v1/items");
    expect(down.status).toBe(503);
    expect(down.headers.get("Retry-After")).toBe("30");
    await t.call("POST", "/_admin/switches", { outage: "off" });
    expect((await t.call("GET", "/api/v1/items")).status).toBe(200);
  });

  it("refuses connections in a 'refused' outage and listens again on the same port afterwards", async () => {
    t = await startTestErp();
    const port = t.erp.port;
    await t.erp.admin.setSwitches({ outage: "refused" });
    const error = await t.call("GET", "/api/v1/ping").catch((e: unknown) => e);
    expect(((error as Error).cause as { code?: string }).code).toBe("ECONNREFUSED");
    await t.erp.admin.setSwitches({ outage: "off" });
    expect(t.erp.port).toBe(port);
    expect((await t.call("GET", "/api/v1/ping")).status).toBe(200);
  });

  it("over HTTP, a 'refused' outage needs restoreAfterMs and ends by itself", async () => {
    t = await startTestErp();
    expect((await t.call("POST", "/_admin/switches", { outage: "refused" })).status).toBe(400);
    expect((await t.call("POST", "/_admin/switches", { outage: "refused", restoreAfterMs: 5_000 })).status).toBe(200);
    await t.erp.admin.listenerSettled(); // the port closes only after the answer left
    expect(await t.call("GET", "/api/v1/ping").catch(() => "refused")).toBe("refused");
    await t.scheduler.advance(5_000);
    expect((await t.call("GET", "/api/v1/ping")).status).toBe(200);
  });

  it("crash after commit: the order exists, the client hears nothing, a retry with the same key gets the order", async () => {
    t = await startTestErp();
    await t.call("POST", "/_admin/switches", { crashAfterCommit: 1 });
    const error = await t.call("POST", "/api/v1/sales-orders", order, { "Idempotency-Key": "k1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const found = await t.call("GET", "/api/v1/sales-orders?reference=1001");
    expect(found.body.data[0]).toMatchObject({ id: "SO-10001", externalReference: "1001" });
    const retry = await t.call("POST", "/api/v1/sales-orders", order, { "Idempotency-Key": "k1" });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.body.id).toBe("SO-10001");
    expect(t.erp.admin.switches().crashAfterCommit).toBe(0);
  });
});
