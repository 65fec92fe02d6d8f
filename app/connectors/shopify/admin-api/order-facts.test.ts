import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fulfillOrder, seedShop } from "../../../../sandbox/shopify/test-support";
import { placeOrder, refundOrder } from "../../../../sandbox/shopify/store/orders";
import { openReturn } from "../../../../sandbox/shopify/store/returns";
import type { OrderRecord } from "../../../../sandbox/shopify/store/types";
import { orderFacts, orderFactsForCustomer, orderFactsPages } from "./order-facts";
import { sandboxClient, type SandboxClient } from "./sandbox-test-client";
import { quotedSearchValue } from "./search-value";

const SHOP = "facts.myshopify.com";

describe("order facts against sandbox Shopify", () => {
  let sb: SandboxClient;
  let first: OrderRecord;
  let second: OrderRecord;
  let bobs: OrderRecord;
  let teeLine: string;
  let mugLine: string;

  beforeAll(async () => {
    sb = await sandboxClient();
    const { shop } = seedShop(sb.test.sandbox, SHOP);
    first = placeOrder(shop, { email: "alice@example.com", lines: [{ sku: "TEE-1", quantity: 3 }, { sku: "MUG-1", quantity: 1 }] });
    [teeLine, mugLine] = first.lineItems.map((l) => l.id);
    const shipment = fulfillOrder(shop, first, { [teeLine]: 2, [mugLine]: 1 });
    const teeShipped = shipment.lines.find((l) => l.lineItemId === teeLine)!;
    openReturn(shop, first, [{ fulfillmentLineItemId: teeShipped.id, quantity: 1, returnReason: "SIZE_TOO_SMALL", returnReasonNote: "runs small" }], "OPEN", "returnInput");
    refundOrder(shop, first.id, { lines: [{ lineItemId: mugLine, quantity: 1, restockType: "no_restock" }], note: "broken mug" });
    second = placeOrder(shop, { email: "Alice@Example.com", lines: [{ sku: "MUG-1", quantity: 2 }] });
    bobs = placeOrder(shop, { email: "bob@example.com", lines: [{ sku: "TEE-1", quantity: 1 }] });
  });
  afterAll(async () => {
    await sb?.close();
  });

  it("reads one order: statuses, what each line can still be refunded and returned, refunds and returns", async () => {
    const facts = await orderFacts(sb.client, SHOP, first.id);
    expect(facts).toMatchObject({
      id: first.id,
      name: first.name,
      email: "alice@example.com",
      total: { amount: "68.50", currency: "USD" },
      paymentStatus: "partially_refunded",
      fulfilmentStatus: "partially_fulfilled",
      cancelledAt: null,
    });
    expect(facts!.lines).toEqual([
      // 2 of 3 shipped, 1 of those already in the open return.
      { lineItemId: teeLine, sku: "TEE-1", title: "Tee", quantity: 3, refundableQuantity: 3, returnableQuantity: 1 },
      // Shipped but refunded: nothing left to return.
      { lineItemId: mugLine, sku: "MUG-1", title: "Mug", quantity: 1, refundableQuantity: 0, returnableQuantity: 0 },
    ]);
    expect(facts!.refunds).toEqual([
      { id: first.refunds[0].id, createdAt: expect.any(String), total: { amount: "8.50", currency: "USD" }, note: "broken mug", returnId: null },
    ]);
    expect(facts!.returns).toEqual([
      {
        id: first.returns[0].id,
        name: `${first.name}-R1`,
        status: "open",
        createdAt: expect.any(String),
        lines: [{ lineItemId: teeLine, quantity: 1, reason: "size_too_small", note: "runs small" }],
      },
    ]);
  });

  it("is null for an order the shop does not have", async () => {
    expect(await orderFacts(sb.client, SHOP, "123")).toBeNull();
  });

  it("finds a customer's orders by email, newest first, whatever the case of the address", async () => {
    const found = await orderFactsForCustomer(sb.client, SHOP, { email: " ALICE@example.com " });
    expect(found.map((o) => o.id)).toEqual([second.id, first.id]);
  });

  it("finds by order name with or without #, and by either when both are given, once each", async () => {
    expect((await orderFactsForCustomer(sb.client, SHOP, { orderName: bobs.name })).map((o) => o.id)).toEqual([bobs.id]);
    expect((await orderFactsForCustomer(sb.client, SHOP, { orderName: bobs.name.slice(1) })).map((o) => o.id)).toEqual([bobs.id]);
    const both = await orderFactsForCustomer(sb.client, SHOP, { email: "alice@example.com", orderName: bobs.name });
    expect(both.map((o) => o.id)).toEqual([bobs.id, second.id, first.id]);
    const overlapping = await orderFactsForCustomer(sb.client, SHOP, { email: "alice@example.com", orderName: first.name });
    expect(overlapping.map((o) => o.id)).toEqual([second.id, first.id]);
  });

  it("never widens the search with search syntax in the user's text", async () => {
    for (const email of ['a" OR email:*', "*", "alice@example.com OR email:bob@example.com", 'x" OR name:"#1003', "\\"]) {
      expect(await orderFactsForCustomer(sb.client, SHOP, { email })).toEqual([]);
    }
    expect(await orderFactsForCustomer(sb.client, SHOP, { orderName: "* OR name:*" })).toEqual([]);
    expect(await orderFactsForCustomer(sb.client, SHOP, { email: "  ", orderName: null })).toEqual([]);
    expect(await orderFactsForCustomer(sb.client, SHOP, { orderName: "#" })).toEqual([]);
  });

  it("respects the limit and keeps every call within Shopify's 1,000-point ceiling, in one call", async () => {
    const usage = async (call: () => Promise<unknown>) => {
      await sb.test.control(`/_sandbox/shops/${SHOP}/api-usage/reset`, {});
      await call();
      return (await sb.test.control(`/_sandbox/shops/${SHOP}/api-usage`)).body.usage;
    };
    expect(await orderFactsForCustomer(sb.client, SHOP, { email: "alice@example.com" }, 1)).toHaveLength(1);
    for (const limit of [1, 2, 3, 6, 10, 11, 20, 500]) {
      const used = await usage(() => orderFactsForCustomer(sb.client, SHOP, { email: "alice@example.com" }, limit));
      expect(used).toMatchObject({ calls: 1, throttled: 0 });
      expect(used.requestedCost).toBeLessThanOrEqual(1000);
    }
    const single = await usage(() => orderFacts(sb.client, SHOP, first.id));
    expect(single).toMatchObject({ calls: 1, requestedCost: 391 });
    expect(orderFactsPages(1)).toEqual({ lines: 50, returns: 10, returnLines: 10 });
  });
});

describe("quotedSearchValue", () => {
  it("quotes and escapes backslashes and double quotes", () => {
    expect(quotedSearchValue('a" OR email:*')).toBe('"a\\" OR email:*"');
    expect(quotedSearchValue("a\\")).toBe('"a\\\\"');
  });
});
