import { describe, expect, it } from "vitest";
import { sumMoney } from "~/domain";
import { sharedSample } from "../../../../tests/fixtures/shopify/load";
import { manualClock } from "../../../../sandbox/shopify/clock";
import { SandboxStore } from "../../../../sandbox/shopify/store/store";
import { createLocation, createProduct } from "../../../../sandbox/shopify/store/catalog";
import { fulfill } from "../../../../sandbox/shopify/store/fulfillments";
import { placeOrder, refundOrder } from "../../../../sandbox/shopify/store/orders";
import { openReturn } from "../../../../sandbox/shopify/store/returns";
import { stringifyExact } from "../../../../sandbox/shopify/webhooks/exact-json";
import { webhookBody } from "../../../../sandbox/shopify/webhooks/payloads";
import { refundFromWebhook } from "./refund-from-webhook";
import { ShopifyPayloadError } from "./shopify-payload-error";

const usd = (amount: string) => ({ shop: { amount, currency: "USD" }, presentment: { amount, currency: "USD" } });

describe("refunds/create sample (Shopify docs, 2026-04)", () => {
  const refund = refundFromWebhook(sharedSample("refunds_create.shopify-docs-2026-04.json"));

  it("takes the refund id from its gid; the order id is the docs' rounded number (no gid in this body)", () => {
    expect(refund.id).toBe("890088186047892319");
    expect(refund.orderId).toBe("820982911946154500");
    expect(refund.note).toBe("Things were damaged");
    expect(refund.createdAt).toBe("2022-01-01T00:00:00.000Z");
    expect(refund.returnId).toBeNull();
  });

  it("maps each refunded line to the order line's exact id, SKU and restock type", () => {
    expect(refund.lines.map((line) => [line.lineItemId, line.sku, line.quantity, line.restockType, line.subtotal.shop.amount])).toEqual([
      ["487817672276298554", "SKU2006-001", 1, "no_restock", "89.99"],
      ["789012345678901234", "LENS-PROTECT-2YR", 1, "no_restock", "19.99"],
      ["890123456789012345", "CASE-LEATHER-PREM", 1, "no_restock", "24.99"],
      ["976318377106520349", "SKU2006-020", 1, "no_restock", "159.99"],
      ["315789986012684393", "SKU2006-035", 1, "no_restock", "119.99"],
    ]);
    expect(refund.lines[0].tax).toEqual(usd("0.00"));
  });

  it("maps the refund transactions, in the refund's currency when the body says null", () => {
    expect(refund.transactions).toEqual([
      {
        id: "245135271310201194",
        kind: "refund",
        status: "success",
        gateway: "bogus",
        amount: { amount: "75.00", currency: "USD" },
        parentId: null,
        createdAt: "2020-01-01T00:00:00.000Z",
        processedAt: null,
      },
      expect.objectContaining({ id: "839212141605670573", amount: { amount: "10.00", currency: "USD" } }),
    ]);
    expect(sumMoney(refund.transactions.map((t) => t.amount), "USD").amount).toBe("85.00");
  });
});

describe("refunds/create sample (Shopify docs, 2023-07)", () => {
  const refund = refundFromWebhook(sharedSample("refunds_create.shopify-docs-2023-07.json"));

  it("maps two lines of the same SKU to their two order lines", () => {
    expect(refund.id).toBe("890088186047892319");
    expect(refund.lines.map((line) => [line.lineItemId, line.sku, line.subtotal.presentment.amount])).toEqual([
      ["866550311766439020", "IPOD2008PINK", "199.00"],
      ["141249953214522974", "IPOD2008PINK", "199.00"],
    ]);
    expect(refund.transactions).toEqual([]);
    expect(refund.adjustments).toEqual([]);
  });
});

describe("refunds/create for a refund that settles a return (sandbox body, ids above 2^53)", () => {
  it("takes the return's exact id from the body's return", () => {
    const shop = new SandboxStore(manualClock()).createShop({ domain: "big.myshopify.com", bigIds: true });
    createLocation(shop, { name: "Warehouse" });
    createProduct(shop, { title: "Tee", variants: [{ sku: "TEE-1", price: "20.00", inventory: { Warehouse: 5 } }] });
    const order = placeOrder(shop, { email: "jo@example.com", lines: [{ sku: "TEE-1", quantity: 1 }] });
    const fo = order.fulfillmentOrders[0];
    const shipped = fulfill(shop, order, [{ fulfillmentOrder: fo, quantities: new Map([[fo.lineItems[0].id, 1]]) }], {
      tracking: { company: null, numbers: [], urls: [] },
      notifyCustomer: false,
      originAddress: null,
      message: null,
    });
    const ret = openReturn(shop, order, [{ fulfillmentLineItemId: shipped.lines[0].id, quantity: 1 }], "OPEN", "returnInput");
    const settled = refundOrder(shop, order.id, { lines: [{ lineItemId: order.lineItems[0].id, quantity: 1 }], returnId: ret.id });

    const refund = refundFromWebhook(stringifyExact(webhookBody(shop, { topic: "refunds/create", order, refund: settled })));

    expect(BigInt(ret.id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(refund.returnId).toBe(ret.id);
    expect(refund.id).toBe(settled.id);
    expect(refund.lines.map((l) => [l.lineItemId, l.quantity, l.restockType])).toEqual([[order.lineItems[0].id, 1, "return"]]);
  });
});

describe("malformed refund", () => {
  it("names a bad restock type", () => {
    const raw = sharedSample("refunds_create.shopify-docs-2023-07.json").replace(/"restock_type":\s*"no_restock"/, '"restock_type":"maybe"');
    expect(raw).toContain('"maybe"');
    try {
      refundFromWebhook(raw);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ShopifyPayloadError);
      expect(error).toMatchObject({ path: "refund_line_items.0.restock_type", source: "refunds/create" });
    }
  });
});
