/** Canonical documents for the connector's tests: a USD shop order with two lines, a discount and tax. */
import { money, Order, type Customer, type MoneyBag, type OrderLine, type Refund, type Return } from "~/domain";

const usd = (amount: string): MoneyBag => ({ shop: money(amount, "USD"), presentment: money(amount, "USD") });

function line(id: string, sku: string, quantity: number, unit: string, overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    id, sku, variantId: `${id}0`, productId: `${id}00`, title: sku, variantTitle: null, vendor: null,
    quantity, currentQuantity: quantity, unitPrice: usd(unit), discountAllocations: [], taxLines: [],
    requiresShipping: true, taxable: true, isGiftCard: false, customAttributes: [], ...overrides,
  };
}

/** The buyer. */
export const ADA: Customer = { id: "7001", email: "ada@example.com", phone: "+4930123", firstName: "Ada", lastName: "Lovelace" };

/**
 * Order #1001: 2 x TEE 20.00 with a 4.00 code discount and 2.88 tax, 1 x MUG 8.50, Standard
 * shipping 5.00; total 36.00 + 8.50 + 5.00 + 2.88 = 52.38.
 */
export function shopOrder(overrides: Partial<Order> = {}): Order {
  return Order.parse({
    id: "820982911946154508",
    name: "#1001",
    number: 1001,
    createdAt: "2026-11-01T10:00:00.000Z",
    updatedAt: "2026-11-01T10:00:00.000Z",
    processedAt: "2026-11-01T10:00:00.000Z",
    cancelledAt: null,
    cancelReason: null,
    currency: "USD",
    presentmentCurrency: "USD",
    customer: ADA,
    email: ADA.email,
    phone: null,
    billingAddress: null,
    shippingAddress: {
      name: "Ada Lovelace", firstName: "Ada", lastName: "Lovelace", company: null, address1: "1 Main St", address2: null,
      city: "Berlin", province: null, provinceCode: null, zip: "10115", country: "Germany", countryCode: "DE", phone: null,
    },
    lines: [
      line("11", "TEE-1", 2, "20.00", {
        discountAllocations: [{ discountApplicationIndex: 0, amount: usd("4.00") }],
        taxLines: [{ title: "VAT", rate: "0.08", amount: usd("2.88") }],
      }),
      line("12", "MUG-1", 1, "8.50"),
    ],
    shippingLines: [
      { id: "91", title: "Standard", code: null, source: null, price: usd("5.00"), discountedPrice: usd("5.00"), discountAllocations: [], taxLines: [] },
    ],
    discountApplications: [
      { index: 0, kind: "code", title: "TEN", code: "TEN", value: { type: "percentage", percentage: "10" }, allocationMethod: "across", targetSelection: "all", targetType: "line_item" },
    ],
    discountCodes: ["TEN"],
    taxLines: [{ title: "VAT", rate: "0.08", amount: usd("2.88") }],
    taxesIncluded: false,
    totals: { subtotal: usd("44.50"), shipping: usd("5.00"), tax: usd("2.88"), discounts: usd("4.00"), tips: usd("0.00"), total: usd("52.38") },
    currentTotals: null,
    financialStatus: "paid",
    fulfillmentStatus: "unfulfilled",
    paymentGatewayNames: ["shopify_payments"],
    transactions: [
      { id: "5001", kind: "sale", status: "success", gateway: "shopify_payments", amount: money("52.38", "USD"), parentId: null, createdAt: "2026-11-01T10:00:00.000Z", processedAt: null },
    ],
    tags: [],
    note: "ring twice",
    customAttributes: [],
    sourceName: "web",
    test: false,
    ...overrides,
  });
}

/** ERP item codes for shopOrder's lines (the SKUs). */
export const ITEM_CODES = { "11": "TEE-1", "12": "MUG-1" } as const;

/** A return of one TEE from shopOrder. */
export function shopReturn(): Return {
  return { id: "3001", orderId: "820982911946154508", name: "#1001-R1", status: "open", createdAt: "2026-11-03T10:00:00.000Z",
    lines: [{ id: "3101", lineItemId: "11", sku: "TEE-1", quantity: 1, reason: "size_too_small", note: null }] };
}

/** The refund for that return: 18.00 + 1.44 tax. */
export function shopRefund(): Refund {
  return {
    id: "4001", orderId: "820982911946154508", note: "returned", createdAt: "2026-11-04T10:00:00.000Z", processedAt: null, returnId: "3001",
    lines: [{ id: "4101", lineItemId: "11", sku: "TEE-1", quantity: 1, restockType: "return", locationId: null, subtotal: usd("18.00"), tax: usd("1.44") }],
    adjustments: [], transactions: [],
  };
}
