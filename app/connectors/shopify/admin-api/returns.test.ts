import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fulfillOrder, seedShop } from "../../../../sandbox/shopify/test-support";
import { placeOrder } from "../../../../sandbox/shopify/store/orders";
import type { OrderRecord } from "../../../../sandbox/shopify/store/types";
import { cancelReturn, createReturn, readReturn, returnsOfOrder } from "./returns";
import { sandboxClient, type SandboxClient } from "./sandbox-test-client";

const SHOP = "returns.myshopify.com";

describe("returns against sandbox Shopify", () => {
  let sb: SandboxClient;
  let order: OrderRecord;
  let tee: string;
  let mug: string;

  beforeAll(async () => {
    sb = await sandboxClient();
    const { shop } = seedShop(sb.test.sandbox, SHOP);
    order = placeOrder(shop, { email: "jo@example.com", lines: [{ sku: "TEE-1", quantity: 4 }, { sku: "MUG-1", quantity: 1 }] });
    [tee, mug] = order.lineItems.map((l) => l.id);
    // The tee ships in two parcels (2 + 1); one tee and the mug stay unshipped.
    fulfillOrder(shop, order, { [tee]: 2 });
    fulfillOrder(shop, order, { [tee]: 1 });
  });
  afterAll(async () => {
    await sb?.close();
  });

  it("creates an OPEN return, spreading a line's units over the shipments that carried them", async () => {
    const created = await createReturn(sb.client, SHOP, { orderId: order.id, lines: [{ lineItemId: tee, quantity: 3, reason: "size_too_small", note: "too tight" }], notifyCustomer: true });
    expect(created).toEqual({
      id: order.returns[0].id,
      name: `${order.name}-R1`,
      status: "open",
      lines: [
        { lineItemId: tee, quantity: 2, note: "too tight" },
        { lineItemId: tee, quantity: 1, note: "too tight" },
      ],
    });
    expect(order.returns[0].lines.map((l) => [l.fulfillmentLineItemId, l.returnReason])).toEqual([
      [order.fulfillments[0].lines[0].id, "SIZE_TOO_SMALL"],
      [order.fulfillments[1].lines[0].id, "SIZE_TOO_SMALL"],
    ]);
    expect(await readReturn(sb.client, SHOP, created.id)).toEqual(created);
    expect(await returnsOfOrder(sb.client, SHOP, order.id)).toEqual([created]);
  });

  it("turns Shopify's refusal into a rejected error with its words, and refuses unshipped lines itself", async () => {
    await expect(createReturn(sb.client, SHOP, { orderId: order.id, lines: [{ lineItemId: tee, quantity: 1, reason: "other", note: null }], notifyCustomer: false })).rejects.toMatchObject({
      errorClass: "rejected",
      message: expect.stringContaining("Quantity is not available for return."),
    });
    await expect(createReturn(sb.client, SHOP, { orderId: order.id, lines: [{ lineItemId: mug, quantity: 1, reason: "defective", note: null }], notifyCustomer: false })).rejects.toMatchObject({
      errorClass: "rejected",
      message: expect.stringContaining("has not been fulfilled"),
    });
    await expect(createReturn(sb.client, SHOP, { orderId: "999", lines: [{ lineItemId: tee, quantity: 1, reason: "other", note: null }], notifyCustomer: false })).rejects.toMatchObject({ errorClass: "not_found" });
    expect(order.returns).toHaveLength(1);
  });

  it("cancels a return, which frees its units for a new one; cancelling twice is rejected", async () => {
    const [open] = await returnsOfOrder(sb.client, SHOP, order.id);
    expect(await cancelReturn(sb.client, SHOP, open.id)).toMatchObject({ id: open.id, status: "canceled" });
    await expect(cancelReturn(sb.client, SHOP, open.id)).rejects.toMatchObject({ errorClass: "rejected" });
    const again = await createReturn(sb.client, SHOP, { orderId: order.id, lines: [{ lineItemId: tee, quantity: 1, reason: "unwanted", note: null }], notifyCustomer: false });
    expect(again).toMatchObject({ name: `${order.name}-R2`, status: "open", lines: [{ lineItemId: tee, quantity: 1, note: null }] });
    expect((await returnsOfOrder(sb.client, SHOP, order.id)).map((r) => r.status)).toEqual(["open", "canceled"]);
    expect(await readReturn(sb.client, SHOP, "12345")).toBeNull();
  });
});
