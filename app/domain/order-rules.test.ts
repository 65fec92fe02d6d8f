import { describe, expect, it } from "vitest";
import { money, type MoneyBag } from "./money";
import { Order } from "./order";
import type { OrderLine } from "./order-line";
import { checkOrderTotals, isNewerThan, orderTotalsConsistent } from "./order-rules";

// GIVEN a shop in EUR selling to a buyer who pays in USD at 1.10
const bag = (eur: string, usd: string): MoneyBag => ({ shop: money(eur, "EUR"), presentment: money(usd, "USD") });
const zero = bag("0", "0");

function line(overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    id: "1",
    sku: "SKU-1",
    variantId: "2",
    productId: "3",
    title: "Sweater",
    variantTitle: null,
    vendor: null,
    quantity: 2,
    currentQuantity: 2,
    unitPrice: bag("50.00", "55.00"),
    discountAllocations: [{ discountApplicationIndex: 0, amount: bag("10.00", "11.00") }],
    taxLines: [],
    requiresShipping: true,
    taxable: true,
    isGiftCard: false,
    customAttributes: [],
    ...overrides,
  };
}

function order(overrides: Partial<Order> = {}): Order {
  return Order.parse({
    id: "1001",
    name: "#1001",
    number: 1001,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    processedAt: null,
    cancelledAt: null,
    cancelReason: null,
    currency: "EUR",
    presentmentCurrency: "USD",
    customer: null,
    email: null,
    phone: null,
    billingAddress: null,
    shippingAddress: null,
    lines: [line()],
    shippingLines: [
      {
        id: "9",
        title: "Standard",
        code: null,
        source: null,
        price: bag("5.00", "5.50"),
        discountedPrice: bag("5.00", "5.50"),
        discountAllocations: [],
        taxLines: [],
      },
    ],
    discountApplications: [],
    discountCodes: [],
    taxLines: [],
    taxesIncluded: false,
    totals: {
      subtotal: bag("90.00", "99.00"),
      shipping: bag("5.00", "5.50"),
      tax: bag("19.00", "20.90"),
      discounts: bag("10.00", "11.00"),
      tips: bag("2.00", "2.20"),
      total: bag("116.00", "127.60"),
    },
    currentTotals: null,
    financialStatus: "paid",
    fulfillmentStatus: "unfulfilled",
    paymentGatewayNames: [],
    transactions: null,
    tags: [],
    note: null,
    customAttributes: [],
    sourceName: null,
    test: false,
    ...overrides,
  });
}

describe("orderTotalsConsistent", () => {
  it("accepts lines - discounts + shipping + tax + tips = total, in both currencies", () => {
    expect(orderTotalsConsistent(order())).toBe(true);
  });

  it("does not add tax again when prices include it", () => {
    const included = order({ taxesIncluded: true, totals: { ...order().totals, total: bag("97.00", "106.70") } });
    expect(orderTotalsConsistent(included)).toBe(true);
    expect(orderTotalsConsistent({ ...included, taxesIncluded: false })).toBe(false);
  });

  it("flags a total off by one cent in the presentment currency only", () => {
    const off = order({ totals: { ...order().totals, total: bag("116.00", "127.61") } });
    const check = checkOrderTotals(off);
    expect(check.consistent).toBe(false);
    expect(check.expectedTotal).toEqual(bag("116.00", "127.60"));
  });

  it("flags a subtotal that forgets a discount", () => {
    const forgot = order({ lines: [line({ discountAllocations: [] })] });
    expect(checkOrderTotals(forgot).expectedSubtotal).toEqual(bag("100.00", "110.00"));
    expect(orderTotalsConsistent(forgot)).toBe(false);
  });

  it("uses shipping after its discounts", () => {
    const freeShipping = order({
      shippingLines: [{ ...order().shippingLines[0], discountedPrice: zero }],
      totals: { ...order().totals, total: bag("111.00", "122.10") },
    });
    expect(orderTotalsConsistent(freeShipping)).toBe(true);
  });
});

describe("Order schema", () => {
  it("rejects an amount in a currency that is not the order's", () => {
    const wrong = { ...order(), totals: { ...order().totals, tax: { shop: money("19.00", "USD"), presentment: money("20.90", "USD") } } };
    const result = Order.safeParse(wrong);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["totals", "tax", "shop"]);
  });
});

describe("isNewerThan", () => {
  it("compares versions of one order by updatedAt, strictly", () => {
    const older = { id: "1", updatedAt: "2026-01-01T00:00:00.000Z" };
    const newer = { id: "1", updatedAt: "2026-01-01T00:00:00.001Z" };
    expect(isNewerThan(newer, older)).toBe(true);
    expect(isNewerThan(older, newer)).toBe(false);
    expect(isNewerThan(older, older)).toBe(false); // a duplicate delivery is not newer
  });

  it("refuses to compare two different orders", () => {
    expect(() => isNewerThan({ id: "1", updatedAt: "2026-01-01T00:00:00.000Z" }, { id: "2", updatedAt: "2025-01-01T00:00:00.000Z" })).toThrow();
  });
});
