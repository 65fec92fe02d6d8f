import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Refund } from "~/domain";
import { fulfillOrder, seedShop } from "../../../../sandbox/shopify/test-support";
import { placeOrder } from "../../../../sandbox/shopify/store/orders";
import type { OrderRecord } from "../../../../sandbox/shopify/store/types";
import { createRefund, readRefund, type RefundRequest } from "./refunds";
import { createReturn } from "./returns";
import { sandboxClient, type SandboxClient } from "./sandbox-test-client";

const SHOP = "refunds.myshopify.com";

describe("refunds against sandbox Shopify", () => {
  let sb: SandboxClient;
  let ctx: ReturnType<typeof seedShop>;
  let order: OrderRecord;
  let tee: string;
  let mug: string;

  beforeAll(async () => {
    sb = await sandboxClient();
    ctx = seedShop(sb.test.sandbox, SHOP);
    order = placeOrder(ctx.shop, { email: "jo@example.com", lines: [{ sku: "TEE-1", quantity: 2 }, { sku: "MUG-1", quantity: 2 }], taxRate: 0.1 });
    [tee, mug] = order.lineItems.map((l) => l.id);
    fulfillOrder(ctx.shop, order);
  });
  afterAll(async () => {
    await sb?.close();
  });

  const request = (over: Partial<RefundRequest> = {}): RefundRequest => ({
    orderId: order.id,
    returnId: null,
    lines: [{ lineItemId: tee, quantity: 1, restockType: "return", locationId: ctx.location.id }],
    note: "returned tee",
    notify: false,
    ...over,
  });

  it("refunds a returned line with the money Shopify suggests, as a canonical refund tied to its return", async () => {
    const ret = await createReturn(sb.client, SHOP, { orderId: order.id, lines: [{ lineItemId: tee, quantity: 1, reason: "defective", note: null }], notifyCustomer: false });
    const refund = await createRefund(sb.client, SHOP, request({ returnId: ret.id }), "case-1:refund");

    expect(Refund.parse(refund)).toEqual(refund);
    expect(refund).toMatchObject({
      id: order.refunds[0].id,
      orderId: order.id,
      note: "returned tee",
      returnId: ret.id,
      adjustments: [],
      lines: [{ lineItemId: tee, sku: "TEE-1", quantity: 1, restockType: "return", locationId: ctx.location.id, subtotal: { shop: { amount: "20.00", currency: "USD" } }, tax: { shop: { amount: "2.00" } } }],
      transactions: [{ kind: "refund", status: "success", gateway: "bogus", amount: { amount: "22.00", currency: "USD" }, parentId: order.transactions[0].id }],
    });
    expect(await readRefund(sb.client, SHOP, refund.id)).toMatchObject({ id: refund.id, orderId: order.id, transactions: refund.transactions });
    expect(await readRefund(sb.client, SHOP, "1")).toBeNull();
  });

  it("never refunds twice for one key: a retry after the refund was made answers that refund", async () => {
    const mugs = request({ lines: [{ lineItemId: mug, quantity: 2, restockType: "no_restock", locationId: null }], note: null });
    const first = await createRefund(sb.client, SHOP, mugs, "case-2:refund");
    expect(first.transactions.map((t) => t.amount.amount)).toEqual(["18.70"]);
    // The retry's suggestion differs (nothing left to refund), so Shopify refuses the key's reuse;
    // the refund that key made is found instead.
    const retry = await createRefund(sb.client, SHOP, mugs, "case-2:refund");
    expect(retry).toEqual(first);
    expect(order.refunds).toHaveLength(2);
  });

  it("a key already used for another refund is a conflict, and nothing is refunded", async () => {
    const count = order.refunds.length;
    await expect(createRefund(sb.client, SHOP, request({ note: "another refund" }), "case-2:refund")).rejects.toMatchObject({ errorClass: "conflict" });
    expect(order.refunds).toHaveLength(count);
  });

  it("turns Shopify's refusal into a rejected error with its words", async () => {
    await expect(createRefund(sb.client, SHOP, request({ lines: [{ lineItemId: tee, quantity: 5, restockType: "no_restock", locationId: null }] }), "case-4:refund")).rejects.toMatchObject({
      errorClass: "rejected",
      message: expect.stringContaining("Quantity cannot refund more items than were purchased."),
    });
    await expect(createRefund(sb.client, SHOP, request({ orderId: "999" }), "case-5:refund")).rejects.toMatchObject({ errorClass: "not_found" });
  });
});
