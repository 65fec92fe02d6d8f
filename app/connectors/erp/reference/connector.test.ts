import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestErp, TEST_API_KEY, type TestErp } from "../../../../sandbox/erp/test-support";
import { ErpError } from "../erp-error";
import type { ErpConnector } from "../port";
import { createReferenceErpConnector } from "./connector";
import { ADA, ITEM_CODES, shopOrder, shopRefund, shopReturn } from "../test-fixtures";

let t: TestErp;
let erp: ErpConnector;
beforeEach(async () => {
  t = await startTestErp();
  erp = createReferenceErpConnector({ baseUrl: t.erp.url, apiKey: TEST_API_KEY, currency: "USD", timeoutMs: 1_000 });
});
afterEach(async () => {
  await t.erp.close();
});

const input = (over: Partial<Parameters<ErpConnector["createSalesOrder"]>[0]> = {}) => ({ order: shopOrder(), itemCodes: ITEM_CODES, customerErpId: null, ...over });
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail("expected an error"), (e: unknown) => e as ErpError);

describe("reference ERP connector", () => {
  it("tests the connection and says when the key is wrong", async () => {
    expect(await erp.testConnection()).toEqual({ ok: true, message: "Connected to reference-erp (API v1)" });
    const wrong = createReferenceErpConnector({ baseUrl: t.erp.url, apiKey: "nope", currency: "USD" });
    expect(await wrong.testConnection()).toMatchObject({ ok: false, message: expect.stringContaining("wrong API key") });
  });

  it("creates a customer once per idempotency key and finds it by email or phone", async () => {
    const created = await erp.createCustomer(ADA, { idempotencyKey: "customer:7001" });
    const again = await erp.createCustomer(ADA, { idempotencyKey: "customer:7001" });
    expect(again.erpId).toBe(created.erpId);
    expect(await erp.findCustomer({ email: "ADA@example.com", phone: null })).toEqual(created);
    expect(await erp.findCustomer({ email: "other@example.com", phone: "+4930123" })).toEqual(created);
    expect(await erp.findCustomer({ email: "nobody@example.com", phone: null })).toBeNull();
  });

  it("posts a canonical order as a sales order with its money, allocation and reference", async () => {
    const customer = await erp.createCustomer(ADA, { idempotencyKey: "c1" });
    const so = await erp.createSalesOrder(input({ customerErpId: customer.erpId }), { idempotencyKey: "order:1001" });
    expect(so).toMatchObject({ number: "SO-10001", orderReference: "820982911946154508", status: "open", backordered: false });
    expect(so.total).toEqual({ amount: "52.38", currency: "USD" });
    expect(so.customer).toEqual({ email: "ada@example.com", name: "Ada Lovelace" });
    expect((await erp.createSalesOrder(input({ order: shopOrder({ id: "2" }) }), { idempotencyKey: "guest" })).customer).toBeNull();
    expect(so.lines).toEqual([
      { lineItemId: "11", itemCode: "TEE-1", quantity: 2, allocated: 2, backordered: 0, shipped: 0 },
      { lineItemId: "12", itemCode: "MUG-1", quantity: 1, allocated: 1, backordered: 0, shipped: 0 },
    ]);
    const stored = t.erp.admin.salesOrder(so.erpId);
    expect(stored).toMatchObject({ externalName: "#1001", customerId: customer.erpId, note: "ring twice", discounts: [{ code: "TEN", amount: "4.00" }] });
    expect(stored.payment).toEqual({ reference: "5001", gateway: "shopify_payments", amount: "52.38" });
    expect(stored.shipTo).toMatchObject({ name: "Ada Lovelace", postalCode: "10115", countryCode: "DE" });
  });

  it("sends only what is still on the order, with the discount and tax shares of those units", async () => {
    const order = shopOrder();
    order.lines[0] = { ...order.lines[0], currentQuantity: 1 };
    const so = await erp.createSalesOrder(input({ order }), { idempotencyKey: "k" });
    expect(t.erp.admin.salesOrder(so.erpId).lines[0]).toMatchObject({ quantity: 1, discount: "2.00", taxes: [{ amount: "1.44" }] });
  });

  it("creates once per idempotency key", async () => {
    const first = await erp.createSalesOrder(input(), { idempotencyKey: "order:1001" });
    const second = await erp.createSalesOrder(input(), { idempotencyKey: "order:1001" });
    expect(second.erpId).toBe(first.erpId);
    expect(t.erp.db.prepare("SELECT COUNT(*) AS n FROM sales_orders").get()).toEqual({ n: 1 });
  });

  it("after a crash after commit: the create fails as transient, the order is found by reference, the retry returns it", async () => {
    await t.erp.admin.setSwitches({ crashAfterCommit: 1 });
    const error = await failure(erp.createSalesOrder(input(), { idempotencyKey: "order:1001" }));
    expect(error).toBeInstanceOf(ErpError);
    expect(error.errorClass).toBe("transient");
    const found = await erp.findSalesOrderByReference("820982911946154508");
    expect(found?.number).toBe("SO-10001");
    expect((await erp.createSalesOrder(input(), { idempotencyKey: "order:1001" })).erpId).toBe(found?.erpId);
  });

  it("reads shipments with tracking, invoices, returns and credit memos back", async () => {
    const so = await erp.createSalesOrder(input(), { idempotencyKey: "k" });
    await t.call("POST", `/_admin/sales-orders/${so.erpId}/shipments`, { packages: [{ carrier: "DHL", trackingNumber: "DHL1", trackingUrl: "https://dhl.example/DHL1" }] });
    const rma = await erp.createReturnAuthorisation({ salesOrderErpId: so.erpId, return: shopReturn(), itemCodes: ITEM_CODES }, { idempotencyKey: "rma" });
    expect(rma).toMatchObject({ status: "authorised", lines: [{ lineItemId: "11", itemCode: "TEE-1", quantity: 1 }] });
    const memo = await erp.createCreditMemo(
      { salesOrderErpId: so.erpId, returnAuthorisationErpId: rma.erpId, refund: shopRefund(), itemCodes: ITEM_CODES, taxesIncluded: false },
      { idempotencyKey: "cm" },
    );
    expect(memo.total).toEqual({ amount: "19.44", currency: "USD" });
    const facts = await erp.getSalesOrder(so.erpId);
    expect(facts.status).toBe("shipped");
    expect(facts.shipments[0].packages[0]).toEqual({
      tracking: { company: "DHL", number: "DHL1", url: "https://dhl.example/DHL1" },
      lines: [{ lineItemId: "11", itemCode: "TEE-1", quantity: 2 }, { lineItemId: "12", itemCode: "MUG-1", quantity: 1 }],
    });
    expect(facts.invoices.map((i) => i.total.amount)).toEqual(["52.38"]);
    expect(facts.returnAuthorisations.map((r) => r.erpId)).toEqual([rma.erpId]);
    expect(facts.creditMemos.map((m) => m.erpId)).toEqual([memo.erpId]);
    const since = await erp.listShipmentsSince(null);
    expect(since.shipments.map((s) => s.orderReference)).toEqual(["820982911946154508"]);
    expect((await erp.listShipmentsSince(since.nextCursor)).shipments).toEqual([]);
  });

  it("cancels a return authorisation, which frees its units and refuses a credit memo on it", async () => {
    const so = await erp.createSalesOrder(input(), { idempotencyKey: "k" });
    await t.call("POST", `/_admin/sales-orders/${so.erpId}/shipments`, { packages: [{ carrier: "DHL", trackingNumber: "DHL1" }] });
    const rma = await erp.createReturnAuthorisation({ salesOrderErpId: so.erpId, return: shopReturn(), itemCodes: ITEM_CODES }, { idempotencyKey: "rma" });
    expect((await erp.cancelReturnAuthorisation(rma.erpId, { idempotencyKey: "rma-cancel" })).status).toBe("cancelled");
    expect((await erp.cancelReturnAuthorisation(rma.erpId, { idempotencyKey: "rma-cancel-again" })).status).toBe("cancelled");
    const memo = failure(
      erp.createCreditMemo(
        { salesOrderErpId: so.erpId, returnAuthorisationErpId: rma.erpId, refund: shopRefund(), itemCodes: ITEM_CODES, taxesIncluded: false },
        { idempotencyKey: "cm" },
      ),
    );
    expect(await memo).toMatchObject({ errorClass: "rejected", message: expect.stringContaining("was cancelled") });
    // The units are returnable again.
    const again = await erp.createReturnAuthorisation({ salesOrderErpId: so.erpId, return: shopReturn(), itemCodes: ITEM_CODES }, { idempotencyKey: "rma-2" });
    expect(again.status).toBe("authorised");
  });

  it("updates and cancels an open order", async () => {
    const so = await erp.createSalesOrder(input(), { idempotencyKey: "k" });
    const order = shopOrder({ note: "changed" });
    order.lines = [order.lines[1]];
    const updated = await erp.updateSalesOrder(so.erpId, input({ order }), { idempotencyKey: "k-edit" });
    expect(updated.lines.map((l) => l.itemCode)).toEqual(["MUG-1"]);
    expect((await erp.cancelSalesOrder(so.erpId, "customer")).status).toBe("cancelled");
  });

  it("lists stock, items and warehouses in canonical terms", async () => {
    const stock = await erp.listStock({ warehouseIds: ["MAIN"], itemCodes: ["TEE-1", "MUG-1"] });
    expect(stock.items.map((s) => [s.itemCode, s.warehouseId, s.available])).toEqual([["MUG-1", "MAIN", 5], ["TEE-1", "MAIN", 10]]);
    const items = await erp.listItems({ modifiedSince: null });
    expect(items.items.find((i) => i.itemCode === "TEE-1")).toMatchObject({ price: { amount: "20.00", currency: "USD" }, compareAtPrice: { amount: "25.00", currency: "USD" } });
    expect(await erp.listWarehouses()).toEqual([{ erpId: "EAST", name: "East depot" }, { erpId: "MAIN", name: "Main warehouse" }]);
  });
});

describe("error classes", () => {
  it("mapping: a line without an ERP item fails before any call", async () => {
    const error = await failure(erp.createSalesOrder(input({ itemCodes: { "11": "TEE-1" } }), { idempotencyKey: "k" }));
    expect(error.errorClass).toBe("mapping");
    expect(error.message).toContain("MUG-1");
  });

  it("rejected (422): the ERP's message and field are kept", async () => {
    const error = await failure(erp.createSalesOrder(input({ itemCodes: { ...ITEM_CODES, "12": "GHOST" } }), { idempotencyKey: "k" }));
    expect(error.errorClass).toBe("rejected");
    expect(error.details).toMatchObject({ erpCode: "unknown_item", field: "lines.1.itemCode", erpMessage: "item GHOST does not exist in the ERP", httpStatus: 422 });
    expect(error.message).toBe("ERP could not create sales order: item GHOST does not exist in the ERP");
  });

  it("rejected (400): a request the ERP cannot read", async () => {
    const error = await failure(erp.createSalesOrder(input({ warehouseErpId: "NOWHERE" }), { idempotencyKey: "k" }));
    expect(error.errorClass).toBe("rejected");
    expect(error.erpCode).toBe("unknown_warehouse");
    const bad = await failure(erp.listItems({ modifiedSince: "yesterday" }));
    expect(bad).toMatchObject({ errorClass: "rejected", details: { httpStatus: 400, field: "modified_since" } });
  });

  it("conflict: a shipped order refuses cancellation; the same key with another order is a conflict too", async () => {
    const so = await erp.createSalesOrder(input(), { idempotencyKey: "k" });
    await t.call("POST", `/_admin/sales-orders/${so.erpId}/shipments`, { packages: [{}] });
    const error = await failure(erp.cancelSalesOrder(so.erpId, "customer"));
    expect(error).toMatchObject({ errorClass: "conflict", details: { erpCode: "order_shipped", httpStatus: 409 } });
    const reused = await failure(erp.createSalesOrder(input({ order: shopOrder({ note: "edited" }) }), { idempotencyKey: "k" }));
    expect(reused).toMatchObject({ errorClass: "conflict", details: { erpCode: "idempotency_key_reused" } });
  });

  it("not_found: an unknown sales order", async () => {
    expect(await failure(erp.getSalesOrder("SO-99999"))).toMatchObject({ errorClass: "not_found", details: { httpStatus: 404 } });
  });

  it("auth: a wrong API key", async () => {
    const wrong = createReferenceErpConnector({ baseUrl: t.erp.url, apiKey: "nope", currency: "USD" });
    expect(await failure(wrong.listWarehouses())).toMatchObject({ errorClass: "auth", details: { httpStatus: 401 } });
  });

  it("rate_limited: 429 with Retry-After in milliseconds", async () => {
    await t.erp.admin.setSwitches({ rateLimit: { capacity: 1, refillPerSecond: 0.25 } });
    await erp.listWarehouses();
    const error = await failure(erp.listWarehouses());
    expect(error.errorClass).toBe("rate_limited");
    expect(error.retryAfterMs).toBe(4_000);
    expect(error.transient).toBe(true);
  });

  it("transient: an ERP failure (500) and a request that times out", async () => {
    await t.erp.admin.setSwitches({ faultRate: 1, faultKind: "error" });
    expect(await failure(erp.listWarehouses())).toMatchObject({ errorClass: "transient", details: { httpStatus: 500 } });
    await t.erp.admin.setSwitches({ faultKind: "timeout" });
    const quick = createReferenceErpConnector({ baseUrl: t.erp.url, apiKey: TEST_API_KEY, currency: "USD", timeoutMs: 50 });
    const timeout = await failure(quick.listWarehouses());
    expect(timeout.errorClass).toBe("transient");
    expect(timeout.message).toContain("did not answer in time");
  });

  it("unavailable: a 503 outage with its Retry-After, and a refused connection", async () => {
    await t.erp.admin.setSwitches({ outage: "unavailable" });
    expect(await failure(erp.listWarehouses())).toMatchObject({ errorClass: "unavailable", retryAfterMs: 30_000 });
    await t.erp.admin.setSwitches({ outage: "refused" });
    expect(await failure(erp.listWarehouses())).toMatchObject({ errorClass: "unavailable", details: { erpCode: "ECONNREFUSED" } });
  });

  it("validation: an answer that is not the documented shape", async () => {
    const odd = createReferenceErpConnector({
      baseUrl: "http://erp.invalid", apiKey: "k", currency: "USD",
      fetch: async () => new Response(JSON.stringify({ data: [{ code: 1 }] }), { status: 200 }),
    });
    expect(await failure(odd.listWarehouses())).toMatchObject({ errorClass: "validation" });
  });
});
