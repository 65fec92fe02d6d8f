/**
 * The helpdesk API the Zendesk sidebar calls, through its real routes, on orders the pipeline
 * posted from sandbox Shopify to the reference ERP: what an agent sees (ERP number, allocation,
 * parcels with tracking, refunds with credit memos, sync state and exceptions), the stale view
 * while the ERP is down, the retry action, and the walls: one connection reads one shop, and
 * every bad token gets the same 401.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerOrdersAnswer, HelpdeskError, OrderView, ReturnCaseView, SyncStateView } from "~/flows/helpdesk/view";
import { signTestHelpdeskToken as sign, tamperTestToken } from "~/flows/helpdesk/test-support";
import { saveConnection } from "~/models/connections.server";
import { seedConnectedShop } from "../../scripts/lib/seed-shop";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { fulfillmentsOf } from "./helpers/fulfillment-checks";
import { ordersSettled, startOrderPipeline, type Pipeline } from "./helpers/order-pipeline";
import { until } from "./helpers/until";
import { TEST_RETRY_POLICY } from "./order-faults.suite";

type Route = (args: LoaderFunctionArgs) => Promise<Response> | Response;

const SECRET_A = "zendesk-shared-secret-of-shop-a";
const SECRET_B = "zendesk-shared-secret-of-shop-b";
const EMAIL = "helpdesk-river@example.com";
const HELPDESK_SETTINGS = { agentEmail: "agent@example.com", groupId: null };

describe("the helpdesk API", () => {
  let database: TestDatabase;
  let p: Pipeline;
  let shopA: { id: string; domain: string };
  let shopB: { id: string; domain: string };
  let zendeskA: string;
  let zendeskB: string;
  let disabledZendesk: string;
  let routes: { orders: Route; returnCase: Route; retrySync: Route; startReturn: Route };

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({ database, driver: "database", retryPolicy: TEST_RETRY_POLICY, erpCallbacks: true });
    const a = await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } });
    shopA = { id: a.id, domain: a.domain };
    // A second shop of the same app, on the same ERP, with a customer of the same email.
    const b = await seedConnectedShop(p.db, p.sandbox, {
      domain: `other-${Date.now().toString(36)}.myshopify.com`,
      name: "Other Outfitters",
      scopes: "read_orders,read_all_orders,write_orders,read_products,read_customers",
      erp: { url: p.erp.url, apiKey: "pipeline-erp-key" },
    });
    shopB = { id: b.shop.id, domain: b.shop.domain };
    const helpdesk = (shopId: string, name: string, sharedSecret: string, status = "active") =>
      saveConnection(p.db, { shopId, kind: "helpdesk", provider: "zendesk", name, settings: HELPDESK_SETTINGS, secret: { sharedSecret, apiToken: "zd-token" }, status });
    zendeskA = (await helpdesk(shopA.id, "Zendesk", SECRET_A)).id;
    zendeskB = (await helpdesk(shopB.id, "Zendesk", SECRET_B)).id;
    disabledZendesk = (await helpdesk(shopA.id, "Old Zendesk", "old-secret", "disabled")).id;
    routes = {
      orders: (await import("~/routes/helpdesk.$connectionId.orders")).loader,
      returnCase: (await import("~/routes/helpdesk.$connectionId.returns.$caseId")).loader,
      retrySync: (await import("~/routes/helpdesk.$connectionId.orders_.$orderId.retry-sync")).action,
      startReturn: (await import("~/routes/helpdesk.$connectionId.orders_.$orderId.returns")).action,
    };
    p.startWorker();
  });
  afterAll(async () => {
    await p?.erp.admin.setSwitches({ outage: "off" });
    await p?.close();
    await database?.drop();
  });

  const bearer = (secret: string, claims: Record<string, unknown> = {}) => `Bearer ${sign(secret, { claims })}`;

  async function call(route: Route, path: string, params: Record<string, string>, authorization: string | null, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (authorization !== null) headers.set("authorization", authorization);
    const response = await route({ request: new Request(`http://app.test${path}`, { ...init, headers }), params, context: {} });
    return { status: response.status, headers: response.headers, body: await response.json() };
  }
  const ordersOf = (connectionId: string, query: string, authorization: string | null = bearer(SECRET_A)) =>
    call(routes.orders, `/helpdesk/${connectionId}/orders?${query}`, { connectionId }, authorization);
  const answerOf = async (query: string) => {
    const res = await ordersOf(zendeskA, query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as CustomerOrdersAnswer;
  };
  const orderIn = (answer: CustomerOrdersAnswer, orderId: string): OrderView => {
    const order = answer.orders.find((o) => o.id === orderId);
    if (!order) throw new Error(`order ${orderId} is not in the answer: ${answer.orders.map((o) => o.id).join(", ")}`);
    return order;
  };
  const lineOf = (orderId: string, sku: string) => {
    const order = p.sandbox.store.find(p.shop)!.orders.get(orderId)!;
    return String(order.lineItems.find((l) => l.sku === sku)!.id);
  };
  const salesOrderOf = async (orderId: string) => (await p.db.documentLink.findFirstOrThrow({ where: { sourceType: "order", sourceId: orderId, erpType: "sales_order" } })).erpId;

  /** Ships some units of a sales order in the reference ERP, as its warehouse would. */
  async function ship(salesOrderId: string, carrier: string, trackingNumber: string, lines: { sku: string; quantity: number }[]) {
    const erpLines = p.erp.admin.salesOrder(salesOrderId).lines;
    const packages = [{ carrier, trackingNumber, trackingUrl: `https://track.example/${trackingNumber}`, lines: lines.map((l) => ({ lineNo: erpLines.find((x) => x.itemCode === l.sku)!.lineNo, quantity: l.quantity })) }];
    const res = await fetch(`${p.erp.url}/_admin/sales-orders/${salesOrderId}/shipments`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ packages }) });
    if (res.status !== 201 && res.status !== 200) throw new Error(`shipping failed: ${await res.text()}`);
  }

  let shippedOrderId = "";

  it("shows a customer's posted orders with ERP number, allocation, a partial shipment with tracking and a refund with its credit memo", async () => {
    const orderId = await p.placeOrder({ email: EMAIL });
    const other = await p.placeOrder({ email: EMAIL, lines: [{ sku: "HOODIE-1", quantity: 1 }] });
    await p.waitForLinks([orderId, other]);
    // The warehouse sends one of the two tees; the hoodie ships in full and its shipping is refunded.
    await ship(await salesOrderOf(orderId), "UPS", "1Z-HELPDESK-1", [{ sku: "TEE-1", quantity: 1 }]);
    await ship(await salesOrderOf(other), "DHL", "DHL-HELPDESK-2", [{ sku: "HOODIE-1", quantity: 1 }]);
    await until("the fulfilments in Shopify", async () => (await fulfillmentsOf(p, orderId)).length === 1 && (await fulfillmentsOf(p, other)).length === 1);
    await ordersSettled(p);
    const refunded = await p.control(`/shops/${p.shop}/orders/${other}/refunds`, { shipping: { fullRefund: true }, note: "Late delivery" });
    expect(refunded.status).toBe(200);
    const refundId = String(refunded.body.refund.id);
    const memo = await until("the refund's credit memo", () => p.db.documentLink.findFirst({ where: { sourceType: "refund", sourceId: refundId, erpType: "credit_memo" } }));
    shippedOrderId = orderId;

    const res = await ordersOf(zendeskA, `email=${encodeURIComponent(EMAIL)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const answer = res.body as CustomerOrdersAnswer;
    expect(answer.email).toBe(EMAIL);
    expect(answer.orders.map((o) => o.id).sort()).toEqual([orderId, other].sort());

    const order = orderIn(answer, orderId);
    const erpNumber = p.erp.admin.salesOrder(await salesOrderOf(orderId)).number;
    expect(order.sync).toMatchObject({ state: "posted", erpNumber, exception: null });
    expect(order.erpUnavailable).toBeNull();
    expect(order.erp).toMatchObject({ number: erpNumber, status: "partially_shipped", allocation: "allocated", stale: false });
    expect(order.erp!.lines.find((l) => l.itemCode === "TEE-1")).toMatchObject({ quantity: 2, shipped: 1, allocated: 1, backordered: 0 });
    expect(order.erp!.shipments).toHaveLength(1);
    expect(order.erp!.shipments[0].parcels).toEqual([
      { carrier: "UPS", trackingNumber: "1Z-HELPDESK-1", trackingUrl: "https://track.example/1Z-HELPDESK-1", lines: [expect.objectContaining({ itemCode: "TEE-1", quantity: 1 })] },
    ]);
    expect(order.erp!.invoices.length).toBeGreaterThan(0);
    expect(order.fulfilmentStatus).toMatch(/partial/);

    const refundedOrder = orderIn(answer, other);
    expect(refundedOrder.erp).toMatchObject({ number: p.erp.admin.salesOrder(await salesOrderOf(other)).number, status: "shipped", stale: false });
    expect(refundedOrder.erp!.creditMemos.map((c) => c.erpId)).toEqual([memo.erpId]);
    expect(refundedOrder.refunds).toEqual([expect.objectContaining({ id: refundId, note: "Late delivery", erpCreditMemo: memo.erpNumber ?? memo.erpId })]);
    expect(refundedOrder.sync.erpNumber).toBe(refundedOrder.erp!.number);

    // The same order found by its number.
    const byName = await answerOf(`order=${encodeURIComponent(order.name)}`);
    expect(byName.orders.map((o) => o.id)).toEqual([orderId]);
  });

  it("shows an order stuck in an exception with its reason and age, and retry-sync requeues the exception's job", async () => {
    await p.db.skuMapping.updateMany({ where: { shopId: shopA.id, sku: "CAP-1" }, data: { status: "paused" } });
    const orderId = await p.placeOrder({ email: EMAIL, lines: [{ sku: "CAP-1", quantity: 1 }] });
    const exception = await until("the order's exception", () => p.db.syncException.findFirst({ where: { sourceType: "order", sourceId: orderId, status: "open" } }));
    await ordersSettled(p);
    // Its creation and its payment both failed on the mapping: one exception each.
    const open = await p.db.syncException.findMany({ where: { sourceType: "order", sourceId: orderId, status: "open" } });

    const stuck = orderIn(await answerOf(`email=${encodeURIComponent(EMAIL)}`), orderId);
    expect(stuck.erp).toBeNull();
    expect(stuck.sync).toMatchObject({ state: "exception", erpNumber: null, exception: { id: exception.id, errorClass: "mapping", ageMinutes: 0 } });
    expect(stuck.sync.exception!.message).toContain("CAP-1");

    await p.db.skuMapping.updateMany({ where: { shopId: shopA.id, sku: "CAP-1" }, data: { status: "active" } });
    const retried = await call(routes.retrySync, `/helpdesk/${zendeskA}/orders/${orderId}/retry-sync`, { connectionId: zendeskA, orderId }, bearer(SECRET_A), { method: "POST" });
    expect(retried.status, JSON.stringify(retried.body)).toBe(202);
    expect((retried.body as { sync: SyncStateView }).sync.state).not.toBe("exception");
    const attempts = await p.db.syncExceptionAttempt.findMany({ where: { exceptionId: { in: open.map((e) => e.id) }, outcome: "requeued" } });
    expect(attempts.map((a) => [a.exceptionId, a.actor]).sort()).toEqual(open.map((e) => [e.id, "zendesk"]).sort());

    await p.waitForLinks([orderId]);
    for (const { id, jobId } of open) {
      await until(`exception ${id} to be resolved by its retried job`, async () => (await p.db.syncException.findUniqueOrThrow({ where: { id } })).status === "resolved");
      expect((await p.db.job.findUniqueOrThrow({ where: { id: jobId! } })).status).toBe("succeeded");
    }
    expect(orderIn(await answerOf(`email=${encodeURIComponent(EMAIL)}`), orderId).sync.state).toBe("posted");
  });

  it("starts a return through the route, naming a wrong field with 422, and reads the case back only in its shop", async () => {
    const bad = await call(routes.startReturn, `/helpdesk/${zendeskA}/orders/${shippedOrderId}/returns`, { connectionId: zendeskA, orderId: shippedOrderId }, bearer(SECRET_A), {
      method: "POST",
      body: JSON.stringify({ requestKey: "helpdesk-return-1", lines: [], restock: true }),
    });
    expect(bad.status).toBe(422);
    expect((bad.body as HelpdeskError).error).toMatchObject({ code: "invalid_request", field: "lines" });
    const notJson = await call(routes.startReturn, `/helpdesk/${zendeskA}/orders/${shippedOrderId}/returns`, { connectionId: zendeskA, orderId: shippedOrderId }, bearer(SECRET_A), { method: "POST", body: "{" });
    expect(notJson.status).toBe(400);
    const huge = await call(routes.startReturn, `/helpdesk/${zendeskA}/orders/${shippedOrderId}/returns`, { connectionId: zendeskA, orderId: shippedOrderId }, bearer(SECRET_A), {
      method: "POST",
      body: JSON.stringify({ requestKey: "x".repeat(100_000) }),
    });
    expect(huge.status).toBe(413);

    const started = await call(routes.startReturn, `/helpdesk/${zendeskA}/orders/${shippedOrderId}/returns`, { connectionId: zendeskA, orderId: shippedOrderId }, bearer(SECRET_A), {
      method: "POST",
      body: JSON.stringify({ requestKey: "helpdesk-return-2", lines: [{ lineItemId: lineOf(shippedOrderId, "TEE-1"), quantity: 1, reason: "size_too_small" }], restock: true, refund: false }),
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const view = (started.body as { returnCase: ReturnCaseView }).returnCase;
    const read = await call(routes.returnCase, `/helpdesk/${zendeskA}/returns/${view.id}`, { connectionId: zendeskA, caseId: view.id }, bearer(SECRET_A));
    expect(read.status).toBe(200);
    expect((read.body as { returnCase: ReturnCaseView }).returnCase.id).toBe(view.id);
    const fromB = await call(routes.returnCase, `/helpdesk/${zendeskB}/returns/${view.id}`, { connectionId: zendeskB, caseId: view.id }, bearer(SECRET_B));
    expect(fromB.status).toBe(404);
    expect(orderIn(await answerOf(`order=${encodeURIComponent(orderIn(await answerOf(`email=${encodeURIComponent(EMAIL)}`), shippedOrderId).name)}`), shippedOrderId).returnCases.map((c) => c.id)).toContain(view.id);
  });

  it("a token for shop A's connection never reads shop B's orders, whatever its claims say", async () => {
    const placed = await p.control(`/shops/${shopB.domain}/orders`, { lines: [{ sku: "TEE-1", quantity: 1 }], email: EMAIL, financialStatus: "paid" });
    expect([200, 201]).toContain(placed.status);
    const orderOfB = String(placed.body.order?.id ?? placed.body.id);

    // B's connection with B's secret sees B's order: the email really is shared.
    const asB = await ordersOf(zendeskB, `email=${encodeURIComponent(EMAIL)}`, bearer(SECRET_B));
    expect(asB.status).toBe(200);
    expect((asB.body as CustomerOrdersAnswer).orders.map((o) => o.id)).toEqual([orderOfB]);

    const claimsOfB = { shop: shopB.domain, shopId: shopB.id, connectionId: zendeskB, email: EMAIL };
    const asA = await ordersOf(zendeskA, `email=${encodeURIComponent(EMAIL)}`, bearer(SECRET_A, claimsOfB));
    expect(asA.status).toBe(200);
    const seen = (asA.body as CustomerOrdersAnswer).orders.map((o) => o.id);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain(orderOfB);

    // A's token on B's connection, and B's order number through A: nothing.
    expect((await ordersOf(zendeskB, `email=${encodeURIComponent(EMAIL)}`, bearer(SECRET_A, claimsOfB))).status).toBe(401);
    const name = (asB.body as CustomerOrdersAnswer).orders[0].name;
    const byName = await ordersOf(zendeskA, `order=${encodeURIComponent(name)}`, bearer(SECRET_A, claimsOfB));
    expect((byName.body as CustomerOrdersAnswer).orders.map((o) => o.id)).not.toContain(orderOfB);
    const retryB = await call(routes.retrySync, `/helpdesk/${zendeskA}/orders/${orderOfB}/retry-sync`, { connectionId: zendeskA, orderId: orderOfB }, bearer(SECRET_A, claimsOfB), { method: "POST" });
    expect(retryB.status).toBe(404);
  });

  it("answers every bad token with the same 401 and nothing about why", async () => {
    const now = Math.floor(Date.now() / 1000);
    const good = sign(SECRET_A);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const bad: [string, string, string | null][] = [
      ["alg none", zendeskA, `Bearer ${b64({ alg: "none", typ: "JWT" })}.${b64({ iat: now, exp: now + 60 })}.`],
      ["HS512", zendeskA, `Bearer ${sign(SECRET_A, { header: { alg: "HS512", typ: "JWT" }, hmac: "sha512" })}`],
      ["RS256 header", zendeskA, `Bearer ${tamperTestToken(good, { header: { alg: "RS256" } })}`],
      ["expired", zendeskA, `Bearer ${sign(SECRET_A, { iat: now - 3_600 })}`],
      ["issued in the future", zendeskA, `Bearer ${sign(SECRET_A, { iat: now + 600 })}`],
      ["lives a day", zendeskA, `Bearer ${sign(SECRET_A, { lifetimeSeconds: 86_400 })}`],
      ["wrong secret", zendeskA, `Bearer ${sign("guessed")}`],
      ["another shop's secret", zendeskA, bearer(SECRET_B)],
      ["tampered claims", zendeskA, `Bearer ${tamperTestToken(good, { claims: { shop: shopB.domain } })}`],
      ["malformed", zendeskA, "Bearer not.a.jwt"],
      ["empty", zendeskA, "Bearer "],
      ["no Bearer", zendeskA, good],
      ["no header", zendeskA, null],
      ["unknown connection", "conn_does_not_exist", bearer(SECRET_A)],
      ["disabled connection", disabledZendesk, bearer("old-secret")],
    ];
    const bodies = new Set<string>();
    for (const [what, connectionId, authorization] of bad) {
      const res = await ordersOf(connectionId, `email=${encodeURIComponent(EMAIL)}`, authorization);
      expect(res.status, what).toBe(401);
      expect(res.headers.get("cache-control"), what).toBe("no-store");
      bodies.add(JSON.stringify(res.body));
    }
    expect([...bodies]).toEqual([JSON.stringify({ error: { code: "unauthorized", message: "The request could not be authenticated." } })]);
    // A bad token is refused before the query is looked at: no 422 hint either.
    expect((await ordersOf(zendeskA, "", `Bearer ${sign("guessed")}`)).status).toBe(401);
  });

  it("asks for an email or an order number, naming the field", async () => {
    const none = await ordersOf(zendeskA, "");
    expect(none.status).toBe(422);
    expect(none.body).toEqual({ error: { code: "invalid_request", message: expect.any(String), field: "email" } });
    expect((await ordersOf(zendeskA, "email=not-an-address")).body.error.field).toBe("email");
  });

  it("shows the last known ERP data, marked stale, while the ERP is stopped", async () => {
    await p.erp.admin.setSwitches({ outage: "refused" });
    try {
      const started = Date.now();
      const answer = await answerOf(`email=${encodeURIComponent(EMAIL)}`);
      expect(Date.now() - started).toBeLessThan(3_000);
      const order = orderIn(answer, shippedOrderId);
      expect(order.erp).toMatchObject({ status: "partially_shipped", stale: true });
      expect(order.erp!.shipments[0].parcels[0].trackingNumber).toBe("1Z-HELPDESK-1");
      expect(order.erpUnavailable).toMatch(/cannot be reached right now; showing what it said at /);
      // Our own records still say where the order stands.
      expect(order.sync.erpNumber).toBe(order.erp!.number);
    } finally {
      await p.erp.admin.setSwitches({ outage: "off" });
    }
  });
});
