import { describe, expect, it } from "vitest";
import { money } from "~/domain";
import { compareSalesOrders, type ComparedSalesOrder, type ComparisonInput } from "./compare";

const line = (lineItemId: string | null, itemCode: string, quantity: number) => ({ lineItemId, itemCode, quantity, allocated: 0, backordered: 0, shipped: 0 });

const order = (overrides: Partial<ComparedSalesOrder> = {}): ComparedSalesOrder => ({
  number: "SO-1",
  total: money("52.38", "USD"),
  lines: [line("11", "TEE-1", 2), line("12", "MUG-1", 1)],
  customer: { email: "ada@example.com", name: "Ada Lovelace" },
  ...overrides,
});

const input = (primary: ComparedSalesOrder | null, shadow: ComparedSalesOrder | null, extra: Partial<ComparisonInput> = {}): ComparisonInput => ({
  primary,
  shadow,
  names: { primary: "Legacy ERP", shadow: "New ERP" },
  skuOfLine: { "11": "TEE-1", "12": "MUG-1" },
  skuOfItem: { primary: {}, shadow: {} },
  ...extra,
});

describe("compareSalesOrders", () => {
  it("matches the same order in both ERPs", () => {
    expect(compareSalesOrders(input(order(), order({ number: "B-7" })))).toEqual({ status: "match", differences: [] });
  });

  it("matches when the ERPs use their own item codes for the same lines", () => {
    const shadow = order({ lines: [line("11", "10-TEE", 2), line("12", "20-MUG", 1)] });
    expect(compareSalesOrders(input(order(), shadow)).status).toBe("match");
  });

  it("names a different total", () => {
    expect(compareSalesOrders(input(order(), order({ total: money("47.38", "USD") })))).toEqual({
      status: "different",
      differences: ["Total: 52.38 USD in Legacy ERP, 47.38 USD in New ERP"],
    });
  });

  it("names a line missing in the shadow, by its shop SKU", () => {
    const result = compareSalesOrders(input(order(), order({ lines: [line("11", "10-TEE", 2)] })));
    expect(result).toEqual({ status: "different", differences: ["SKU MUG-1 (quantity 1) is in Legacy ERP but not in New ERP"] });
  });

  it("names a line only the shadow has", () => {
    const result = compareSalesOrders(input(order(), order({ lines: [...order().lines, line(null, "SHIP", 1)] })));
    expect(result.differences).toEqual(["SKU SHIP (quantity 1) is in New ERP but not in Legacy ERP"]);
  });

  it("names a different quantity", () => {
    const result = compareSalesOrders(input(order(), order({ lines: [line("11", "TEE-1", 3), line("12", "MUG-1", 1)] })));
    expect(result.differences).toEqual(["SKU TEE-1: quantity 2 in Legacy ERP, 3 in New ERP"]);
  });

  it("pairs lines without a Shopify line by the SKU each ERP's mappings give", () => {
    const shadow = order({ lines: [line(null, "10-TEE", 1), line(null, "10-TEE", 1), line(null, "20-MUG", 1)] });
    const skuOfItem = { primary: {}, shadow: { "10-TEE": "TEE-1", "20-MUG": "MUG-1" } };
    expect(compareSalesOrders(input(order(), shadow, { skuOfItem })).status).toBe("match");
  });

  it("names a line posted as another product's item when the ERPs share item codes", () => {
    const shadow = order({ lines: [line("11", "MUG-1", 2), line("12", "MUG-1", 1)] });
    expect(compareSalesOrders(input(order(), shadow)).differences).toEqual(["SKU TEE-1: item TEE-1 in Legacy ERP, MUG-1 in New ERP"]);
  });

  it("names a different customer, by email", () => {
    const shadow = order({ customer: { email: "someone@example.com", name: "Ada Lovelace" } });
    expect(compareSalesOrders(input(order(), shadow)).differences).toEqual(["Customer: ada@example.com in Legacy ERP, someone@example.com in New ERP"]);
  });

  it("compares customers without email by name, ignoring case and spacing", () => {
    const a = order({ customer: { email: null, name: "Ada  Lovelace" } });
    expect(compareSalesOrders(input(a, order({ customer: { email: null, name: "ada lovelace" } }))).status).toBe("match");
    expect(compareSalesOrders(input(a, order({ customer: null }))).differences).toEqual(["Customer: Ada  Lovelace in Legacy ERP, no customer (guest sale) in New ERP"]);
  });

  it("leaves the customer out when an ERP does not say", () => {
    expect(compareSalesOrders(input(order(), order({ customer: undefined }))).status).toBe("match");
  });

  it("reports a missing sales order on either side, with the shadow's reason", () => {
    expect(compareSalesOrders(input(null, order()))).toEqual({ status: "missing_in_primary", differences: ["Legacy ERP has no sales order for this order"] });
    expect(compareSalesOrders(input(order(), null, { shadowFailure: "SKU MUG-1 is not mapped to an ERP item" }))).toEqual({
      status: "missing_in_shadow",
      differences: ["New ERP has no sales order for this order: SKU MUG-1 is not mapped to an ERP item"],
    });
  });
});
