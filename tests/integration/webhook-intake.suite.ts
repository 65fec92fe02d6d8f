/**
 * Webhook intake through the real route modules: authenticate with the Shopify library, store
 * in the inbox, answer. Shared by the SQLite and PostgreSQL test files.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import type { TestDatabase } from "./helpers/databases";
import { setAppEnv, TEST_APP } from "./helpers/app-env";
import { signedWebhookRequest } from "./helpers/webhook-request";

type Action = (args: ActionFunctionArgs) => Promise<Response>;

export function webhookIntakeSuite(createDatabase: () => Promise<TestDatabase>) {
  let database: TestDatabase;
  let db: Db;
  let ordersAction: Action;
  let uninstalledAction: Action;
  let complianceAction: Action;
  let deliveries: (labels: Record<string, string>) => number;

  const call = (action: Action, request: Request) => action({ request, params: {}, context: {} });
  const shop = "intake-shop.myshopify.com";
  const bigId = "9007199254740993123"; // above 2^53
  const orderBody = `{"id":${bigId},"admin_graphql_api_id":"gid://shopify/Order/${bigId}","name":"#1001"}`;
  const signed = (over: Partial<Parameters<typeof signedWebhookRequest>[0]> = {}) =>
    signedWebhookRequest({ topic: "orders/create", shop, body: orderBody, secret: TEST_APP.apiSecret, ...over });

  beforeAll(async () => {
    database = await createDatabase();
    setAppEnv(database.url);
    ordersAction = (await import("~/routes/webhooks.orders")).action as Action;
    uninstalledAction = (await import("~/routes/webhooks.app.uninstalled")).action as Action;
    complianceAction = (await import("~/routes/webhooks.compliance")).action as Action;
    db = (await import("~/db.server")).default;
    const { webhookDeliveries } = await import("~/webhooks/metrics");
    deliveries = (labels) => webhookDeliveries.get(labels);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  describe("webhook intake", () => {
    it("stores a signed delivery with its exact body and headers, and answers 200", async () => {
      const res = await call(ordersAction, signed({ webhookId: "wh-1", eventId: "ev-1" }));
      expect(res.status).toBe(200);
      const row = await db.inboxEvent.findFirstOrThrow({ where: { shopDomain: shop, deliveryId: "wh-1" } });
      expect(row.topic).toBe("orders/create");
      expect(row.eventId).toBe("ev-1");
      expect(row.apiVersion).toBe("2026-10");
      expect(row.status).toBe("received");
      expect(row.payload).toBe(orderBody);
      expect(row.triggeredAt).toBeInstanceOf(Date);
    });

    it("acknowledges a repeated delivery id without storing it twice", async () => {
      expect((await call(ordersAction, signed({ webhookId: "wh-2" }))).status).toBe(200);
      expect((await call(ordersAction, signed({ webhookId: "wh-2" }))).status).toBe(200);
      expect(await db.inboxEvent.count({ where: { shopDomain: shop, deliveryId: "wh-2" } })).toBe(1);
      expect(deliveries({ topic: "orders/create", outcome: "duplicate" })).toBeGreaterThanOrEqual(1);
    });

    it("refuses a bad signature with 401 and stores nothing", async () => {
      const res = await call(ordersAction, signed({ webhookId: "wh-bad", secret: "not-the-app-secret" }));
      expect(res.status).toBe(401);
      expect(await db.inboxEvent.count({ where: { deliveryId: "wh-bad" } })).toBe(0);
    });

    it("refuses a body changed after signing with 401", async () => {
      const request = signed({ webhookId: "wh-tampered" });
      const tampered = new Request(request.url, {
        method: "POST",
        headers: request.headers,
        body: orderBody.replace("#1001", "#9999"),
      });
      expect((await call(ordersAction, tampered)).status).toBe(401);
      expect(await db.inboxEvent.count({ where: { deliveryId: "wh-tampered" } })).toBe(0);
    });

    it("refuses missing Shopify headers with 400 and stores nothing", async () => {
      for (const header of ["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Webhook-Id", "X-Shopify-Hmac-Sha256"]) {
        const res = await call(ordersAction, signed({ webhookId: `wh-missing-${header}`, headers: { [header]: null } }));
        expect(res.status, header).toBe(400);
      }
      expect(await db.inboxEvent.count({ where: { deliveryId: { startsWith: "wh-missing" } } })).toBe(0);
    });

    it("refuses an oversized body with 413, announced or not, and stores nothing", async () => {
      const huge = `{"id":1,"note":"${"x".repeat(9 * 1024 * 1024)}"}`;
      expect((await call(ordersAction, signed({ webhookId: "wh-huge", body: huge }))).status).toBe(413);
      const chunked = signed({ webhookId: "wh-huge-2", body: huge });
      const stream = new Request(chunked.url, {
        method: "POST",
        headers: chunked.headers,
        body: new Blob([huge]).stream(),
        duplex: "half",
      } as RequestInit);
      expect((await call(ordersAction, stream)).status).toBe(413);
      expect(await db.inboxEvent.count({ where: { deliveryId: { startsWith: "wh-huge" } } })).toBe(0);
    });

    it("after an uninstall, acknowledges and drops order deliveries but keeps GDPR requests", async () => {
      const gone = "gone-shop.myshopify.com";
      await db.shop.create({ data: { domain: gone } });
      const uninstall = signed({ shop: gone, topic: "app/uninstalled", body: `{"id":1,"domain":"${gone}"}`, webhookId: "wh-un" });
      expect((await call(uninstalledAction, uninstall)).status).toBe(200);
      expect((await db.shop.findUniqueOrThrow({ where: { domain: gone } })).status).toBe("uninstalled");

      const before = deliveries({ topic: "orders/create", outcome: "dropped_uninstalled" });
      expect((await call(ordersAction, signed({ shop: gone, webhookId: "wh-after" }))).status).toBe(200);
      expect(await db.inboxEvent.count({ where: { deliveryId: "wh-after" } })).toBe(0);
      expect(deliveries({ topic: "orders/create", outcome: "dropped_uninstalled" })).toBe(before + 1);

      const redact = signed({ shop: gone, topic: "shop/redact", body: `{"shop_id":1,"shop_domain":"${gone}"}`, webhookId: "wh-redact" });
      expect((await call(complianceAction, redact)).status).toBe(200);
      expect(await db.inboxEvent.count({ where: { deliveryId: "wh-redact" } })).toBe(1);
    });
  });
}
