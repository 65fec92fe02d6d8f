/**
 * The customer-orders flow on a real (SQLite) database with Shopify's facts and the ERP faked:
 * joining, snapshots and the stale path, the time budget, and the shop boundary.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ErpSalesOrder } from "~/connectors/erp/erp-documents";
import type { ErpConnector } from "~/connectors/erp/port";
import { createDb, type Db } from "~/db/client.server";
import type { OrderFacts } from "~/domain/order-facts";
import { AppError } from "~/errors";
import { customerOrders, type CustomerOrdersDeps, type OrderFactsQuery } from "~/flows/helpdesk/customer-orders";
import { saveConnection } from "~/models/connections.server";
import { createSqliteDatabase, type TestDatabase } from "../integration/helpers/databases";

const NOW = new Date("2026-11-28T12:00:00Z");

function facts(id: string, name: string, overrides: Partial<OrderFacts> = {}): OrderFacts {
  return {
    id,
    name,
    email: "river@example.com",
    createdAt: "2026-11-20T10:00:00.000Z",
    cancelledAt: null,
    total: { amount: "49.00", currency: "EUR" },
    paymentStatus: "paid",
    fulfilmentStatus: "partially_fulfilled",
    lines: [{ lineItemId: `${id}1`, sku: "TEE-1", title: "Tee", quantity: 2, refundableQuantity: 2, returnableQuantity: 1 }],
    refunds: [],
    returns: [],
    ...overrides,
  };
}

function salesOrder(erpId: string, number: string): ErpSalesOrder {
  return {
    erpId,
    number,
    orderReference: erpId,
    status: "open",
    backordered: false,
    lines: [{ lineItemId: "1", itemCode: "TEE-1", quantity: 2, allocated: 2, backordered: 0, shipped: 0 }],
    total: { amount: "49.00", currency: "EUR" },
    shipments: [],
    invoices: [],
    returnAuthorisations: [],
    creditMemos: [],
    updatedAt: "2026-11-20T10:00:00.000Z",
  };
}

describe("customerOrders", () => {
  let database: TestDatabase;
  let db: Db;
  let shopA: { id: string; domain: string };
  let shopB: { id: string; domain: string };
  let erpA: string;
  let erpB: string;
  /** What the fake ERP does for a sales order id. */
  let erp: (erpId: string) => Promise<ErpSalesOrder>;
  let asked: { shop: string; query: OrderFactsQuery; limit: number }[];
  let shopifyOrders: Record<string, OrderFacts[]>;

  const deps = (overrides: Partial<CustomerOrdersDeps> = {}): CustomerOrdersDeps => ({
    db,
    async orderFacts(shop, query, limit) {
      asked.push({ shop, query, limit });
      return shopifyOrders[shop] ?? [];
    },
    connectorFor: () => ({ getSalesOrder: (id: string) => erp(id) }) as unknown as ErpConnector,
    now: () => NOW,
    erpBudgetMs: 200,
    log: () => undefined,
    ...overrides,
  });

  beforeAll(async () => {
    database = await createSqliteDatabase();
    db = createDb(database.url);
    const a = await db.shop.create({ data: { domain: "a.myshopify.com" } });
    const b = await db.shop.create({ data: { domain: "b.myshopify.com" } });
    shopA = { id: a.id, domain: a.domain };
    shopB = { id: b.id, domain: b.domain };
    const erpSettings = { settings: { baseUrl: "http://127.0.0.1:9" }, secret: { apiKey: "k" } };
    erpA = (await saveConnection(db, { shopId: a.id, kind: "erp", provider: "reference", name: "Main ERP", ...erpSettings })).id;
    erpB = (await saveConnection(db, { shopId: b.id, kind: "erp", provider: "reference", name: "Main ERP", ...erpSettings })).id;
    const link = (shopId: string, connectionId: string, sourceType: string, sourceId: string, erpType: string, erpId: string, erpNumber: string) =>
      db.documentLink.create({ data: { shopId, connectionId, sourceType, sourceId, erpType, erpId, erpNumber, sourceName: null } });
    await link(a.id, erpA, "order", "1001", "sales_order", "so_1", "SO-1");
    await link(a.id, erpA, "order", "1002", "sales_order", "so_2", "SO-2");
    await link(a.id, erpA, "refund", "9001", "credit_memo", "cm_1", "CM-1");
    // Shop B has an order with the same id posted to its own ERP: never to be mixed in.
    await link(b.id, erpB, "order", "1003", "sales_order", "so_b", "SO-B");
    await db.syncException.create({
      data: { shopId: a.id, flow: "orders", errorClass: "mapping", message: "SKU GHOST-1 has no ERP item", correlationId: "c1", sourceType: "order", sourceId: "1003", createdAt: new Date("2026-11-28T11:15:00Z") },
    });
    await db.syncException.create({
      data: { shopId: b.id, flow: "orders", errorClass: "rejected", message: "shop B's problem", correlationId: "c2", sourceType: "order", sourceId: "1001" },
    });
    const returnCase = (shopId: string, requestKey: string, orderId: string, createdAt: Date) =>
      db.returnCase.create({ data: { shopId, requestKey, orderId, step: "erp_return_authorisation", request: "{}", correlationId: requestKey, requestedBy: "t", createdAt } });
    await returnCase(a.id, "k1", "1001", new Date("2026-11-27T10:00:00Z"));
    await returnCase(a.id, "k2", "1001", new Date("2026-11-28T10:00:00Z"));
    await returnCase(b.id, "k3", "1001", new Date("2026-11-28T11:00:00Z"));
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });
  beforeEach(() => {
    asked = [];
    shopifyOrders = {
      [shopA.domain]: [
        facts("1001", "#1001", {
          refunds: [
            { id: "9001", createdAt: "2026-11-22T10:00:00.000Z", total: { amount: "10.00", currency: "EUR" }, note: "damaged", returnId: null },
            { id: "9002", createdAt: "2026-11-23T10:00:00.000Z", total: { amount: "5.00", currency: "EUR" }, note: null, returnId: null },
          ],
        }),
        facts("1002", "#1002"),
        facts("1003", "#1003"),
      ],
    };
    erp = async (id) => salesOrder(id, id === "so_1" ? "SO-1" : "SO-2");
  });

  it("joins Shopify's facts, the ERP's sales orders, credit memos, return cases and sync state within the shop", async () => {
    const answer = await customerOrders(deps(), { shop: shopA, email: "river@example.com", orderName: null });

    expect(asked).toEqual([{ shop: shopA.domain, query: { email: "river@example.com" }, limit: 10 }]);
    expect(answer.generatedAt).toBe(NOW.toISOString());
    const [o1, o2, o3] = answer.orders;
    expect(o1).toMatchObject({ id: "1001", name: "#1001", total: { amount: "49.00", currencyCode: "EUR" }, erpUnavailable: null });
    expect(o1.erp).toMatchObject({ number: "SO-1", allocation: "allocated", stale: false, asOf: NOW.toISOString() });
    expect(o1.refunds.map((r) => [r.id, r.erpCreditMemo])).toEqual([["9001", "CM-1"], ["9002", null]]);
    expect(o1.returnCases.map((c) => c.createdAt)).toEqual(["2026-11-28T10:00:00.000Z", "2026-11-27T10:00:00.000Z"]);
    expect(o1.sync).toMatchObject({ state: "posted", erpNumber: "SO-1", exception: null });
    expect(o2.sync.state).toBe("posted");
    // 1003 is posted only in shop B; in shop A it is stuck on a mapping.
    expect(o3.erp).toBeNull();
    expect(o3.erpUnavailable).toBeNull();
    expect(o3.sync).toMatchObject({ state: "exception", erpNumber: null, exception: { errorClass: "mapping", message: "SKU GHOST-1 has no ERP item", ageMinutes: 45 } });
    expect(o3.returnCases).toEqual([]);
    expect(await db.erpOrderSnapshot.count({ where: { shopId: shopA.id } })).toBe(2);
  });

  it("shows the last snapshot, marked stale, when the ERP fails; says so when it never answered", async () => {
    await customerOrders(deps(), { shop: shopA, email: "river@example.com", orderName: null });
    await db.erpOrderSnapshot.deleteMany({ where: { orderId: "1002" } });
    erp = async () => {
      throw new AppError("unavailable", "connect ECONNREFUSED 127.0.0.1:9");
    };
    const answer = await customerOrders(deps({ now: () => new Date(NOW.getTime() + 3_600_000) }), { shop: shopA, email: "river@example.com", orderName: null });

    const [o1, o2] = answer.orders;
    expect(o1.erp).toMatchObject({ number: "SO-1", stale: true, asOf: NOW.toISOString() });
    expect(o1.erpUnavailable).toBe(`The ERP (Main ERP) cannot be reached right now; showing what it said at ${NOW.toISOString()}`);
    expect(o2.erp).toBeNull();
    expect(o2.erpUnavailable).toBe("The ERP (Main ERP) cannot be reached right now; nothing known from it yet");
    // The sync state does not depend on the ERP answering.
    expect(o1.sync.state).toBe("posted");
  });

  it("does not wait for a slow ERP beyond its budget, and a late answer still refreshes the snapshot", async () => {
    await customerOrders(deps(), { shop: shopA, email: "river@example.com", orderName: null });
    let release!: () => void;
    const late = new Promise<void>((resolve) => (release = resolve));
    erp = async (id) => {
      await late;
      return { ...salesOrder(id, "SO-LATE"), number: "SO-LATE" };
    };
    const started = Date.now();
    const answer = await customerOrders(deps({ erpBudgetMs: 100 }), { shop: shopA, email: "river@example.com", orderName: null });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(answer.orders[0].erp).toMatchObject({ number: "SO-1", stale: true });
    expect(answer.orders[0].erpUnavailable).toMatch(/^The ERP \(Main ERP\) did not answer within 100 ms; showing what it said at /);

    release();
    await expect.poll(async () => (await db.erpOrderSnapshot.findFirstOrThrow({ where: { shopId: shopA.id, orderId: "1001" } })).data).toContain("SO-LATE");
  });

  it("never shows another shop's links, exceptions, cases or snapshots for the same order ids", async () => {
    shopifyOrders[shopB.domain] = [facts("1001", "#1001"), facts("1003", "#1003")];
    erp = async (id) => salesOrder(id, "SO-B");
    const answer = await customerOrders(deps(), { shop: shopB, email: "river@example.com", orderName: null });

    expect(asked.map((a) => a.shop)).toEqual([shopB.domain]);
    const [o1, o3] = answer.orders;
    expect(o1.sync).toMatchObject({ state: "exception", exception: { message: "shop B's problem" } });
    expect(o1.erp).toBeNull();
    expect(o1.returnCases).toHaveLength(1);
    expect(o3.sync).toMatchObject({ state: "posted", erpNumber: "SO-B" });
  });

  it("answers without ERP facts, saying why, when the shop has no ERP connection", async () => {
    const lonely = await db.shop.create({ data: { domain: "c.myshopify.com" } });
    shopifyOrders["c.myshopify.com"] = [facts("1001", "#1001")];
    const answer = await customerOrders(deps(), { shop: { id: lonely.id, domain: lonely.domain }, email: null, orderName: "#1001" });
    expect(asked[0].query).toEqual({ orderName: "#1001" });
    expect(answer.orders[0].erp).toBeNull();
    expect(answer.orders[0].erpUnavailable).toMatch(/^No ERP to ask: No active ERP connection/);
    expect(answer.orders[0].sync.state).toBe("pending");
  });
});
