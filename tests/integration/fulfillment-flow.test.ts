/**
 * ERP shipments into Shopify fulfilments through the whole pipeline: orders reach the
 * reference ERP from sandbox Shopify's webhooks, the ERP ships them and calls back (signed) to
 * the app's callback route, the inbox and the worker's fulfillment flow create the fulfilments
 * in sandbox Shopify, read back through its control API. Polling finds the same shipments when
 * callbacks are off, each once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReferenceErpCallback } from "~/connectors/erp/reference/callback-events";
import { fulfilShipmentJob } from "~/flows/fulfillment/shipment-job";
import { signCallback } from "../../sandbox/erp";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { fulfillmentSettled, fulfillmentsOf, linesOf, pollShipmentsNow } from "./helpers/fulfillment-checks";
import { until } from "./helpers/until";
import { CALLBACK_SECRET, startOrderPipeline, type Pipeline } from "./helpers/order-pipeline";
import { TEST_RETRY_POLICY } from "./order-faults.suite";

interface ParcelInput {
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string;
  lines: { sku: string; quantity: number }[];
}

describe("ERP shipments become Shopify fulfilments", () => {
  let database: TestDatabase;
  let p: Pipeline;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({ database, driver: "database", retryPolicy: TEST_RETRY_POLICY, erpCallbacks: true });
    p.startWorker();
  });
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  /** Places an order and waits until it is an ERP sales order; returns both ids. */
  async function postedOrder(): Promise<{ orderId: string; salesOrderId: string }> {
    const orderId = await p.placeOrder();
    await p.waitForLinks([orderId]);
    const link = await p.db.documentLink.findFirstOrThrow({ where: { sourceType: "order", sourceId: orderId } });
    return { orderId, salesOrderId: link.erpId };
  }

  /** Ships parcels of a sales order in the reference ERP, as its warehouse staff would. */
  async function ship(salesOrderId: string, parcels: ParcelInput[]): Promise<string> {
    const lines = p.erp.admin.salesOrder(salesOrderId).lines;
    const packages = parcels.map((parcel) => ({
      carrier: parcel.carrier,
      trackingNumber: parcel.trackingNumber,
      trackingUrl: parcel.trackingUrl ?? `https://track.example/${parcel.trackingNumber}`,
      lines: parcel.lines.map((l) => ({ lineNo: lines.find((x) => x.itemCode === l.sku)!.lineNo, quantity: l.quantity })),
    }));
    const res = await fetch(`${p.erp.url}/_admin/sales-orders/${salesOrderId}/shipments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ packages }),
    });
    const body = await res.json();
    if (res.status !== 201 && res.status !== 200) throw new Error(`shipping failed: ${JSON.stringify(body)}`);
    return body.id as string;
  }

  const untilFulfilments = (orderId: string, count: number) =>
    until(`${count} fulfilment(s) of order ${orderId}`, async () => (await fulfillmentsOf(p, orderId)).length >= count);

  const openExceptions = () => p.db.syncException.findMany({ where: { flow: "fulfillment", status: { in: ["open", "retrying"] } } });

  it("a partial shipment and then the rest become two fulfilments with their lines and tracking", async () => {
    const { orderId, salesOrderId } = await postedOrder();

    const first = await ship(salesOrderId, [{ carrier: "UPS", trackingNumber: "1Z-PART-1", lines: [{ sku: "TEE-1", quantity: 1 }] }]);
    await untilFulfilments(orderId, 1);
    const second = await ship(salesOrderId, [{ carrier: "DHL", trackingNumber: "DHL-REST-2", lines: [{ sku: "TEE-1", quantity: 1 }, { sku: "MUG-1", quantity: 1 }] }]);
    await untilFulfilments(orderId, 2);

    const fulfilments = await fulfillmentsOf(p, orderId);
    expect(fulfilments.map((f) => ({ tracking: f.tracking, lines: linesOf(f), notifyCustomer: f.notifyCustomer }))).toEqual([
      { tracking: { company: "UPS", numbers: ["1Z-PART-1"], urls: ["https://track.example/1Z-PART-1"] }, lines: ["TEE-1 x 1"], notifyCustomer: true },
      { tracking: { company: "DHL", numbers: ["DHL-REST-2"], urls: ["https://track.example/DHL-REST-2"] }, lines: ["MUG-1 x 1", "TEE-1 x 1"], notifyCustomer: true },
    ]);
    const links = await p.db.documentLink.findMany({ where: { erpType: "shipment_package" }, orderBy: { createdAt: "asc" } });
    expect(links.map((l) => [l.erpId, l.sourceId])).toEqual([
      [`${first}:0`, fulfilments[0].id],
      [`${second}:0`, fulfilments[1].id],
    ]);
    expect(await openExceptions()).toEqual([]);
  });

  it("a shipment of several parcels is one fulfilment per parcel, each with its tracking; a repeated callback adds none", async () => {
    const { orderId, salesOrderId } = await postedOrder();
    const shipment = await ship(salesOrderId, [
      { carrier: "UPS", trackingNumber: "1Z-BOX-A", lines: [{ sku: "TEE-1", quantity: 2 }] },
      { carrier: "UPS", trackingNumber: "1Z-BOX-B", lines: [{ sku: "MUG-1", quantity: 1 }] },
    ]);
    await untilFulfilments(orderId, 2);

    // The ERP sends the same event again (its retry after a lost answer), twice at once.
    const event = p.erp.admin.callbacks().find((c) => c.type === "shipment.created" && JSON.stringify(c.body).includes(shipment))!;
    const again = () => {
      const rawBody = JSON.stringify(event.body);
      const timestamp = String(Math.floor(Date.now() / 1000));
      return fetch(p.callbackUrl, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Erp-Event-Id": event.id,
          "X-Erp-Event-Type": event.type,
          "X-Erp-Timestamp": timestamp,
          "X-Erp-Signature": signCallback(CALLBACK_SECRET, timestamp, rawBody),
        },
        body: rawBody,
      });
    };
    expect((await Promise.all([again(), again()])).map((r) => r.status)).toEqual([200, 200]);
    await until("the fulfillment flow to settle", () => fulfillmentSettled(p));
    // And the shipment once more through polling: still nothing new.
    await pollShipmentsNow(p);

    const fulfilments = await fulfillmentsOf(p, orderId);
    expect(fulfilments.map((f) => [f.tracking.numbers, linesOf(f)])).toEqual([
      [["1Z-BOX-A"], ["TEE-1 x 2"]],
      [["1Z-BOX-B"], ["MUG-1 x 1"]],
    ]);
    expect(await p.db.inboxEvent.count({ where: { source: "erp", deliveryId: event.id } })).toBe(1);
    expect(await p.db.documentLink.count({ where: { erpType: "shipment_package", erpId: { startsWith: `${shipment}:` } } })).toBe(2);
    expect(await openExceptions()).toEqual([]);
  });

  it("a partial shipment handled again, or again after a crash between create and link, adds no fulfilment", async () => {
    const { orderId, salesOrderId } = await postedOrder();
    const shipmentId = await ship(salesOrderId, [{ carrier: "UPS", trackingNumber: "1Z-TWICE", lines: [{ sku: "TEE-1", quantity: 1 }] }]);
    await untilFulfilments(orderId, 1);
    const event = p.erp.admin.callbacks().find((c) => c.type === "shipment.created" && JSON.stringify(c.body).includes(shipmentId))!;
    const { shipment } = parseReferenceErpCallback(JSON.stringify(event.body)) as { shipment: Parameters<typeof fulfilShipmentJob>[0]["shipment"] };
    const { id: shopId } = await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } });
    // Units remain on the order, so only the flow itself can keep a second fulfilment from happening.
    const runAgain = async (why: string) => {
      await p.queue.enqueue({ ...fulfilShipmentJob({ shop: { id: shopId, domain: p.shop }, connectionId: p.connectionId, shipment, correlationId: why }), dedupeKey: why });
      await until("the fulfillment flow to settle", () => fulfillmentSettled(p));
    };

    await runAgain("handled-again");
    const [first] = await fulfillmentsOf(p, orderId);
    await p.db.documentLink.deleteMany({ where: { erpType: "shipment_package", erpId: `${shipmentId}:0` } });
    await runAgain("after-a-crash");

    expect((await fulfillmentsOf(p, orderId)).map((f) => f.id)).toEqual([first.id]);
    const link = await p.db.documentLink.findFirstOrThrow({ where: { erpType: "shipment_package", erpId: `${shipmentId}:0` } });
    expect(link.sourceId).toBe(first.id);
    expect(await openExceptions()).toEqual([]);
  });

  it("refuses a callback with a bad signature (401) or for no connection (404), storing nothing", async () => {
    const before = await p.db.inboxEvent.count();
    const rawBody = JSON.stringify({ id: "evt_forged", type: "shipment.created", createdAt: new Date().toISOString(), data: {} });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = { "Content-Type": "application/json", "X-Erp-Event-Id": "evt_forged", "X-Erp-Event-Type": "shipment.created", "X-Erp-Timestamp": timestamp };

    const forged = await fetch(p.callbackUrl, { method: "POST", headers: { ...headers, "X-Erp-Signature": signCallback("not-the-secret", timestamp, rawBody) }, body: rawBody });
    expect(forged.status).toBe(401);
    const { action } = await import("~/routes/erp.callbacks.$connectionId");
    const request = new Request("http://app.test/erp/callbacks/nope", { method: "POST", headers: { ...headers, "X-Erp-Signature": signCallback(CALLBACK_SECRET, timestamp, rawBody) }, body: rawBody });
    expect((await action({ request, params: { connectionId: "nope" }, context: {} })).status).toBe(404);
    expect(await p.db.inboxEvent.count()).toBe(before);
  });

  it("a shipped line Shopify does not have becomes an exception that names the shipment, item and quantity", async () => {
    const { orderId, salesOrderId } = await postedOrder();
    // As if staff had tied the ERP's mug line to an order line Shopify does not have.
    p.erp.db.prepare("UPDATE sales_order_lines SET line_reference = '424242' WHERE order_id = ? AND item_code = 'MUG-1'").run(salesOrderId);
    const shipment = await ship(salesOrderId, [{ carrier: "UPS", trackingNumber: "1Z-ODD", lines: [{ sku: "TEE-1", quantity: 2 }, { sku: "MUG-1", quantity: 1 }] }]);

    await until("an exception for the shipment", async () => (await openExceptions()).length > 0);
    const [exception] = await openExceptions();
    expect(exception).toMatchObject({ errorClass: "mapping", sourceType: "order", sourceId: orderId, sourceName: `ERP shipment ${shipment}` });
    expect(exception.message).toContain(`ERP shipment ${shipment} package 1: 1 x MUG-1 (order line 424242) matches no line of order`);
    expect(await fulfillmentsOf(p, orderId)).toEqual([]);
  });

  it("with callbacks off, polling finds the shipments after its cursor, each once", async () => {
    p.erp.admin.setCallbackTarget(null);
    await p.erp.admin.settleCallbacks();
    const { orderId, salesOrderId } = await postedOrder();
    const shipment = await ship(salesOrderId, [{ carrier: "FedEx", trackingNumber: "FX-POLL-1", lines: [{ sku: "TEE-1", quantity: 2 }, { sku: "MUG-1", quantity: 1 }] }]);
    const before = await p.db.documentLink.count({ where: { erpType: "shipment_package" } });
    const { id: shopId } = await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } });
    const cursorKey = { shopId_flow_scope: { shopId, flow: "shipments", scope: p.connectionId } };

    await pollShipmentsNow(p);
    const fulfilments = await fulfillmentsOf(p, orderId);
    expect(fulfilments.map((f) => [f.tracking.company, f.tracking.numbers, linesOf(f)])).toEqual([["FedEx", ["FX-POLL-1"], ["MUG-1 x 1", "TEE-1 x 2"]]]);
    // Only this shipment was new: the ones the callbacks brought are not fulfilled again.
    expect(await p.db.documentLink.count({ where: { erpType: "shipment_package" } })).toBe(before + 1);
    const cursor = await p.db.syncCursor.findUniqueOrThrow({ where: cursorKey });

    await pollShipmentsNow(p);
    expect(await fulfillmentsOf(p, orderId)).toHaveLength(1);
    expect(await p.db.documentLink.count({ where: { erpType: "shipment_package" } })).toBe(before + 1);
    const after = await p.db.syncCursor.findUniqueOrThrow({ where: cursorKey });
    expect(after.position).toBe(cursor.position);
    expect(await p.db.documentLink.findFirst({ where: { erpType: "shipment_package", erpId: `${shipment}:0` } })).not.toBeNull();
  });
});
