import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { salesOrderBody, startTestErp, type TestErp } from "./test-support";

let t: TestErp;
beforeEach(async () => {
  t = await startTestErp();
});
afterEach(async () => {
  await t.erp.close();
});

const stockOf = async (item: string) => (await t.call("GET", `/api/v1/stock?warehouse=MAIN&item=${item}`)).body.data[0];

describe("sales orders", () => {
  it("allocates what is in stock and backorders the rest", async () => {
    // GIVEN 2 hoodies and 0 caps in MAIN
    const res = await t.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "HOODIE-1", quantity: 3 }, { itemCode: "CAP-1", quantity: 1 }]));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: "SO-10001", status: "open", backordered: true, externalReference: "1001" });
    expect(res.body.lines.map((l: { allocated: number; backordered: number }) => [l.allocated, l.backordered])).toEqual([[2, 1], [0, 1]]);
    expect(res.body.totals).toEqual({ lines: "40.00", shipping: "5.00", tax: "0", total: "45.00" });
    expect(await stockOf("HOODIE-1")).toMatchObject({ onHand: 2, allocated: 2, available: 0 });
  });

  it("fills the oldest backorder first when stock arrives", async () => {
    await t.call("POST", "/api/v1/sales-orders", salesOrderBody("A", [{ itemCode: "CAP-1", quantity: 2 }]));
    await t.call("POST", "/api/v1/sales-orders", salesOrderBody("B", [{ itemCode: "CAP-1", quantity: 1 }]));
    const adjusted = await t.call("POST", "/_admin/stock-adjustments", { itemCode: "CAP-1", warehouseCode: "MAIN", delta: 2 });
    expect(adjusted.body).toMatchObject({ onHand: 2, allocated: 2, available: 0 });
    expect(t.erp.admin.salesOrder("SO-10001")).toMatchObject({ backordered: false });
    expect(t.erp.admin.salesOrder("SO-10002")).toMatchObject({ backordered: true });
  });

  it("finds an order by its external reference, and refuses a second order with the same reference", async () => {
    await t.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "TEE-1", quantity: 1 }]));
    expect((await t.call("GET", "/api/v1/sales-orders?reference=1001")).body.data.map((o: { id: string }) => o.id)).toEqual(["SO-10001"]);
    expect((await t.call("GET", "/api/v1/sales-orders?reference=nope")).body.data).toEqual([]);
    const again = await t.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "TEE-1", quantity: 1 }]));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "duplicate_reference", field: "externalReference" });
  });

  it("refuses unknown items (422 with the field) and malformed bodies (400)", async () => {
    const unknown = await t.call("POST", "/api/v1/sales-orders", salesOrderBody("X", [{ itemCode: "TEE-1", quantity: 1 }, { itemCode: "GHOST", quantity: 1 }]));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toEqual({ code: "unknown_item", message: "item GHOST does not exist in the ERP", field: "lines.1.itemCode" });
    const malformed = await t.call("POST", "/api/v1/sales-orders", { externalReference: "Y", currency: "usd", lines: [] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe("currency");
    const notJson = await fetch(`${t.erp.url}/api/v1/sales-orders`, { method: "POST", headers: { Authorization: "Bearer test-erp-key" }, body: "{" });
    expect(notJson.status).toBe(400);
    expect((await t.call("GET", "/api/v1/sales-orders/SO-99999")).status).toBe(404);
  });

  it("updates an open order and re-allocates its lines", async () => {
    await t.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "MUG-1", quantity: 5 }]));
    const res = await t.call("PATCH", "/api/v1/sales-orders/SO-10001", { lines: [{ itemCode: "MUG-1", quantity: 2, unitPrice: "8.50" }], note: "gift" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ note: "gift", lines: [{ quantity: 2, allocated: 2 }] });
    expect(await stockOf("MUG-1")).toMatchObject({ allocated: 2, available: 3 });
  });

  it("cancels an open order, releasing its stock; cancelling again is harmless", async () => {
    await t.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "MUG-1", quantity: 5 }]));
    const res = await t.call("POST", "/api/v1/sales-orders/SO-10001/cancel", { reason: "customer" });
    expect(res.body).toMatchObject({ status: "cancelled", cancelReason: "customer", backordered: false });
    expect(await stockOf("MUG-1")).toMatchObject({ allocated: 0, available: 5 });
    expect((await t.call("POST", "/api/v1/sales-orders/SO-10001/cancel", {})).status).toBe(200);
  });

  it("refuses edits and cancellation once shipped (409), and tracks partial shipments with packages", async () => {
    await t.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "TEE-1", quantity: 3 }, { itemCode: "MUG-1", quantity: 1 }]));
    const shipment = await t.call("POST", "/_admin/sales-orders/SO-10001/shipments", {
      packages: [
        { carrier: "DHL", trackingNumber: "DHL1", trackingUrl: "https://dhl.example/DHL1", lines: [{ lineNo: 1, quantity: 2 }] },
        { carrier: "UPS", trackingNumber: "UPS1", lines: [{ lineNo: 2, quantity: 1 }] },
      ],
    });
    expect(shipment.status).toBe(201);
    expect(shipment.body.packages).toHaveLength(2);
    const order = (await t.call("GET", "/api/v1/sales-orders/SO-10001")).body;
    expect(order.status).toBe("partially_shipped");
    expect(order.lines.map((l: { shipped: number }) => l.shipped)).toEqual([2, 1]);
    expect(order.invoices).toHaveLength(1);
    const edit = await t.call("PATCH", "/api/v1/sales-orders/SO-10001", { note: "late" });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe("order_shipped");
    expect((await t.call("POST", "/api/v1/sales-orders/SO-10001/cancel", {})).status).toBe(409);
    // Shipping the rest completes the order; invoices add up to the order total.
    await t.call("POST", "/_admin/sales-orders/SO-10001/shipments", { packages: [{ carrier: "DHL", trackingNumber: "DHL2" }] });
    const done = t.erp.admin.salesOrder("SO-10001");
    expect(done.status).toBe("shipped");
    expect(done.invoices.map((i) => i.total)).toEqual(["35.00", "10.00"]);
    expect(done.totals.total).toBe("45.00");
  });

  it("refuses to ship more than is allocated", async () => {
    await t.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "HOODIE-1", quantity: 3 }]));
    const res = await t.call("POST", "/_admin/sales-orders/SO-10001/shipments", { packages: [{ lines: [{ lineNo: 1, quantity: 3 }] }] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("not_allocated");
  });
});

describe("returns and credits", () => {
  beforeEach(async () => {
    await t.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "TEE-1", quantity: 2 }]));
  });

  it("authorises a return only for shipped units", async () => {
    const early = await t.call("POST", "/api/v1/return-authorisations", { salesOrderId: "SO-10001", lines: [{ itemCode: "TEE-1", quantity: 1 }] });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe("return_exceeds_shipped");
    await t.call("POST", "/_admin/sales-orders/SO-10001/shipments", { packages: [{}] });
    const rma = await t.call("POST", "/api/v1/return-authorisations", { salesOrderId: "SO-10001", lines: [{ lineReference: "L1", itemCode: "TEE-1", quantity: 2, reason: "size" }] });
    expect(rma.status).toBe(201);
    expect(rma.body).toMatchObject({ id: "RMA-10001", status: "authorised", lines: [{ lineNo: 1, quantity: 2 }] });
    expect((await t.call("POST", "/api/v1/return-authorisations", { salesOrderId: "SO-10001", lines: [{ itemCode: "TEE-1", quantity: 1 }] })).status).toBe(422);
  });

  it("credits up to what was invoiced", async () => {
    await t.call("POST", "/_admin/sales-orders/SO-10001/shipments", { packages: [{}] });
    const memo = await t.call("POST", "/api/v1/credit-memos", { salesOrderId: "SO-10001", lines: [{ itemCode: "TEE-1", quantity: 1, amount: "10.00" }], shippingAmount: "5.00" });
    expect(memo.status).toBe(201);
    expect(memo.body).toMatchObject({ total: "15.00", currency: "USD" });
    const tooMuch = await t.call("POST", "/api/v1/credit-memos", { salesOrderId: "SO-10001", lines: [{ itemCode: "TEE-1", quantity: 1, amount: "10.01" }] });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.code).toBe("credit_exceeds_invoiced");
    expect(t.erp.admin.salesOrder("SO-10001").creditMemos).toHaveLength(1);
  });
});

describe("catalog, stock and customers", () => {
  it("pages items modified since a time with a cursor", async () => {
    t.clock.advance(60_000);
    await t.call("POST", "/_admin/items", { code: "MUG-1", name: "Mug", price: "9.00" });
    await t.call("POST", "/_admin/items", { code: "SOCK-1", name: "Socks", price: "4.00" });
    const first = await t.call("GET", `/api/v1/items?modified_since=${new Date(t.clock.now()).toISOString()}&limit=1`);
    expect(first.body.data.map((i: { code: string }) => i.code)).toEqual(["MUG-1"]);
    const second = await t.call("GET", `/api/v1/items?cursor=${first.body.nextCursor}&limit=1`);
    expect(second.body).toMatchObject({ data: [{ code: "SOCK-1", price: "4.00" }], nextCursor: null });
    expect((await t.call("GET", "/api/v1/items?cursor=garbage")).status).toBe(400);
  });

  it("lists stock by warehouse, item and change time", async () => {
    const all = await t.call("GET", "/api/v1/stock?warehouse=MAIN");
    expect(all.body.data).toHaveLength(4);
    t.clock.advance(1_000);
    const since = new Date(t.clock.now()).toISOString();
    await t.call("POST", "/_admin/stock-adjustments", { itemCode: "TEE-1", warehouseCode: "EAST", onHand: 7 });
    const changed = await t.call("GET", `/api/v1/stock?changed_since=${since}`);
    expect(changed.body.data).toEqual([{ itemCode: "TEE-1", warehouseCode: "EAST", onHand: 7, allocated: 0, available: 7, changedAt: since }]);
  });

  it("finds customers by email or phone and refuses a duplicate email", async () => {
    const created = await t.call("POST", "/api/v1/customers", { email: "ada@example.com", phone: "+4930123", firstName: "Ada", lastName: "Lovelace" });
    expect(created.status).toBe(201);
    expect((await t.call("GET", "/api/v1/customers?email=ADA@example.com")).body.data[0].id).toBe(created.body.id);
    expect((await t.call("GET", "/api/v1/customers?phone=%2B4930123")).body.data).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/customers")).status).toBe(400);
    expect((await t.call("POST", "/api/v1/customers", { email: "ada@example.com" })).status).toBe(409);
  });
});
