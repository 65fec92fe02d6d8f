import { describe, expect, it } from "vitest";
import type { ErpSalesOrder } from "~/connectors/erp";
import { shopOrder } from "~/connectors/erp/test-fixtures";
import { onlyShippedUnitsLeft } from "./shipped-units-returned";

/** The fixture order: line 11 (TEE-1) x 2, line 12 (MUG-1) x 1. */
function salesOrder(status: ErpSalesOrder["status"], shipped: { tee: number; mug: number }): ErpSalesOrder {
  return {
    erpId: "SO-1", number: "SO-1", orderReference: "1", status, backordered: false,
    lines: [
      { lineItemId: "11", itemCode: "TEE-1", quantity: 2, allocated: 2 - shipped.tee, backordered: 0, shipped: shipped.tee },
      { lineItemId: "12", itemCode: "MUG-1", quantity: 1, allocated: 1 - shipped.mug, backordered: 0, shipped: shipped.mug },
    ],
    total: { amount: "0.00", currency: "USD" }, shipments: [], invoices: [], returnAuthorisations: [], creditMemos: [], updatedAt: "2026-11-28T00:00:00Z",
  };
}

function orderWith(tee: number, mug: number) {
  const order = shopOrder();
  order.lines = order.lines.map((l) => ({ ...l, currentQuantity: l.id === "11" ? tee : mug }));
  return order;
}

describe("refunds of shipped units leave the sales order alone", () => {
  it("a shipped unit refunded is not a change the sales order needs", () => {
    expect(onlyShippedUnitsLeft(orderWith(1, 1), salesOrder("shipped", { tee: 2, mug: 1 }))).toBe(true);
    expect(onlyShippedUnitsLeft(orderWith(2, 0), salesOrder("partially_shipped", { tee: 0, mug: 1 }))).toBe(true);
  });

  it("taking away units the ERP still has to ship is a real change", () => {
    expect(onlyShippedUnitsLeft(orderWith(0, 1), salesOrder("partially_shipped", { tee: 1, mug: 1 }))).toBe(false);
    expect(onlyShippedUnitsLeft(orderWith(2, 0), salesOrder("partially_shipped", { tee: 2, mug: 0 }))).toBe(false);
  });

  it("more units, no reduction, or an unshipped order are not refunds of shipped goods", () => {
    expect(onlyShippedUnitsLeft(orderWith(3, 1), salesOrder("shipped", { tee: 2, mug: 1 }))).toBe(false);
    expect(onlyShippedUnitsLeft(orderWith(2, 1), salesOrder("shipped", { tee: 2, mug: 1 }))).toBe(false);
    expect(onlyShippedUnitsLeft(orderWith(1, 1), salesOrder("open", { tee: 0, mug: 0 }))).toBe(false);
  });
});
