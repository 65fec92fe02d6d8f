/**
 * ERP coexistence on the real pipeline (SQLite, database queue): a shop with two reference ERPs,
 * the pipeline's own (A, "Reference ERP") and a second one (B, "New ERP"). Orders follow the
 * orders route; with B as shadow each order lands in both and a comparison is kept; whatever
 * goes wrong in B never keeps an order from A. Other flows resolve to the ERP routed to them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConnection } from "~/models/connections.server";
import { refundTarget } from "~/flows/orders/refund-target";
import { dashboardFigures } from "~/models/dashboard.server";
import { routeFor, saveRoutes } from "~/models/erp-routes.server";
import { DEMO_SEED, startReferenceErp, type ReferenceErp } from "../../sandbox/erp";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { startOrderPipeline, type Pipeline } from "./helpers/order-pipeline";
import { TEST_RETRY_POLICY } from "./order-faults.suite";
import { until } from "./helpers/until";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


describe("ERP coexistence: routing per flow and a dual run", () => {
  let database: TestDatabase;
  let p: Pipeline;
  let erpB: ReferenceErp;
  let shopId: string;
  let a: string;
  let b: string;

  /** B's sales orders for a Shopify order. */
  const ordersInB = (orderId: string) =>
    (erpB.db.prepare("SELECT COUNT(*) AS n FROM sales_orders WHERE external_reference = ?").get(orderId) as { n: number }).n;
  const comparisonOf = (orderId: string, status?: string) =>
    until(`a ${status ?? ""} comparison of order ${orderId}`, () =>
      p.db.shadowComparison.findFirst({ where: { sourceId: orderId, shadowConnectionId: b, ...(status ? { status } : {}) } }),
    );
  const linkIn = (connectionId: string, orderId: string) =>
    until(`order ${orderId} linked in ${connectionId}`, () =>
      p.db.documentLink.findFirst({ where: { sourceId: orderId, sourceType: "order", connectionId } }),
    );
  const setMapping = (sku: string, erpItemCode: string) =>
    p.db.skuMapping.updateMany({ where: { connectionId: b, sku }, data: { erpItemCode, erpItemId: erpItemCode } });

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({ database, driver: "database", retryPolicy: TEST_RETRY_POLICY });
    erpB = await startReferenceErp({ apiKey: "new-erp-key", seed: DEMO_SEED, timeScale: 0.001 });
    const shop = await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } });
    shopId = shop.id;
    a = (await p.db.connection.findFirstOrThrow({ where: { shopId, kind: "erp" } })).id;
    const connectionB = await saveConnection(p.db, {
      shopId,
      kind: "erp",
      provider: "reference",
      name: "New ERP",
      settings: { baseUrl: erpB.url, currency: "USD", timeoutMs: 2_000, maxConcurrency: 8, maxRequestsPerSecond: 500 },
      secret: { apiKey: "new-erp-key" },
    });
    b = connectionB.id;
    // B knows the same items under the same codes: its SKU mappings start as A's.
    for (const m of await p.db.skuMapping.findMany({ where: { connectionId: a } })) {
      const { id: _id, createdAt: _c, updatedAt: _u, ...mapping } = m;
      await p.db.skuMapping.create({ data: { ...mapping, connectionId: b } });
    }
    p.startWorker();
  });

  afterAll(async () => {
    await p?.close();
    await erpB?.close();
    await database?.drop();
  });

  it("posts orders to the orders route's primary only: B gets nothing without a shadow route", async () => {
    expect(await saveRoutes(p.db, shopId, [{ flow: "orders", role: "primary", connectionId: a }])).toEqual({ ok: true, saved: 1 });
    const id = await p.placeOrder();
    await linkIn(a, id);
    await sleep(300);
    expect(p.erpOrderCounts().get(id)).toBe(1);
    expect(ordersInB(id)).toBe(0);
    expect(await p.db.documentLink.count({ where: { sourceId: id, connectionId: b } })).toBe(0);
    expect(await p.db.shadowComparison.count({ where: { sourceId: id } })).toBe(0);
  });

  it("with B as shadow, the order lands in both ERPs and a match is stored", async () => {
    const saved = await saveRoutes(p.db, shopId, [
      { flow: "orders", role: "primary", connectionId: a },
      { flow: "orders", role: "shadow", connectionId: b },
    ]);
    expect(saved.ok).toBe(true);
    const id = await p.placeOrder();
    const comparison = await comparisonOf(id, "match");
    const [inA, inB] = [await linkIn(a, id), await linkIn(b, id)];
    expect(p.erpOrderCounts().get(id)).toBe(1);
    expect(ordersInB(id)).toBe(1);
    expect(comparison).toMatchObject({ primaryConnectionId: a, primaryErpNumber: inA.erpNumber, shadowErpNumber: inB.erpNumber, differences: "[]" });
    expect(comparison.sourceName).toMatch(/^#\d+/);
    // The dashboard counts the order once: B's copy is the dual run's, not a posted order.
    expect((await dashboardFigures(p.db, p.shop)).recentOrders.filter((o) => o.name === comparison.sourceName)).toHaveLength(1);
  });

  it("when B's SKU mapping gives another item, A still gets the order and the comparison names the line", async () => {
    await setMapping("TEE-1", "MUG-1");
    try {
      const id = await p.placeOrder();
      const comparison = await comparisonOf(id, "different");
      await linkIn(a, id);
      expect(JSON.parse(comparison.differences)).toEqual(["SKU TEE-1: item TEE-1 in Reference ERP, MUG-1 in New ERP"]);
    } finally {
      await setMapping("TEE-1", "TEE-1");
    }
  });

  it("when B refuses the order (an item it does not have), A still gets it and the comparison says why B lacks it", async () => {
    await setMapping("MUG-1", "MUG-LEGACY");
    try {
      const id = await p.placeOrder();
      const comparison = await comparisonOf(id, "missing_in_shadow");
      expect((await linkIn(a, id)).erpNumber).toBe(comparison.primaryErpNumber);
      expect(ordersInB(id)).toBe(0);
      expect(comparison.differences).toContain("New ERP has no sales order for this order");
      expect(comparison.differences).toContain("MUG-LEGACY");
      // The dual run's failure is a low-impact exception of its own (one per delivery), never the primary's.
      const exceptions = await p.db.syncException.findMany({ where: { sourceId: id } });
      expect(exceptions.length).toBeGreaterThan(0);
      expect(new Set(exceptions.map((e) => `${e.flow} ${e.businessImpact} ${e.message.startsWith("Shadow ERP New ERP:")}`))).toEqual(new Set(["shadow low true"]));
    } finally {
      await setMapping("MUG-1", "MUG-1");
    }
  });

  it("when B is down, A still gets the order at once; the comparison says B lacks it until B is back", async () => {
    await erpB.admin.setSwitches({ outage: "refused" });
    let id: string;
    try {
      id = await p.placeOrder();
      await linkIn(a, id);
      const comparison = await comparisonOf(id, "missing_in_shadow");
      expect(comparison.differences).toContain("trying again");
    } finally {
      await erpB.admin.setSwitches({ outage: "off" });
    }
    await comparisonOf(id, "match");
    expect(ordersInB(id)).toBe(1);
  });

  it("with the order never in A (unmapped there), B still gets it and the comparison says A lacks it", async () => {
    await p.db.skuMapping.updateMany({ where: { connectionId: a, sku: "MUG-1" }, data: { status: "conflict" } });
    try {
      const id = await p.placeOrder();
      const comparison = await comparisonOf(id, "missing_in_primary");
      expect(JSON.parse(comparison.differences)).toEqual(["Reference ERP has no sales order for this order"]);
      expect(ordersInB(id)).toBe(1);
    } finally {
      await p.db.skuMapping.updateMany({ where: { connectionId: a, sku: "MUG-1" }, data: { status: "active" } });
    }
  });

  it("resolves the stock flow to B, a location's own route first, and names a disabled ERP", async () => {
    const saved = await saveRoutes(p.db, shopId, [
      { flow: "orders", role: "primary", connectionId: a },
      { flow: "stock", role: "primary", connectionId: b },
    ]);
    expect(saved.ok).toBe(true);
    expect((await routeFor(p.db, shopId, "stock")).primary).toMatchObject({ id: b, name: "New ERP" });
    expect((await routeFor(p.db, shopId, "stock", { locationId: "9001" })).primary.id).toBe(b);
    await saveRoutes(p.db, shopId, [{ flow: "stock", role: "primary", connectionId: a }], { locationId: "9001" });
    expect((await routeFor(p.db, shopId, "stock", { locationId: "9001" })).primary.id).toBe(a);
    expect((await routeFor(p.db, shopId, "stock", { locationId: "9002" })).primary.id).toBe(b);
    // No route for prices: the shop's active ERP connection (the first one, A) serves.
    expect(await routeFor(p.db, shopId, "prices")).toMatchObject({ primary: { id: a }, shadows: [], routed: false });

    await p.db.connection.update({ where: { id: b }, data: { status: "disabled" } });
    try {
      await expect(routeFor(p.db, shopId, "stock")).rejects.toMatchObject({
        errorClass: "mapping",
        message: expect.stringMatching(/Stock levels .* "New ERP", which is disabled/),
      });
    } finally {
      await p.db.connection.update({ where: { id: b }, data: { status: "active" } });
    }
  });

  it("credits a refund where its order went, unless a refunds route says otherwise", async () => {
    const link = (orderId: string, connectionId: string) =>
      p.db.documentLink.create({
        data: { shopId, sourceType: "order", sourceId: orderId, connectionId, erpType: "sales_order", erpId: `SO-${orderId}`, erpNumber: `SO-${orderId}` },
      });
    await saveRoutes(p.db, shopId, [
      { flow: "orders", role: "primary", connectionId: a },
      { flow: "orders", role: "shadow", connectionId: b },
    ]);
    await link("r1", a);
    await link("r1", b);
    expect((await refundTarget(p.db, shopId, "r1")).connection.id).toBe(a);

    // Cutover: orders now go to B alone; an older order only A has is still credited in A.
    await saveRoutes(p.db, shopId, [{ flow: "orders", role: "primary", connectionId: b }]);
    await link("r2", a);
    expect(await refundTarget(p.db, shopId, "r2")).toMatchObject({ connection: { id: a }, orderLink: { erpId: "SO-r2" } });
    expect(await refundTarget(p.db, shopId, "r3")).toMatchObject({ connection: { id: b }, orderLink: null });

    await saveRoutes(p.db, shopId, [
      { flow: "orders", role: "primary", connectionId: b },
      { flow: "refunds", role: "primary", connectionId: b },
    ]);
    expect(await refundTarget(p.db, shopId, "r2")).toMatchObject({ connection: { id: b }, orderLink: null });
  });

  it("refuses routes a form must correct, field by field, and changes nothing", async () => {
    const before = await p.db.erpRoute.count({ where: { shopId } });
    const result = await saveRoutes(p.db, shopId, [
      { flow: "orders", role: "primary", connectionId: a },
      { flow: "orders", role: "shadow", connectionId: a },
      { flow: "refunds", role: "shadow", connectionId: b },
      { flow: "stock", role: "primary", connectionId: "someone-elses" },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: {
        "orders.shadow": "The shadow must be a different ERP from the primary",
        "refunds.shadow": "Refunds cannot be shadowed: only orders are compared in a dual run",
        "stock.primary": "Choose one of this shop's ERP connections",
      },
    });
    expect(await p.db.erpRoute.count({ where: { shopId } })).toBe(before);
  });
});
