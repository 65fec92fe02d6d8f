/**
 * The dashboard's business figures on a seeded SQLite database: known latencies give known
 * p50/p95, orders past their target count as breaches, and only unacknowledged, uncancelled
 * orders of this shop are awaiting the ERP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { businessView, type BusinessView } from "~/models/dashboard-business.server";
import { shopQueueDepth } from "~/models/dashboard-queue.server";
import { LatencyTargets } from "~/models/shop-settings.server";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";

const NOW = new Date("2026-11-28T12:30:00Z");
const at = (hhmmss: string, day = "2026-11-28") => new Date(`${day}T${hhmmss}Z`);
const SHOP = "dashboard.myshopify.com";

describe("dashboard business view", () => {
  let database: TestDatabase;
  let db: Db;
  let view: BusinessView;
  let shopId: string;
  let seq = 0;

  const order = (id: string, receivedAt: Date, extra: { shop?: string; cancelled?: boolean; status?: string } = {}) =>
    db.inboxEvent.create({
      data: {
        shopDomain: extra.shop ?? SHOP, source: "shopify", topic: "orders/create", deliveryId: `d-${++seq}`, status: extra.status ?? "processed",
        payload: JSON.stringify({ id: Number(id), admin_graphql_api_id: `gid://shopify/Order/${id}`, name: `#${id}`, cancelled_at: extra.cancelled ? "2026-11-28T12:01:00Z" : null }),
        payloadHash: `h-${seq}`, correlationId: `c-${seq}`, receivedAt,
      },
    });
  const link = (sourceId: string, createdAt: Date, connectionId: string, data: Partial<{ sourceType: string; erpType: string; erpNumber: string }> = {}) =>
    db.documentLink.create({
      data: { shopId, sourceType: data.sourceType ?? "order", sourceId, connectionId, erpType: data.erpType ?? "sales_order", erpId: `erp-${++seq}`, erpNumber: data.erpNumber ?? `SO-${seq}`, createdAt },
    });
  const shipmentJob = (connectionId: string, erpId: string, shippedAt: Date, status: string) =>
    db.job.create({
      data: {
        shopId, queue: "fulfillment", name: "fulfil-shipment", status, correlationId: `s-${erpId}`, createdAt: new Date(shippedAt.getTime() + 60_000), runAt: new Date(shippedAt.getTime() + 60_000),
        payload: JSON.stringify({ shopDomain: SHOP, connectionId, shipment: { erpId, salesOrderErpId: "x", orderReference: "1", packages: [], createdAt: shippedAt.toISOString() } }),
      },
    });
  const exception = (data: { flow: string; sourceType?: string; status?: string; createdAt?: Date }) =>
    db.syncException.create({ data: { shopId, errorClass: "validation", message: "m", correlationId: `x-${++seq}`, status: "open", ...data } });

  beforeAll(async () => {
    database = await createSqliteDatabase();
    db = createDb(database.url);
    shopId = (await db.shop.create({ data: { domain: SHOP } })).id;
    const otherShop = await db.shop.create({ data: { domain: "other.myshopify.com" } });
    const erp = await db.connection.create({ data: { shopId, kind: "erp", provider: "reference", name: "ERP", status: "active" } });
    const shadow = await db.connection.create({ data: { shopId, kind: "erp", provider: "reference", name: "Shadow ERP", status: "active" } });
    await db.erpRoute.create({ data: { shopId, flow: "orders", role: "shadow", connectionId: shadow.id } });

    // Orders: four posted with latencies 60 s, 90 s, 300 s and 30 s.
    await order("1001", at("11:00:00"));
    await order("1001", at("11:05:00"), { status: "duplicate" });
    await link("1001", at("11:01:00"), erp.id);
    await order("1002", at("11:10:00"));
    await link("1002", at("11:11:30"), erp.id);
    await order("1003", at("11:20:00"));
    await link("1003", at("11:25:00"), erp.id);
    await order("1004", at("12:00:00"));
    await link("1004", at("12:00:30"), erp.id);
    // Awaiting: 5 min (over the 2 min target), 1 min (within), and one only the shadow ERP has.
    await order("1005", at("12:25:00"));
    await order("1006", at("12:29:00"));
    await order("1008", at("12:10:00"));
    await link("1008", at("12:11:00"), shadow.id);
    // Not awaiting: cancelled in Shopify; another shop's order.
    await order("1007", at("12:00:00"));
    await db.inboxEvent.create({
      data: { shopDomain: SHOP, source: "shopify", topic: "orders/cancelled", deliveryId: "cancel-1007", payload: JSON.stringify({ admin_graphql_api_id: "gid://shopify/Order/1007" }), payloadHash: "hc", correlationId: "cc", receivedAt: at("12:05:00") },
    });
    await order("2001", at("12:00:00"), { shop: otherShop.domain });
    // Backfilled: posted without an orders/create delivery, so no latency sample.
    await link("1009", at("10:00:00"), erp.id);

    // Stock: lags of 1, 2 and 10 minutes in the window; one pushed yesterday; one changed since its push.
    const stock = (itemCode: string, erpChangedAt: Date, pushedAt: Date | null) =>
      db.inventoryState.create({ data: { shopId, connectionId: erp.id, itemCode, erpWarehouseId: "W", shopifyLocationId: "L", erpAvailable: 1, erpChangedAt, pushedAt } });
    await stock("A", at("09:00:00"), at("09:01:00"));
    await stock("B", at("10:00:00"), at("10:02:00"));
    await stock("C", at("11:00:00"), at("11:10:00"));
    await stock("D", at("09:00:00", "2026-11-27"), at("09:30:00", "2026-11-27"));
    await stock("E", at("12:20:00"), at("12:00:00"));

    // Shipments: 10 and 45 minutes to Shopify; two waiting, one for 60 minutes (over 30).
    await shipmentJob(erp.id, "SH-1", at("10:00:00"), "succeeded");
    await link("F-1", at("10:10:00"), erp.id, { sourceType: "fulfillment", erpType: "shipment_package", erpNumber: "SH-1" });
    await shipmentJob(erp.id, "SH-2", at("11:00:00"), "succeeded");
    await link("F-2", at("11:45:00"), erp.id, { sourceType: "fulfillment", erpType: "shipment_package", erpNumber: "SH-2" });
    await shipmentJob(erp.id, "SH-3", at("11:30:00"), "queued");
    await shipmentJob(erp.id, "SH-4", at("12:20:00"), "queued");

    // Exceptions: two failed refunds (one per flow), one closed, one fulfilment failure.
    await exception({ flow: "orders", sourceType: "refund", createdAt: at("08:00:00") });
    await exception({ flow: "returns", sourceType: "return", createdAt: at("09:00:00", "2026-11-27") });
    await exception({ flow: "orders", sourceType: "refund", status: "resolved", createdAt: at("08:00:00") });
    await exception({ flow: "fulfillment", sourceType: "order", createdAt: at("08:00:00") });

    const targets = LatencyTargets.parse({ ordersMinutes: 2, stockMinutes: 5, shipmentsMinutes: 30 });
    view = await businessView(db, { id: shopId, domain: SHOP }, { now: NOW, targets, queue: { scope: "shop", flows: [] } });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("counts orders awaiting the ERP: not acknowledged by a primary ERP, not cancelled, of this shop", () => {
    expect(view.awaitingOrders.count).toBe(3);
    expect(view.awaitingOrders.overTarget).toBe(2);
    expect(view.awaitingOrders.oldest.map((o) => o.name)).toEqual(["#1008", "#1005", "#1006"]);
  });

  it("gives order-to-ERP p50 and p95 from webhook arrival to sales order", () => {
    expect(view.orderLatency).toEqual({ count: 4, p50Ms: 60_000, p95Ms: 300_000, overTarget: 1 });
  });

  it("gives the inventory push lag of the levels pushed in the window", () => {
    expect(view.stockLag).toEqual({ count: 3, p50Ms: 120_000, p95Ms: 600_000, overTarget: 1 });
  });

  it("counts shipments waiting for Shopify and those that failed", () => {
    expect(view.shipments.waiting).toBe(2);
    expect(view.shipments.waitingOverTarget).toBe(1);
    expect(view.shipments.failed).toBe(1);
    expect(view.shipments.lag).toEqual({ count: 2, p50Ms: 600_000, p95Ms: 2_700_000, overTarget: 1 });
  });

  it("counts breaches per flow, late or still waiting", () => {
    expect(view.breaches).toEqual({ orders: 3, stock: 1, shipments: 2 });
  });

  it("counts open refund exceptions of the orders and returns flows", () => {
    expect(view.failedRefunds).toBe(2);
    expect(view.openExceptionsByFlow).toEqual({ orders: 1, returns: 1, fulfillment: 1 });
  });

  it("charts orders posted and their p95 latency per hour", () => {
    expect(view.charts.hours).toHaveLength(24);
    const hour = (h: string) => view.charts.hours.find((x) => x.hour === `2026-11-28T${h}`);
    expect(hour("10")).toEqual({ hour: "2026-11-28T10", orderLatencyP95Ms: null, ordersPosted: 1 });
    expect(hour("11")).toEqual({ hour: "2026-11-28T11", orderLatencyP95Ms: 300_000, ordersPosted: 3 });
    expect(hour("12")).toEqual({ hour: "2026-11-28T12", orderLatencyP95Ms: 30_000, ordersPosted: 1 });
    expect(view.charts.hours.at(-1)?.hour).toBe("2026-11-28T12");
  });

  it("charts exceptions opened per day by flow", () => {
    const { days, flows } = view.charts.exceptionsByDay;
    expect(days).toHaveLength(14);
    expect(days.at(-1)).toBe("2026-11-28");
    const counts = Object.fromEntries(flows.map((f) => [f.flow, f.counts.slice(-2)]));
    expect(counts).toEqual({ fulfillment: [0, 1], orders: [0, 2], returns: [1, 0] });
  });

  it("reports queue depth per flow for this shop, delayed apart from waiting", async () => {
    await db.job.create({ data: { shopId, queue: "orders", name: "orders/create", payload: "{}", correlationId: "q1", status: "queued", runAt: at("12:00:00") } });
    await db.job.create({ data: { shopId, queue: "orders", name: "orders/create", payload: "{}", correlationId: "q2", status: "queued", runAt: at("13:00:00") } });
    await db.job.create({ data: { shopId, queue: "inventory", name: "push", payload: "{}", correlationId: "q3", status: "running", runAt: at("12:00:00") } });
    const depth = Object.fromEntries((await shopQueueDepth(db, shopId, NOW)).map((d) => [d.flow, d]));
    expect(depth.orders).toEqual({ flow: "orders", waiting: 1, delayed: 1, running: 0 });
    expect(depth.inventory).toEqual({ flow: "inventory", waiting: 0, delayed: 0, running: 1 });
    expect(depth.fulfillment).toEqual({ flow: "fulfillment", waiting: 2, delayed: 0, running: 0 });
  });
});
