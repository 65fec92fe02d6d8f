import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(async () => {
  await t.sandbox.close();
});

describe("control API", () => {
  it("creates a shop, seeds it, places, refunds and cancels an order, and reads the store back", async () => {
    expect((await t.control("/_sandbox/shops", { domain: "demo", plan: "plus", currencyCode: "EUR" })).status).toBe(200);
    const loc = (await t.control("/_sandbox/shops/demo.myshopify.com/locations", { name: "Berlin" })).body.location;
    await t.control("/_sandbox/shops/demo.myshopify.com/products", { title: "Cap", variants: [{ sku: "CAP", price: "10.00", inventory: { Berlin: 4 } }] });
    const order = (await t.control("/_sandbox/shops/demo.myshopify.com/orders", { lines: [{ sku: "CAP", quantity: 2 }] })).body.order;
    expect(order.name).toBe("#1001");
    const line = order.lineItems[0].id;
    const refund = await t.control(`/_sandbox/shops/demo.myshopify.com/orders/${order.id}/refunds`, { lines: [{ lineItemId: line, quantity: 1 }] });
    expect(refund.status).toBe(200);
    const cancelled = (await t.control(`/_sandbox/shops/demo.myshopify.com/orders/${order.id}/cancel`, { reason: "CUSTOMER" })).body.order;
    expect(cancelled).toMatchObject({ financialStatus: "REFUNDED", cancelReason: "CUSTOMER" });
    const dump = (await t.control("/_sandbox/shops/demo.myshopify.com")).body;
    expect(dump.shop).toMatchObject({ plan: "plus", currencyCode: "EUR" });
    expect(dump.inventoryLevels[0].quantities).toMatchObject({ available: 4, committed: 0, on_hand: 4 });
    expect(dump.inventoryLevels[0].locationId).toBe(loc.id);
    expect(dump.orders[0].totals.currentTotalPrice).toBe(0);
  });

  it("answers 422 for bad input and 404 for unknown shops or routes", async () => {
    await t.control("/_sandbox/shops", { domain: "demo" });
    expect((await t.control("/_sandbox/shops/demo/orders", { lines: [{ sku: "NOPE", quantity: 1 }] })).status).toBe(422);
    expect((await t.control("/_sandbox/shops/ghost/orders", { lines: [] })).status).toBe(404);
    expect((await t.control("/_sandbox/nothing")).status).toBe(404);
  });

  it("uninstall revokes the shop's tokens; reset forgets everything", async () => {
    await t.control("/_sandbox/shops", { domain: "demo" });
    const token = (await t.control("/_sandbox/shops/demo/access-tokens", {})).body.access_token;
    expect(t.sandbox.services.tokens.check(token, "demo.myshopify.com")).not.toBeNull();
    await t.control("/_sandbox/shops/demo/uninstall", {});
    expect(t.sandbox.services.tokens.check(token, "demo.myshopify.com")).toBeNull();
    await t.control("/_sandbox/reset", {});
    expect((await t.control("/_sandbox/shops")).body.shops).toEqual([]);
  });

  it("serves the embedded admin page with the app in #app-iframe and a signed id_token", async () => {
    await t.control("/_sandbox/shops", { domain: "demo" });
    const html = await (await fetch(`${t.sandbox.url}/admin/demo.myshopify.com/apps/sandbox-test-key`)).text();
    expect(html).toContain('id="app-iframe"');
    const src = new URL(/src="([^"]+)"/.exec(html)![1].replace(/&#38;/g, "&"));
    expect(src.searchParams.get("shop")).toBe("demo.myshopify.com");
    expect(src.searchParams.get("id_token")?.split(".")).toHaveLength(3);
    expect((await fetch(`${t.sandbox.url}/app-bridge.js`)).headers.get("content-type")).toMatch(/javascript/);
  });
});
