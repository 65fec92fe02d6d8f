import { describe, expect, it } from "vitest";
import { checkOrderTotals, orderTotalsConsistent, toGid } from "~/domain";
import { ownFixture, sharedSample } from "../../../../tests/fixtures/shopify/load";
import { orderFromWebhook } from "./order-from-webhook";
import { ShopifyPayloadError } from "./shopify-payload-error";

const usd = (amount: string) => ({ shop: { amount, currency: "USD" }, presentment: { amount, currency: "USD" } });

function payloadError(run: () => unknown): ShopifyPayloadError {
  try {
    run();
  } catch (error) {
    if (error instanceof ShopifyPayloadError) return error;
    throw error;
  }
  throw new Error("expected a ShopifyPayloadError");
}

describe("orders/create sample (Shopify docs, 2026-04)", () => {
  const order = orderFromWebhook(sharedSample("orders_create.shopify-docs-2026-04.json"), "orders/create");

  it("takes the exact ids from the gids, not the rounded numbers", () => {
    expect(order.id).toBe("820982911946154508");
    expect(order.customer?.id).toBe("115310627314723954");
    expect(order.lines.map((line) => line.id)).toEqual([
      "487817672276298554",
      "789012345678901234",
      "890123456789012345",
      "976318377106520349",
      "315789986012684393",
    ]);
    expect(toGid("Order", order.id)).toBe("gid://shopify/Order/820982911946154508");
  });

  it("maps name, number, times, statuses and currencies", () => {
    expect(order).toMatchObject({
      name: "#9999",
      number: 1234,
      createdAt: "2022-01-01T00:00:00.000Z",
      cancelledAt: "2022-01-01T00:00:00.000Z",
      cancelReason: "customer",
      currency: "USD",
      presentmentCurrency: "USD",
      financialStatus: "voided",
      fulfillmentStatus: "unfulfilled",
      email: "jon@example.com",
      tags: ["tag1", "tag2"],
      paymentGatewayNames: ["visa", "bogus"],
      test: true,
      transactions: null,
    });
  });

  it("maps lines with SKUs, prices and product ids (variant ids are null in this sample)", () => {
    expect(order.lines.map((line) => [line.sku, line.unitPrice.shop.amount, line.quantity, line.currentQuantity])).toEqual([
      ["SKU2006-001", "89.99", 1, 1],
      ["LENS-PROTECT-2YR", "19.99", 1, 1],
      ["CASE-LEATHER-PREM", "24.99", 1, 1],
      ["SKU2006-020", "159.99", 1, 1],
      ["SKU2006-035", "119.99", 1, 1],
    ]);
    expect(order.lines[0]).toMatchObject({ variantId: null, productId: "788032119674292900", title: "Aviator sunglasses" });
    expect(order.lines[1].productId).toBeNull();
  });

  it("maps totals, current totals and the shipping line", () => {
    expect(order.totals).toEqual({
      subtotal: usd("404.95"),
      shipping: usd("10.00"),
      tax: usd("0.00"),
      discounts: usd("20.00"),
      tips: usd("0.00"),
      total: usd("404.95"),
    });
    expect(order.currentTotals?.total).toEqual(usd("414.95"));
    expect(order.shippingLines[0]).toMatchObject({ title: "Generic Shipping", price: usd("10.00"), discountedPrice: usd("0.00") });
    expect(order.shippingAddress).toMatchObject({ city: "Shippington", countryCode: "US", provinceCode: "KY" });
  });

  it("reports the docs sample's totals as inconsistent (its numbers do not add up)", () => {
    // 5 lines = 414.95, no discount allocations, shipping 0.00 after discount; total says 404.95.
    const check = checkOrderTotals(order);
    expect(check.expectedTotal).toEqual(usd("414.95"));
    expect(check.consistent).toBe(false);
  });
});

describe("orders/updated sample (Shopify docs, 2025-07)", () => {
  it("maps the three lines and totals", () => {
    const order = orderFromWebhook(sharedSample("orders_updated.shopify-docs-2025-07.json"), "orders/updated");
    expect(order.id).toBe("820982911946154508");
    expect(order.lines.map((line) => line.sku)).toEqual(["SKU2006-001", "SKU2006-020", "SKU2006-035"]);
    expect(order.totals.total).toEqual(usd("359.97"));
    expect(order.currentTotals?.subtotal).toEqual(usd("369.97"));
  });
});

describe("orders/cancelled sample (Shopify docs, 2023-07)", () => {
  const order = orderFromWebhook(sharedSample("orders_cancelled.shopify-docs-2023-07.json"), "orders/cancelled");

  it("maps cancellation, variant ids and the old 'pending' fulfillment status", () => {
    expect(order).toMatchObject({
      id: "820982911946154508",
      cancelReason: "customer",
      processedAt: null,
      fulfillmentStatus: "pending_fulfillment",
    });
    expect(order.lines.map((line) => [line.id, line.sku, line.variantId, line.productId])).toEqual([
      ["866550311766439020", "IPOD2008PINK", "808950810", "632910392"],
      ["141249953214522974", "IPOD2008PINK", "808950810", "632910392"],
    ]);
  });

  it("uses the ordered quantity when the body predates current_quantity", () => {
    expect(order.lines.map((line) => line.currentQuantity)).toEqual([1, 1]);
  });

  it("maps totals and reports the sample's 20.00 unallocated discount as inconsistent", () => {
    expect(order.lines[1].discountAllocations).toEqual([]);
    expect(order.totals).toMatchObject({ subtotal: usd("388.00"), discounts: usd("20.00"), total: usd("388.00") });
    // 2 x 199.00 with no allocation is 398.00, not the 388.00 subtotal the sample states.
    expect(checkOrderTotals(order).expectedSubtotal).toEqual(usd("398.00"));
    expect(orderTotalsConsistent(order)).toBe(false);
  });
});

describe("'Send test notification' body (2017, no gids, no *_set amounts)", () => {
  const order = orderFromWebhook(sharedSample("orders_create.test-notification-2017.laravel-shopify.json"));

  it("keeps the exact raw ids", () => {
    expect(order.id).toBe("820982911946154508");
    expect(order.customer?.id).toBe("115310627314723954");
    expect(order.lines.map((line) => line.id)).toEqual(["866550311766439020", "141249953214522974"]);
    expect(order.shippingLines[0].id).toBe("271878346596884015");
  });

  it("reads bare amounts in the shop currency for both sides", () => {
    expect(order.totals.total).toEqual(usd("57.98"));
    expect(order.totals.shipping).toEqual(usd("10.00")); // summed from the shipping lines
    expect(order.lines.map((line) => [line.sku, line.unitPrice.presentment.amount])).toEqual([
      ["706405908216", "24.99"],
      ["706405907431", "27.99"],
    ]);
    expect(order.currentTotals).toBeNull();
    expect(order.billingAddress?.name).toBe("Bob Biller");
  });

  it("is inconsistent: the 5.00 line discount exists only as the legacy total_discount", () => {
    expect(checkOrderTotals(order).expectedSubtotal).toEqual(usd("52.98"));
    expect(orderTotalsConsistent(order)).toBe(false);
  });
});

describe("our fixture: shop in EUR, buyer pays in USD, line + code discounts, tax on top", () => {
  const order = orderFromWebhook(ownFixture("order-multi-currency-discounts.rest.json"));
  const eurUsd = (eur: string, usdAmount: string) => ({
    shop: { amount: eur, currency: "EUR" },
    presentment: { amount: usdAmount, currency: "USD" },
  });

  it("keeps both currencies on every amount", () => {
    expect(order.currency).toBe("EUR");
    expect(order.presentmentCurrency).toBe("USD");
    expect(order.lines[0].unitPrice).toEqual(eurUsd("80.00", "88.00"));
    expect(order.totals.total).toEqual(eurUsd("183.12", "201.43"));
    expect(order.totals.tax).toEqual(eurUsd("30.52", "33.57"));
  });

  it("maps discount applications, allocations and codes", () => {
    expect(order.discountApplications).toEqual([
      expect.objectContaining({ index: 0, kind: "automatic", title: "Spring sale", code: null, value: { type: "percentage", percentage: "10" } }),
      expect.objectContaining({ index: 1, kind: "code", title: "WELCOME10", code: "WELCOME10", targetSelection: "all" }),
    ]);
    expect(order.discountCodes).toEqual(["WELCOME10"]);
    expect(order.lines[0].discountAllocations.map((a) => [a.discountApplicationIndex, a.amount.presentment.amount])).toEqual([
      [0, "17.60"],
      [1, "15.84"],
    ]);
  });

  it("maps tax lines with their rate", () => {
    expect(order.lines[0].taxLines).toEqual([{ title: "VAT", rate: "0.2", amount: eurUsd("25.92", "28.51") }]);
    expect(order.shippingLines[0].taxLines[0].amount).toEqual(eurUsd("1.00", "1.10"));
  });

  it("adds up: lines - discounts + shipping + tax = total in EUR and in USD", () => {
    expect(orderTotalsConsistent(order)).toBe(true);
  });

  it("maps customer, custom attributes and line properties", () => {
    expect(order.customer).toEqual({ id: "7350000000000000501", email: "ada@example.com", phone: null, firstName: "Ada", lastName: "Lovelace" });
    expect(order.customAttributes).toEqual([{ key: "gift_message", value: "Happy birthday" }]);
    expect(order.lines[0].customAttributes).toEqual([{ key: "engraving", value: "AL" }]);
  });
});

describe("our fixture: POS sale, taxes included, gift card, tip, custom line, no customer", () => {
  const order = orderFromWebhook(ownFixture("order-taxes-included-gift-card-tip.rest.json"));

  it("has no customer and no email", () => {
    expect(order.customer).toBeNull();
    expect(order.email).toBeNull(); // "" in the body
    expect(order.billingAddress).toBeNull();
  });

  it("maps the custom line without SKU, variant or product", () => {
    expect(order.lines[0]).toMatchObject({ title: "Alteration service", sku: null, variantId: null, productId: null });
    expect(order.lines[0].customAttributes).toEqual([{ key: "Hem length", value: "2 cm" }]);
  });

  it("flags the gift card line, which is neither shipped nor taxed", () => {
    expect(order.lines[1]).toMatchObject({ sku: "GIFT-50", isGiftCard: true, requiresShipping: false, taxable: false, taxLines: [] });
  });

  it("keeps the tip and does not add included tax again", () => {
    const eur = (amount: string) => ({ shop: { amount, currency: "EUR" }, presentment: { amount, currency: "EUR" } });
    expect(order.taxesIncluded).toBe(true);
    expect(order.totals.tips).toEqual(eur("5.00"));
    expect(order.totals.tax).toEqual(eur("11.50"));
    expect(order.totals.total).toEqual(eur("124.00"));
    expect(orderTotalsConsistent(order)).toBe(true);
    expect(orderTotalsConsistent({ ...order, taxesIncluded: false })).toBe(false);
  });

  it("maps the manual fixed-amount discount and POS statuses", () => {
    expect(order.discountApplications[0]).toMatchObject({
      kind: "manual",
      title: "Staff discount",
      value: { type: "fixed_amount", amount: { amount: "6.00", currency: "EUR" } },
      allocationMethod: "one",
    });
    expect(order).toMatchObject({ sourceName: "pos", fulfillmentStatus: "fulfilled", financialStatus: "paid", tags: [] });
  });
});

describe("our fixture: raw body with ids above 2^53 and no gids (JPY)", () => {
  const raw = ownFixture("order-ids-above-2-53.rest.json");
  const order = orderFromWebhook(raw);

  it("keeps every id exact", () => {
    expect(JSON.parse(raw).id).toBe(9007199254740992); // plain JSON.parse loses the last digit
    expect(order.id).toBe("9007199254740993");
    expect(order.customer?.id).toBe("9223372036854775807");
    expect(order.lines[0]).toMatchObject({ id: "9223372036854775806", variantId: "18014398509481985", productId: "1234567890123456" });
    expect(order.lines[0].customAttributes).toEqual([{ key: "batch", value: "20260401000000001" }]);
  });

  it("leaves long digit runs inside strings alone", () => {
    expect(order.note).toBe('Order ref 12345678901234567890 "quoted 98765432109876543210" \\ 11112222333344445555');
  });

  it("reads yen without decimals", () => {
    const jpy = (amount: string) => ({ shop: { amount, currency: "JPY" }, presentment: { amount, currency: "JPY" } });
    expect(order.lines[0].unitPrice).toEqual(jpy("1650"));
    expect(order.totals.total).toEqual(jpy("3300"));
    expect(order.taxLines[0]).toEqual({ title: "消費税", rate: "0.1", amount: jpy("300") });
    expect(order.fulfillmentStatus).toBe("partially_fulfilled");
    expect(orderTotalsConsistent(order)).toBe(true);
  });
});

describe("malformed payloads", () => {
  type Key = string | number;
  // Re-serialising through JSON.parse rounds the numeric ids; these bodies rely on the gids instead.
  function body(change: { set?: [Key[], unknown]; remove?: Key[] }): string {
    const json = JSON.parse(ownFixture("order-multi-currency-discounts.rest.json"));
    const [path, value] = change.set ?? [change.remove ?? [], undefined];
    const parent = path.slice(0, -1).reduce((node, key) => node[key], json);
    if (change.remove) delete parent[path[path.length - 1]];
    else parent[path[path.length - 1]] = value;
    return JSON.stringify(json);
  }

  it("names the field of a bad amount", () => {
    const error = payloadError(() =>
      orderFromWebhook(body({ set: [["line_items", 1, "price_set", "shop_money", "amount"], "12,50"] }), "orders/paid"),
    );
    expect(error.path).toBe("line_items.1.price_set.shop_money.amount");
    expect(error.source).toBe("orders/paid");
    expect(error.message).toContain("orders/paid: line_items.1.price_set.shop_money.amount");
  });

  it("names a missing required field", () => {
    expect(payloadError(() => orderFromWebhook(body({ remove: ["name"] }))).path).toBe("name");
  });

  it("refuses an amount with more decimals than its currency", () => {
    const error = payloadError(() => orderFromWebhook(body({ set: [["total_price_set", "shop_money", "amount"], "183.125"] })));
    expect(error.path).toBe("total_price_set.shop_money");
    expect(error.reason).toMatch(/more decimals/);
  });

  it("refuses an unknown financial status", () => {
    expect(payloadError(() => orderFromWebhook(body({ set: [["financial_status"], "paid_twice"] }))).path).toBe("financial_status");
  });

  it("refuses amounts in a currency that is not the order's", () => {
    const error = payloadError(() => orderFromWebhook(body({ set: [["total_tax_set", "presentment_money", "currency_code"], "EUR"] })));
    expect(error.path).toBe("(canonical).totals.tax.presentment");
  });

  it("refuses a gid of the wrong resource", () => {
    const error = payloadError(() => orderFromWebhook(body({ set: [["admin_graphql_api_id"], "gid://shopify/Customer/1"] })));
    expect(error.path).toBe("admin_graphql_api_id");
  });

  it("refuses a multi-currency body without *_set amounts rather than guessing", () => {
    const error = payloadError(() => orderFromWebhook(body({ remove: ["line_items", 0, "price_set"] })));
    expect(error.path).toBe("line_items.0.price_set");
  });

  it("refuses a tip it cannot split into shop and presentment currency", () => {
    const error = payloadError(() => orderFromWebhook(body({ set: [["total_tip_received"], "1.00"] })));
    expect(error.path).toBe("total_tip_received");
  });

  it("refuses a body that is not JSON or not an object", () => {
    expect(payloadError(() => orderFromWebhook("<html>")).path).toBe("");
    expect(payloadError(() => orderFromWebhook("[]")).reason).toMatch(/object/);
  });
});
