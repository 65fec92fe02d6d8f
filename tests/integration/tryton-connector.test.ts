/**
 * The Tryton connector against a real trytond (Debian's tryton-server 6.0, SQLite backend),
 * initialised once per run with company, chart of accounts, fiscal year, products and stock,
 * and restored from that snapshot for this file. Covers the connection test's failures, sales
 * posted and read back, stock after confirm and after shipment, shipment polling by cursor,
 * cancellation, and Tryton's refusals kept word for word.
 */
import { describe, expect, it } from "vitest";
import { createTrytonErpConnector, createTrytonRpc } from "~/connectors/erp/tryton";
import type { ErpConnector } from "~/connectors/erp";
import { ADA, ITEM_CODES, shopOrder } from "~/connectors/erp/test-fixtures";
import type { Order } from "~/domain";
import { freePort } from "../../scripts/lib/processes";
import { liveTryton } from "./helpers/tryton";

const tryton = liveTryton();
let nextOrderId = 7_000_000_000_000;

function connector(overrides: Partial<Parameters<typeof createTrytonErpConnector>[0]> = {}): ErpConnector {
  return createTrytonErpConnector({ ...tryton.credentials(), currency: "USD", shippingItemCode: "SHIP", ...overrides });
}

/** A fresh shop order (its own Shopify id) for the demo catalogue. */
const newOrder = (overrides: Partial<Order> = {}) => shopOrder({ id: String(nextOrderId++), name: `#${nextOrderId}`, ...overrides });

async function post(erp: ErpConnector, order: Order) {
  const customer = (await erp.findCustomer({ email: ADA.email, phone: null })) ?? (await erp.createCustomer(ADA, { idempotencyKey: "-", address: order.shippingAddress }));
  return erp.createSalesOrder({ order, itemCodes: ITEM_CODES, customerErpId: customer.erpId }, { idempotencyKey: "-" });
}

async function stockOf(erp: ErpConnector, code: string) {
  const [warehouse] = await erp.listWarehouses();
  const page = await erp.listStock({ warehouseIds: [warehouse!.erpId], itemCodes: [code] });
  return page.items[0]!;
}

/** Ships a sale's shipment in Tryton as warehouse staff would: reserve, pick, pack, done. */
async function shipInTryton(saleId: string, tracking: string | null) {
  const rpc = createTrytonRpc(tryton.credentials());
  const [sale] = await rpc.model<{ shipments: number[] }[]>("sale.sale", "read", [[Number(saleId)], ["shipments"]]);
  const shipments = sale!.shipments;
  if (tracking) await rpc.model("stock.shipment.out", "write", [shipments, { reference: tracking }]);
  for (const step of ["assign_try", "pick", "pack", "done"]) await rpc.model("stock.shipment.out", step, [shipments]);
  return shipments;
}

describe("Tryton connection test", () => {
  it("names the company, currency and warehouse when everything is right", async () => {
    const result = await connector().testConnection();
    expect(result).toMatchObject({ ok: true });
    expect(result.message).toMatch(/company .+ \(USD\), warehouses Warehouse/);
  });

  it.each([
    ["login_refused", async () => ({ password: "not-the-password" }), /refused the login "admin".*check the user name and password/],
    ["database_missing", async () => ({ database: "no_such_db" }), /has no database "no_such_db"/],
    ["unreachable", async () => ({ url: `http://127.0.0.1:${await freePort()}` }), /Cannot reach Tryton at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/],
  ])("says %s in its own words", async (problem, overrides, message) => {
    const result = await connector(await overrides()).testConnection();
    expect(result).toMatchObject({ ok: false, problem });
    expect(result.message).toMatch(message);
    expect(result.message).not.toContain("not-the-password");
  });

  it("names the Tryton modules a database lacks", async () => {
    const bare = await tryton.bareDatabase();
    const result = await connector({ database: bare }).testConnection();
    expect(result).toMatchObject({ ok: false, problem: "module_missing" });
    expect(result.message).toContain("sale, stock, account_invoice, account_invoice_stock");
  });
});

describe("Tryton sales", () => {
  it("creates a confirmed sale with the Shopify order as reference, found again by that reference", async () => {
    const erp = connector();
    const order = newOrder();
    const created = await post(erp, order);
    expect(created).toMatchObject({ orderReference: order.id, status: "open", total: { amount: "49.50", currency: "USD" } });
    expect(created.lines).toEqual([
      { lineItemId: "11", itemCode: "TEE-1", quantity: 2, allocated: 0, backordered: 0, shipped: 0 },
      { lineItemId: "12", itemCode: "MUG-1", quantity: 1, allocated: 0, backordered: 0, shipped: 0 },
    ]);
    expect(created.invoices).toHaveLength(1);
    expect(await erp.findSalesOrderByReference(order.id)).toEqual(created);
    expect(await erp.findSalesOrderByReference("no-such-order")).toBeNull();
  });

  it("reads stock back after confirm (sold units no longer available) and after shipment (gone from hand)", async () => {
    const erp = connector();
    const before = await stockOf(erp, "TEE-1");
    const sale = await post(erp, newOrder());
    const confirmed = await stockOf(erp, "TEE-1");
    expect(confirmed.onHand).toBe(before.onHand);
    expect(confirmed.available).toBe(before.available - 2);

    await shipInTryton(sale.erpId, null);
    const shipped = await stockOf(erp, "TEE-1");
    expect(shipped.onHand).toBe(before.onHand - 2);
    expect(shipped.available).toBe(before.available - 2);
    expect((await erp.getSalesOrder(sale.erpId)).status).toBe("shipped");
  });

  it("polls done shipments with tracking after a cursor, each once, and later ones after it", async () => {
    const erp = connector();
    let cursor: string | null = null;
    for (let page = await erp.listShipmentsSince(null); ; page = await erp.listShipmentsSince(cursor)) {
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    const first = await post(erp, newOrder());
    const second = await post(erp, newOrder());
    await shipInTryton(first.erpId, "1Z999AA10123456784");
    await shipInTryton(second.erpId, null);

    const page = await erp.listShipmentsSince(cursor);
    expect(page.shipments.map((s) => s.salesOrderErpId)).toEqual([first.erpId, second.erpId]);
    expect(page.shipments[0]).toMatchObject({
      orderReference: first.orderReference,
      packages: [{ tracking: { number: "1Z999AA10123456784" }, lines: expect.arrayContaining([{ lineItemId: "11", itemCode: "TEE-1", quantity: 2 }]) }],
    });
    expect((await erp.listShipmentsSince(page.nextCursor)).shipments).toEqual([]);

    const third = await post(erp, newOrder());
    await shipInTryton(third.erpId, "TRACK-3");
    const later = await erp.listShipmentsSince(page.nextCursor);
    expect(later.shipments.map((s) => s.salesOrderErpId)).toEqual([third.erpId]);
    expect((await erp.getSalesOrder(third.erpId)).shipments[0]?.packages[0]?.tracking.number).toBe("TRACK-3");
  });

  it("allocates reserved units and marks a backorder when the warehouse runs short", async () => {
    const erp = connector();
    const order = newOrder();
    order.lines = [order.lines[0]!];
    order.lines[0] = { ...order.lines[0]!, id: "31", sku: "HOODIE-1", quantity: 12, currentQuantity: 12, discountAllocations: [], taxLines: [] };
    const customer = await erp.findCustomer({ email: ADA.email, phone: null });
    const sale = await erp.createSalesOrder({ order, itemCodes: { "31": "HOODIE-1" }, customerErpId: customer!.erpId }, { idempotencyKey: "-" });
    expect(sale.backordered).toBe(true);
    expect(sale.lines[0]).toMatchObject({ itemCode: "HOODIE-1", quantity: 12, allocated: 0, backordered: 2 });
  });

  it("cancels a sale still in quotation, and explains why a sale in processing cannot be", async () => {
    const quoting = connector({ workflow: "quotation" });
    const quoted = await post(quoting, newOrder());
    expect((await quoting.cancelSalesOrder(quoted.erpId, null)).status).toBe("cancelled");
    expect((await quoting.cancelSalesOrder(quoted.erpId, null)).status).toBe("cancelled");

    const confirmed = await post(connector(), newOrder());
    const refusal = await connector().cancelSalesOrder(confirmed.erpId, null).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ errorClass: "conflict" });
    expect((refusal as Error).message).toMatch(/cannot cancel sale \S+: it is processing .*cancel its shipment and invoice in Tryton/);
  });

  it("names a product code Tryton does not know, and keeps Tryton's words when it refuses a sale", async () => {
    const erp = connector();
    const missing = await erp
      .createSalesOrder({ order: newOrder(), itemCodes: { ...ITEM_CODES, "12": "NOPE-9" }, customerErpId: null }, { idempotencyKey: "-" })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ errorClass: "mapping" });
    expect((missing as Error).message).toContain("Tryton has no product with code NOPE-9");

    // A product staff marked not for sale: Tryton's own validation refuses the line.
    const rpc = createTrytonRpc(tryton.credentials());
    const [mug] = await rpc.model<{ id: number; template: number }[]>("product.product", "search_read", [[["code", "=", "MUG-1"]], 0, 1, null, ["template"]]);
    await rpc.model("product.template", "write", [[mug!.template], { salable: false }]);
    try {
      const refused = await post(erp, newOrder()).catch((e: unknown) => e);
      expect(refused).toMatchObject({ errorClass: "rejected", details: { erpCode: expect.stringMatching(/ValidationError|UserError/) } });
      expect((refused as Error).message).toBe('Tryton could not create sales order: The value for field "Product" in "Sale Line" is not valid according to its domain.');
    } finally {
      await rpc.model("product.template", "write", [[mug!.template], { salable: true }]);
    }
  });
});
