import { describe, expect, it } from "vitest";
import type { ErpShipment } from "~/connectors/erp";
import type { Fulfillment, FulfillmentOrder } from "~/domain";
import { AppError } from "~/errors";
import { matchingFulfillment } from "./matching-fulfillment";
import { planPackages } from "./package-lines";

// Order #1001: 2 x TEE-1 (line 11) and 1 x MUG-1 (line 12), one fulfillment order at location 7.
const openOrder = (): FulfillmentOrder[] => [
  {
    id: "500",
    status: "OPEN",
    locationId: "7",
    lines: [
      { id: "501", lineItemId: "11", sku: "TEE-1", remainingQuantity: 2 },
      { id: "502", lineItemId: "12", sku: "MUG-1", remainingQuantity: 1 },
    ],
  },
];
const tracking = (n: string) => ({ company: "UPS", number: n, url: `https://track.example/${n}` });
const shipment = (packages: ErpShipment["packages"]): ErpShipment => ({
  erpId: "SH-1",
  salesOrderErpId: "SO-1",
  orderReference: "1001",
  packages,
  createdAt: "2026-11-02T09:00:00.000Z",
});
const sameCode = (code: string) => [code];

describe("planPackages", () => {
  it("ships part of an order: only the units in the parcel, by line item id", () => {
    const s = shipment([{ tracking: tracking("1Z1"), lines: [{ lineItemId: "11", itemCode: "TEE-1", quantity: 1 }] }]);
    expect(planPackages(s, [0], openOrder(), sameCode, "#1001")).toEqual([
      { packageIndex: 0, tracking: tracking("1Z1"), locationId: "7", byFulfillmentOrder: [{ fulfillmentOrderId: "500", lines: [{ id: "501", quantity: 1 }] }] },
    ]);
  });

  it("plans one fulfilment per parcel, each with its own tracking, sharing what remains", () => {
    const s = shipment([
      { tracking: tracking("1Z1"), lines: [{ lineItemId: "11", itemCode: "TEE-1", quantity: 2 }] },
      { tracking: tracking("1Z2"), lines: [{ lineItemId: "12", itemCode: "MUG-1", quantity: 1 }] },
    ]);
    const plans = planPackages(s, [0, 1], openOrder(), sameCode, "#1001");
    expect(plans.map((p) => [p.tracking.number, p.byFulfillmentOrder[0].lines])).toEqual([
      ["1Z1", [{ id: "501", quantity: 2 }]],
      ["1Z2", [{ id: "502", quantity: 1 }]],
    ]);
  });

  it("plans only the parcels asked for (the others are already in Shopify)", () => {
    const s = shipment([
      { tracking: tracking("1Z1"), lines: [{ lineItemId: "11", itemCode: "TEE-1", quantity: 2 }] },
      { tracking: tracking("1Z2"), lines: [{ lineItemId: "12", itemCode: "MUG-1", quantity: 1 }] },
    ]);
    expect(planPackages(s, [1], openOrder(), sameCode, "#1001").map((p) => p.packageIndex)).toEqual([1]);
  });

  it("finds a line the ERP does not know by SKU, through the SKU mapping", () => {
    const s = shipment([{ tracking: tracking("1Z1"), lines: [{ lineItemId: null, itemCode: "ERP-MUG", quantity: 1 }] }]);
    const skusFor = (code: string) => (code === "ERP-MUG" ? ["MUG-1"] : [code]);
    expect(planPackages(s, [0], openOrder(), skusFor, "#1001")[0].byFulfillmentOrder).toEqual([{ fulfillmentOrderId: "500", lines: [{ id: "502", quantity: 1 }] }]);
  });

  it("prefers the line item id over a SKU that also matches", () => {
    const orders = openOrder();
    orders[0].lines.push({ id: "503", lineItemId: "13", sku: "TEE-1", remainingQuantity: 1 });
    const s = shipment([{ tracking: tracking("1Z1"), lines: [{ lineItemId: "13", itemCode: "TEE-1", quantity: 1 }] }]);
    expect(planPackages(s, [0], orders, sameCode, "#1001")[0].byFulfillmentOrder[0].lines).toEqual([{ id: "503", quantity: 1 }]);
  });

  it("ignores closed fulfillment orders", () => {
    const orders = openOrder();
    orders[0].status = "CLOSED";
    const s = shipment([{ tracking: tracking("1Z1"), lines: [{ lineItemId: "11", itemCode: "TEE-1", quantity: 1 }] }]);
    expect(() => planPackages(s, [0], orders, sameCode, "#1001")).toThrow(/matches no line of order #1001 still to ship/);
  });

  it("names the shipment, parcel, item and quantity of every line that does not fit, as a mapping error", () => {
    const s = shipment([
      { tracking: tracking("1Z1"), lines: [{ lineItemId: "11", itemCode: "TEE-1", quantity: 3 }] },
      { tracking: tracking("1Z2"), lines: [{ lineItemId: null, itemCode: "HAT-9", quantity: 2 }] },
    ]);
    let error: unknown;
    try {
      planPackages(s, [0, 1], openOrder(), sameCode, "#1001");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).errorClass).toBe("mapping");
    expect((error as AppError).message).toBe(
      "ERP shipment SH-1 package 1: 3 x TEE-1 (order line 11) has only 2 unit(s) left to ship on order #1001; " +
        "ERP shipment SH-1 package 2: 2 x HAT-9 (no order line, matched by SKU) matches no line of order #1001 still to ship",
    );
  });

  it("refuses a parcel whose lines Shopify assigns to two locations", () => {
    const orders: FulfillmentOrder[] = [
      { id: "500", status: "OPEN", locationId: "7", lines: [{ id: "501", lineItemId: "11", sku: "TEE-1", remainingQuantity: 2 }] },
      { id: "600", status: "OPEN", locationId: "8", lines: [{ id: "601", lineItemId: "12", sku: "MUG-1", remainingQuantity: 1 }] },
    ];
    const s = shipment([{ tracking: tracking("1Z1"), lines: [{ lineItemId: "11", itemCode: "TEE-1", quantity: 1 }, { lineItemId: "12", itemCode: "MUG-1", quantity: 1 }] }]);
    expect(() => planPackages(s, [0], orders, sameCode, "#1001")).toThrow(/package 1 holds lines Shopify assigns to 2 locations/);
  });
});

describe("matchingFulfillment", () => {
  const fulfillment = (id: string, number: string | null, lines: Fulfillment["lines"]): Fulfillment => ({
    id,
    orderId: "1001",
    name: `#1001.${id}`,
    status: "success",
    locationId: "7",
    lines,
    tracking: [{ company: "UPS", number, url: null }],
    createdAt: "2026-11-02T09:00:00.000Z",
    updatedAt: null,
  });
  const pkg = { tracking: tracking("1Z1"), lines: [{ lineItemId: "11", itemCode: "TEE-1", quantity: 2 }] };

  it("recognises the fulfilment of the same tracking number and lines", () => {
    const found = matchingFulfillment(pkg, [fulfillment("1", "1Z1", [{ lineItemId: "11", sku: "TEE-1", quantity: 2 }])], sameCode, new Set());
    expect(found?.id).toBe("1");
  });

  it("does not take another tracking number, other quantities, or a fulfilment already linked", () => {
    const other = [
      fulfillment("1", "1Z9", [{ lineItemId: "11", sku: "TEE-1", quantity: 2 }]),
      fulfillment("2", "1Z1", [{ lineItemId: "11", sku: "TEE-1", quantity: 1 }]),
      fulfillment("3", "1Z1", [{ lineItemId: "11", sku: "TEE-1", quantity: 2 }, { lineItemId: "12", sku: "MUG-1", quantity: 1 }]),
      fulfillment("4", "1Z1", [{ lineItemId: "11", sku: "TEE-1", quantity: 2 }]),
    ];
    expect(matchingFulfillment(pkg, other, sameCode, new Set(["4"]))).toBeNull();
  });
});
