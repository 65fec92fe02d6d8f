/**
 * The admin order-details block's backend, through its real routes with real ID tokens (signed
 * with the app's secret, as Shopify's admin signs them), on orders the pipeline posted from
 * sandbox Shopify to the reference ERP: ERP number, allocation, a shipment with tracking and
 * the sync state; an order stuck in an exception and the block's retry; CORS for the extension
 * origin; and the walls: a missing or forged token is refused, another shop sees nothing.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderErpStatusAnswer } from "~/flows/helpdesk/order-status";
import type { SyncStateView } from "~/flows/helpdesk/view";
import { seedConnectedShop } from "../../scripts/lib/seed-shop";
import { sessionToken } from "../e2e/helpers/session-token";
import { TEST_APP } from "./helpers/app-env";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { fulfillmentsOf } from "./helpers/fulfillment-checks";
import { ordersSettled, startOrderPipeline, type Pipeline } from "./helpers/order-pipeline";
import { until } from "./helpers/until";
import { TEST_RETRY_POLICY } from "./order-faults.suite";

type Route = (args: LoaderFunctionArgs) => Promise<Response> | Response;

/** Where admin UI extensions run: a cross-origin caller, so answers need CORS headers. */
const EXTENSION_ORIGIN = "https://extensions.shopifycdn.com";

describe("the order-details block API", () => {
  let database: TestDatabase;
  let p: Pipeline;
  let shopA: { id: string; domain: string };
  let shopB: { id: string; domain: string };
  let routes: { statusLoader: Route; statusAction: Route; retry: Route };
  let postedOrder = "";

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({ database, driver: "database", retryPolicy: TEST_RETRY_POLICY, erpCallbacks: true });
    const a = await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } });
    shopA = { id: a.id, domain: a.domain };
    // A second installed shop of the same app, on the same ERP.
    const b = await seedConnectedShop(p.db, p.sandbox, {
      domain: `block-other-${Date.now().toString(36)}.myshopify.com`,
      name: "Other Outfitters",
      scopes: "read_orders,read_all_orders,write_orders,read_products,read_customers",
      erp: { url: p.erp.url, apiKey: "pipeline-erp-key" },
    });
    shopB = { id: b.shop.id, domain: b.shop.domain };
    const status = await import("~/routes/api.orders.$orderId.erp-status");
    routes = { statusLoader: status.loader, statusAction: status.action, retry: (await import("~/routes/api.orders.$orderId.retry-sync")).action };
    p.startWorker();
  });
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  const idToken = (shop: string, overrides: Record<string, unknown> = {}) => sessionToken({ shop, apiKey: TEST_APP.apiKey, secret: TEST_APP.apiSecret }, overrides);

  /** Calls a route as Remix would; a Response thrown by authenticate.admin is the answer too. */
  async function call(route: Route, path: string, orderId: string, token: string | null, init: RequestInit = {}) {
    const headers = new Headers({ Origin: EXTENSION_ORIGIN, ...(init.headers as Record<string, string>) });
    if (token !== null) headers.set("authorization", `Bearer ${token}`);
    let response: Response;
    try {
      response = await route({ request: new Request(`${TEST_APP.appUrl}${path}`, { ...init, headers }), params: { orderId }, context: {} });
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null, text };
  }
  const statusOf = (orderId: string, token: string | null = idToken(shopA.domain)) => call(routes.statusLoader, `/api/orders/${orderId}/erp-status`, orderId, token);
  const retry = (orderId: string, token: string | null = idToken(shopA.domain)) => call(routes.retry, `/api/orders/${orderId}/retry-sync`, orderId, token, { method: "POST" });
  const salesOrderOf = async (orderId: string) => (await p.db.documentLink.findFirstOrThrow({ where: { sourceType: "order", sourceId: orderId, erpType: "sales_order" } })).erpId;

  it("shows a posted order's ERP number, status, allocation and its shipment with tracking, with CORS for the extension", async () => {
    postedOrder = await p.placeOrder();
    await p.waitForLinks([postedOrder]);
    const salesOrderId = await salesOrderOf(postedOrder);
    const erpLines = p.erp.admin.salesOrder(salesOrderId).lines;
    const packages = [
      { carrier: "UPS", trackingNumber: "1Z-BLOCK-1", trackingUrl: "https://track.example/1Z-BLOCK-1", lines: [{ lineNo: erpLines.find((l) => l.itemCode === "TEE-1")!.lineNo, quantity: 1 }] },
    ];
    const shipped = await fetch(`${p.erp.url}/_admin/sales-orders/${salesOrderId}/shipments`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ packages }) });
    expect([200, 201]).toContain(shipped.status);
    await until("the fulfilment in Shopify", async () => (await fulfillmentsOf(p, postedOrder)).length === 1);
    await ordersSettled(p);

    const res = await statusOf(postedOrder);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("Authorization");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const answer = res.body as OrderErpStatusAnswer;
    const erpNumber = p.erp.admin.salesOrder(salesOrderId).number;
    expect(answer.orderId).toBe(postedOrder);
    expect(answer.erpUnavailable).toBeNull();
    expect(answer.sync).toMatchObject({ state: "posted", erpNumber, exception: null });
    expect(answer.erp).toMatchObject({ number: erpNumber, status: "partially_shipped", allocation: "allocated", stale: false });
    expect(answer.erp!.shipments.flatMap((s) => s.parcels)).toEqual([
      { carrier: "UPS", trackingNumber: "1Z-BLOCK-1", trackingUrl: "https://track.example/1Z-BLOCK-1", lines: [expect.objectContaining({ itemCode: "TEE-1", quantity: 1 })] },
    ]);
  });

  it("answers the browser's preflight with 204 and CORS headers, without a token", async () => {
    for (const [route, path] of [
      [routes.statusAction, `/api/orders/${postedOrder}/erp-status`],
      [routes.retry, `/api/orders/${postedOrder}/retry-sync`],
    ] as const) {
      const res = await call(route, path, postedOrder, null, { method: "OPTIONS", headers: { "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" } });
      expect(res.status, path).toBe(204);
      expect(res.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(res.headers.get("access-control-allow-headers"), path).toContain("Authorization");
    }
  });

  it("shows an order stuck in an exception with its reason and age, and the block's retry requeues it and is audited", async () => {
    await p.db.skuMapping.updateMany({ where: { shopId: shopA.id, sku: "CAP-1" }, data: { status: "paused" } });
    const orderId = await p.placeOrder({ lines: [{ sku: "CAP-1", quantity: 1 }] });
    const exception = await until("the order's exception", () => p.db.syncException.findFirst({ where: { sourceType: "order", sourceId: orderId, status: "open" } }));
    await ordersSettled(p);
    const open = await p.db.syncException.findMany({ where: { sourceType: "order", sourceId: orderId, status: "open" } });

    const stuck = await statusOf(orderId);
    expect(stuck.status, stuck.text).toBe(200);
    const answer = stuck.body as OrderErpStatusAnswer;
    expect(answer.erp).toBeNull();
    expect(answer.sync).toMatchObject({ state: "exception", erpNumber: null, exception: { id: exception.id, errorClass: "mapping", ageMinutes: 0 } });
    expect(answer.sync.exception!.message).toContain("CAP-1");

    // Another shop's staff cannot retry it: nothing is requeued.
    const attemptsOf = () => p.db.syncExceptionAttempt.count({ where: { exceptionId: { in: open.map((e) => e.id) } } });
    const before = await attemptsOf();
    expect((await retry(orderId, idToken(shopB.domain))).status).toBe(404);
    expect(await attemptsOf()).toBe(before);

    await p.db.skuMapping.updateMany({ where: { shopId: shopA.id, sku: "CAP-1" }, data: { status: "active" } });
    const retried = await retry(orderId, idToken(shopA.domain, { sub: "42" }));
    expect(retried.status, retried.text).toBe(202);
    expect(retried.headers.get("access-control-allow-origin")).toBe("*");
    expect((retried.body as { sync: SyncStateView }).sync.state).not.toBe("exception");
    const actor = `user:42@${shopA.domain}`;
    const attempts = await p.db.syncExceptionAttempt.findMany({ where: { exceptionId: { in: open.map((e) => e.id) }, outcome: "requeued" } });
    expect(attempts.map((a) => [a.exceptionId, a.actor]).sort()).toEqual(open.map((e) => [e.id, actor]).sort());
    const audit = await p.db.auditEntry.findFirstOrThrow({ where: { shopId: shopA.id, action: "order.retry_sync", subjectId: orderId } });
    expect(audit.actor).toBe(actor);
    expect(JSON.parse(audit.details)).toMatchObject({ ok: true });

    await p.waitForLinks([orderId]);
    for (const { id } of open) {
      await until(`exception ${id} to be resolved by its retried job`, async () => (await p.db.syncException.findUniqueOrThrow({ where: { id } })).status === "resolved");
    }
    const after = await statusOf(orderId);
    expect((after.body as OrderErpStatusAnswer).sync.state).toBe("posted");
    expect((after.body as OrderErpStatusAnswer).erp?.number).toBe((after.body as OrderErpStatusAnswer).sync.erpNumber);
  });

  it("refuses a missing or forged token with 401 and no order data", async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused: [string, string | null][] = [
      ["no token", null],
      ["signed with another secret", sessionToken({ shop: shopA.domain, apiKey: TEST_APP.apiKey, secret: "someone-elses-secret" })],
      ["for another app", idToken(shopA.domain, { aud: "another-app" })],
      ["expired", idToken(shopA.domain, { exp: now - 120 })],
      ["malformed", "not.a.jwt"],
    ];
    for (const [what, token] of refused) {
      for (const res of [await statusOf(postedOrder, token), await retry(postedOrder, token)]) {
        expect(res.status, what).toBe(401);
        expect(res.text, what).not.toContain(postedOrder);
        expect(res.text, what).not.toMatch(/SO-|1Z-BLOCK/);
      }
    }
    // Without a token the refusal is JSON the block can read, with CORS so the browser shows it.
    const none = await statusOf(postedOrder, null);
    expect(none.body).toEqual({ error: { code: "unauthorized", message: "The request could not be authenticated." } });
    expect(none.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("a valid token of another shop never reads this shop's order", async () => {
    const res = await statusOf(postedOrder, idToken(shopB.domain));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect(res.text).not.toMatch(/SO-|1Z-BLOCK|UPS/);
  });

  it("names a bad order id and refuses the wrong method", async () => {
    const bad = await statusOf("gid-not-a-number");
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: "invalid_request", field: "orderId" });
    const get = await call(routes.statusAction, `/api/orders/${postedOrder}/erp-status`, postedOrder, idToken(shopA.domain), { method: "POST" });
    expect(get.status).toBe(405);
  });
});
